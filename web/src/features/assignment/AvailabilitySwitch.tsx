import { Switch } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { problemMessage } from '../../components/problems';
import { useSetAvailability } from './queries';

/**
 * Available for automatic assignment, switched in place. A refusal (403: not yours, not your
 * team's) is said in the UI language and the switch stays where the server has it.
 */
export function AvailabilitySwitch({
  user,
  label,
  testId,
}: {
  user: { id: string; displayName: string; available: boolean };
  label: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const setAvailability = useSetAvailability();
  return (
    <Switch
      label={label}
      checked={setAvailability.isPending ? setAvailability.variables.available : user.available}
      disabled={setAvailability.isPending}
      onChange={(event) =>
        setAvailability.mutate(
          { userId: user.id, available: event.currentTarget.checked },
          {
            onError: (error) =>
              notifications.show({
                color: 'red',
                message:
                  error instanceof ApiError && error.status === 403
                    ? t('assignment.availabilityForbidden', { name: user.displayName })
                    : problemMessage(error, t),
              }),
          },
        )
      }
      data-testid={testId}
      data-checked={user.available ? 'true' : 'false'}
    />
  );
}
