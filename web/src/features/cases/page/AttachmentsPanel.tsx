import { Alert, Anchor, Button, Divider, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { Fragment, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { problemMessage } from '../../../components/problems';
import { useFormat } from '../../../i18n/format';
import { attachmentUrl, useAttachments, useUploadAttachment } from '../queries';
import type { Attachment, Case } from '../types';

/** The server's limit; checked here too so nobody waits for a 20 MB upload to be refused. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * What the file picker offers. Only a convenience: the server decides by content and refuses
 * anything else (an executable renamed .pdf included).
 */
const ACCEPT = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  '.docx',
  '.xlsx',
  '.pptx',
  'video/mp4',
  'video/quicktime',
  '.mov',
  'audio/mpeg',
  '.mp3',
  'text/plain',
  '.txt',
  '.csv',
  '.log',
].join(',');

/** A short name for a checked content type: format names stay as people know them. */
export function fileKind(contentType: string, t: TFunction): string {
  const known: Record<string, string> = {
    'image/png': 'PNG',
    'image/jpeg': 'JPEG',
    'image/gif': 'GIF',
    'image/webp': 'WebP',
    'application/pdf': 'PDF',
    'video/mp4': 'MP4',
    'video/quicktime': 'MOV',
    'audio/mpeg': 'MP3',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint',
  };
  if (known[contentType]) return known[contentType];
  if (contentType === 'text/plain') return t('attachments.text');
  return contentType;
}

/** Files on the case: download any of them; attach one when the case allows it. */
export function AttachmentsPanel({ item }: { item: Case }) {
  const { t } = useTranslation();
  const format = useFormat();
  const attachments = useAttachments(item.id);
  const upload = useUploadAttachment(item.id);
  const input = useRef<HTMLInputElement>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const items = attachments.data ?? [];
  const max = format.fileSize(MAX_ATTACHMENT_BYTES);

  function refusalText(error: unknown, name: string): string {
    if (error instanceof ApiError && (error.status === 413 || error.code === 'payload_too_large')) {
      return t('attachments.tooLarge', { name, max });
    }
    if (error instanceof ApiError && (error.status === 415 || error.code === 'unsupported_media_type')) {
      return t('attachments.unsupported', { name });
    }
    return problemMessage(error, t);
  }

  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    // Clear the picker so choosing the same file again still uploads it.
    event.currentTarget.value = '';
    if (!file) return;
    upload.reset();
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setRefusal(t('attachments.tooLarge', { name: file.name, max }));
      return;
    }
    if (file.size === 0) {
      setRefusal(t('attachments.empty', { name: file.name }));
      return;
    }
    setRefusal(null);
    upload.mutate(file, {
      onSuccess: (saved) => notifications.show({ color: 'teal', message: t('attachments.added', { name: saved.fileName }) }),
      onError: (error) => setRefusal(refusalText(error, file.name)),
    });
  }

  return (
    <Paper withBorder p="md" data-testid="case-attachments">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('attachments.title')}</Title>
          {item.abilities.attach && (
            <>
              <input
                ref={input}
                type="file"
                accept={ACCEPT}
                hidden
                onChange={choose}
                aria-label={t('attachments.upload')}
                data-testid="attachment-input"
              />
              <Button
                size="compact-sm"
                variant="light"
                loading={upload.isPending}
                onClick={() => input.current?.click()}
                data-testid="attachment-upload"
              >
                {t('attachments.upload')}
              </Button>
            </>
          )}
        </Group>
        {item.abilities.attach && (
          <Text size="xs" c="dimmed" data-testid="attachment-hint">
            {t('attachments.hint', { max })}
          </Text>
        )}
        {refusal && (
          <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setRefusal(null)} data-testid="attachment-error">
            {refusal}
          </Alert>
        )}
        <ProblemAlert error={attachments.error} />
        {attachments.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('attachments.none')}
          </Text>
        )}
        {items.map((attachment, index) => (
          <Fragment key={attachment.id}>
            {index > 0 && <Divider />}
            <AttachmentRow attachment={attachment} />
          </Fragment>
        ))}
      </Stack>
    </Paper>
  );
}

function AttachmentRow({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const details = [format.fileSize(attachment.sizeBytes), fileKind(attachment.contentType, t)];
  if (attachment.uploadedBy) details.push(attachment.uploadedBy.displayName);
  return (
    <div data-testid="attachment-item" data-id={attachment.id} data-name={attachment.fileName}>
      <Anchor
        href={attachmentUrl(attachment.id)}
        download={attachment.fileName}
        size="sm"
        fw={500}
        style={{ overflowWrap: 'anywhere' }}
        title={t('attachments.download', { name: attachment.fileName })}
        data-testid="attachment-link"
      >
        {attachment.fileName}
      </Anchor>
      <Text size="xs" c="dimmed">
        {details.join(' · ')} ·{' '}
        <Tooltip label={format.dateTime(attachment.createdAt)}>
          <span>{format.relative(attachment.createdAt)}</span>
        </Tooltip>
      </Text>
    </div>
  );
}
