/** What may be attached to a case: decided from the bytes, never from the file name. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const ALLOWED_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'video/mp4',
  'video/quicktime',
  'audio/mpeg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

/**
 * Plain text (chat logs, CSV exports) has no signature: accept it when it decodes as UTF-8
 * and holds no control characters other than tab, CR and LF.
 */
export function looksLikeText(head: Buffer): boolean {
  // The head may end inside a multi-byte character; ignore an incomplete tail.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const body = text.endsWith('\uFFFD') ? text.slice(0, -1) : text;
  if (body.includes('\uFFFD')) return false;
  for (const ch of body) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

/** A file name safe to store and to send back in Content-Disposition; keeps CJK and accents. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = [...base.normalize('NFC')]
    .filter((ch) => {
      const code = ch.codePointAt(0)!;
      return code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0) && !/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/.test(ch);
    })
    .join('')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const limited = [...cleaned].slice(0, 150).join('');
  return limited || 'attachment';
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` so every browser saves the right name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
