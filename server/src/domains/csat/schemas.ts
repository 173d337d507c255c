import { Type } from 'typebox';
import { CSAT_COMMENT_MAX } from './answer-survey.js';

export const SurveyParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'the signed token of the survey link' }) });

export const Survey = Type.Object({
  caseNumber: Type.String(),
  caseTitle: Type.String(),
  language: Type.Enum(['en', 'zh', 'ms']),
  state: Type.Enum(['open', 'answered', 'expired']),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const SurveyAnswer = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5, description: '1 (very dissatisfied) to 5 (very satisfied)' }),
    comment: Type.Optional(Type.String({ maxLength: CSAT_COMMENT_MAX })),
  },
  { additionalProperties: false },
);
