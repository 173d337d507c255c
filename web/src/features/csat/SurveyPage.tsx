import { Alert, Box, Button, Center, Group, Loader, Paper, Rating, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { fieldErrors, problemMessage } from '../../components/problems';
import i18n from '../../i18n';
import { useAnswerSurvey, useSurvey } from './queries';

const COMMENT_MAX = 2000;
type Outcome = 'thanks' | 'answered' | 'expired' | 'invalid';

/**
 * The public page of a survey link (no sign-in): opens in the survey's language, which the
 * person may switch; one answer, then a thank-you.
 */
export function SurveyPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const survey = useSurvey(token);
  const answer = useAnswerSurvey(token);
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // The survey's language once, on arrival; after that the person's own choice wins.
  const languageSet = useRef(false);
  const language = survey.data?.language;
  useEffect(() => {
    if (language && !languageSet.current) {
      languageSet.current = true;
      if (language !== i18n.language) void i18n.changeLanguage(language);
    }
  }, [language]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!score) return;
    answer.mutate(
      { score, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      {
        onSuccess: () => setOutcome('thanks'),
        onError: (error) => {
          if (!(error instanceof ApiError)) return;
          if (error.status === 409) setOutcome('answered');
          else if (error.status === 410) setOutcome('expired');
          else if (error.status === 404) setOutcome('invalid');
        },
      },
    );
  }

  const notFound = survey.error instanceof ApiError && survey.error.status === 404;
  const state: Outcome | 'open' | 'loading' | 'error' =
    outcome ?? (survey.isPending ? 'loading' : notFound ? 'invalid' : survey.isError ? 'error' : survey.data!.state === 'open' ? 'open' : survey.data!.state);
  const errors = fieldErrors(answer.error, t);

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" p="md" wrap="nowrap">
        <Text fw={700}>Closeloop</Text>
        <LanguageSwitcher onChange={(locale) => void i18n.changeLanguage(locale)} />
      </Group>
      <Center px="sm" pb="xl">
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'md', sm: 'xl' }} w="100%" maw={520} data-testid="csat-page" data-state={state}>
          {state === 'loading' && (
            <Center py="xl">
              <Loader aria-label={t('csat.loading')} />
            </Center>
          )}
          {state === 'error' && (
            <Stack>
              <Alert color="red" title={t('csat.errorTitle')}>
                {problemMessage(survey.error, t)}
              </Alert>
              <Button variant="light" onClick={() => void survey.refetch()}>
                {t('common.retry')}
              </Button>
            </Stack>
          )}
          {(state === 'thanks' || state === 'answered' || state === 'expired' || state === 'invalid') && (
            <Stack gap="xs" py="md" ta="center" data-testid={`csat-${state}`}>
              <Center>
                {/* Plain glyphs: phones without an emoji font would show a blank box. */}
                <ThemeIcon size={56} radius="xl" variant="light" color={state === 'thanks' || state === 'answered' ? 'teal' : 'orange'} aria-hidden>
                  <Text fz={28} fw={700} lh={1}>
                    {state === 'thanks' || state === 'answered' ? '✓' : '!'}
                  </Text>
                </ThemeIcon>
              </Center>
              <Title order={1} size="h3">
                {t(`csat.${state}.title`)}
              </Title>
              <Text c="dimmed">{t(`csat.${state}.description`)}</Text>
            </Stack>
          )}
          {state === 'open' && survey.data && (
            <form onSubmit={submit} noValidate>
              <Stack gap="lg">
                <div>
                  <Text size="sm" c="dimmed">
                    {t('csat.case', { number: survey.data.caseNumber })}
                  </Text>
                  <Text fw={500} lineClamp={3}>
                    {survey.data.caseTitle}
                  </Text>
                </div>
                <Title order={1} size="h3">
                  {t('csat.question')}
                </Title>
                <Stack gap={4} align="center">
                  <Rating
                    value={score}
                    onChange={setScore}
                    size="xl"
                    name="score"
                    getSymbolLabel={(index) => t('csat.scoreLabel', { score: index, label: t(`csat.score.${index}`) })}
                    data-testid="csat-rating"
                  />
                  <Text size="sm" c={score ? undefined : 'dimmed'} aria-live="polite" data-testid="csat-score-label">
                    {score ? t(`csat.score.${score}`) : t('csat.pickScore')}
                  </Text>
                  {errors.score && (
                    <Text size="sm" c="red">
                      {errors.score}
                    </Text>
                  )}
                </Stack>
                <Textarea
                  label={t('csat.comment')}
                  description={t('csat.commentHint')}
                  autosize
                  minRows={3}
                  maxRows={8}
                  maxLength={COMMENT_MAX}
                  value={comment}
                  error={errors.comment}
                  onChange={(event) => setComment(event.currentTarget.value)}
                  data-testid="csat-comment"
                />
                {answer.isError && !Object.keys(errors).length && <Alert color="red">{problemMessage(answer.error, t)}</Alert>}
                <Button type="submit" size="md" fullWidth disabled={!score} loading={answer.isPending} data-testid="csat-submit">
                  {t('csat.submit')}
                </Button>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
    </Box>
  );
}
