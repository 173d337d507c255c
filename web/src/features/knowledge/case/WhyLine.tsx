import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SuggestionWhy } from '../types';

/** Why something was suggested: the shared words, and the other reasons, in a line of small badges. */
export function WhyLine({ why }: { why: SuggestionWhy }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" data-testid="suggestion-why">
      {why.terms.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('knowledge.why.terms')}
        </Text>
      )}
      {why.terms.map((term) => (
        <Badge key={term} size="xs" variant="light" color="yellow" tt="none" data-testid="suggestion-term">
          {term}
        </Badge>
      ))}
      {why.sameCategory && (
        <Badge size="xs" variant="light" color="indigo" tt="none">
          {t('knowledge.why.sameCategory')}
        </Badge>
      )}
      {why.sameAccount && (
        <Badge size="xs" variant="light" color="grape" tt="none">
          {t('knowledge.why.sameAccount')}
        </Badge>
      )}
      {why.helped !== undefined && why.helped > 0 && (
        <Badge size="xs" variant="light" color="teal" tt="none">
          {t('knowledge.why.helped', { n: why.helped })}
        </Badge>
      )}
    </Group>
  );
}
