import { Button, Group, Paper, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useFieldErrors } from '../../../components/problems';
import { useSession } from '../../../app/session';
import { useLabels } from '../../../i18n/labels';
import { insertAtCursor } from '../../templates/insert';
import { TemplatePicker } from '../../templates/TemplatePicker';
import { useAddComment } from '../queries';
import { VISIBILITIES, type Case, type Visibility } from '../types';

/**
 * Add a comment. Who reads it is chosen explicitly, and only from what the server allows:
 * without `commentInternal` every comment goes to the requester's thread.
 */
export function Composer({ item }: { item: Case }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const addComment = useAddComment(item.id);
  const { errors, edited } = useFieldErrors(addComment.error);
  const choices: Visibility[] = item.abilities.commentInternal ? [...VISIBILITIES] : ['requester'];
  const [visibility, setVisibility] = useState<Visibility>(choices[0] ?? 'requester');
  const [body, setBody] = useState('');
  const { abilities } = useSession();
  const box = useRef<HTMLTextAreaElement>(null);
  // Variables the last inserted template could not fill in on this case.
  const [missing, setMissing] = useState<string[]>([]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    addComment.mutate(
      { body: body.trim(), visibility },
      {
        onSuccess: () => {
          setBody('');
          setMissing([]);
        },
      },
    );
  }

  function insertTemplate(text: string, unfilled: string[]) {
    const area = box.current;
    const next = insertAtCursor(body, text, area ? { start: area.selectionStart, end: area.selectionEnd } : null);
    setBody(next.value);
    setMissing(unfilled);
    edited('body');
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(next.caret, next.caret);
    });
  }

  const hint: Record<Visibility, string> = {
    internal: t('composer.hint.internal'),
    requester: t('composer.hint.requester'),
    account: t('composer.hint.account'),
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="composer">
      <Stack gap="sm">
        {abilities.templates.use && <TemplatePicker item={item} onInsert={insertTemplate} />}
        <Textarea
          ref={box}
          aria-label={t('composer.label')}
          placeholder={t('composer.placeholder')}
          autosize
          minRows={3}
          maxRows={10}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            edited('body');
          }}
          error={errors.body}
          data-testid="composer-body"
        />
        {missing.length > 0 && (
          <Text size="xs" c="orange.8" data-testid="composer-template-missing">
            {t('templates.picker.missing', { variables: missing.map((name) => t(`templates.variable.${name.replace('.', '_')}`, { defaultValue: name })).join(', ') })}
          </Text>
        )}
        <Group justify="space-between" wrap="wrap" gap="sm">
          {choices.length > 1 ? (
            <SegmentedControl
              size="xs"
              aria-label={t('composer.visibility')}
              data={choices.map((value) => ({ value, label: labels.visibility(value) }))}
              value={visibility}
              onChange={(value) => setVisibility(value as Visibility)}
              data-testid="composer-visibility"
            />
          ) : (
            <span />
          )}
          <Button type="submit" disabled={!body.trim()} loading={addComment.isPending} data-testid="composer-submit">
            {t('composer.submit')}
          </Button>
        </Group>
        <Text size="xs" c={visibility === 'internal' ? 'dimmed' : 'orange.8'} data-testid="composer-hint">
          {hint[visibility]}
        </Text>
        {addComment.error && !errors.body ? <ProblemAlert error={addComment.error} /> : null}
      </Stack>
    </Paper>
  );
}
