import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../../app/api';
import { useOptionalSession, useSignIn } from '../../app/session';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { fieldErrors, isFieldOnly, problemMessage } from '../../components/problems';
import { useFormat } from '../../i18n/format';
import i18n from '../../i18n';

export function SignInPage() {
  const { t } = useTranslation();
  const session = useOptionalSession();
  const location = useLocation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  // Back to where the person was heading when the guard sent them here.
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session) return <Navigate to={from} replace />;
  const errors = fieldErrors(signIn.error, t);

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  }

  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="md">
        {/* No user yet: the choice is kept in this browser only. */}
        <LanguageSwitcher onChange={(locale) => void i18n.changeLanguage(locale)} />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  Closeloop
                </Title>
                <Text c="dimmed" size="sm">
                  {t('signIn.tagline')}
                </Text>
              </div>
              <TextInput
                label={t('signIn.email')}
                type="email"
                autoComplete="username"
                autoFocus
                withAsterisk
                error={errors.email}
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                data-testid="sign-in-email"
              />
              <PasswordInput
                label={t('signIn.password')}
                autoComplete="current-password"
                withAsterisk
                error={errors.password}
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                data-testid="sign-in-password"
              />
              {signIn.error && !isFieldOnly(signIn.error, ['email', 'password']) && <SignInError error={signIn.error} />}
              <Button type="submit" loading={signIn.isPending} fullWidth data-testid="sign-in-submit">
                {t('signIn.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}

function SignInError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  let message = problemMessage(error, t);
  if (error instanceof ApiError && error.code === 'rate_limited') {
    message = error.retryAfter
      ? t('signIn.rateLimitedFor', { wait: format.seconds(error.retryAfter) })
      : t('signIn.rateLimited');
  }
  return (
    <Alert color="red" variant="light" role="alert" data-testid="sign-in-error">
      {message}
    </Alert>
  );
}
