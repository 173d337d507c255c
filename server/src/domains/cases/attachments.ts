import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { BlobStorage } from '../../platform/storage.js';
import { ALLOWED_TYPES, MAX_ATTACHMENT_BYTES, looksLikeText, sanitiseFileName } from './attachment-rules.js';
import { loadCaseFor } from './get-case.js';
import { insertEvent } from './queries.js';

// file-type reads at most this much to recognise a format.
const SNIFF_BYTES = 4100;

export interface AttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string; displayName: string } | null;
  createdAt: string;
}

/** Streams an upload to a temporary file, counting, hashing and keeping the head for sniffing. */
async function spool(stream: Readable & { truncated?: boolean }) {
  const path = join(tmpdir(), `closeloop-upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(head), truncated: Boolean(stream.truncated) };
}

/** Stores a file on a case after checking what it really is (by content, not name). */
export async function attachFile(
  deps: Deps,
  storage: BlobStorage,
  actor: Actor,
  caseId: string,
  upload: { fileName: string; stream: Readable & { truncated?: boolean } },
): Promise<AttachmentView> {
  const { row, access } = await loadCaseFor(deps.db, actor, caseId);
  if (access !== 'worker' && access !== 'requester') throw new AppError('forbidden', 'you may not attach files to this case');
  const spooled = await spool(upload.stream);
  try {
    if (spooled.truncated || spooled.size > MAX_ATTACHMENT_BYTES) {
      throw new AppError('payload_too_large', `attachments may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, [
        { field: 'file', message: 'is larger than 20 MB' },
      ]);
    }
    if (spooled.size === 0) throw AppError.validation('file', 'is empty');
    const detected = await fileTypeFromBuffer(spooled.head);
    const contentType = detected?.mime ?? (looksLikeText(spooled.head) ? 'text/plain' : 'application/octet-stream');
    if (!ALLOWED_TYPES.has(contentType) && contentType !== 'text/plain') {
      throw new AppError('unsupported_media_type', `files of type ${contentType} cannot be attached`, [
        { field: 'file', message: `its content is ${contentType}, which is not an allowed type` },
      ]);
    }
    const id = randomUUID();
    const key = `${row.id}/${id}`;
    const fileName = sanitiseFileName(upload.fileName);
    await storage.putFile(key, spooled.path);
    const now = deps.clock.now();
    try {
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('attachments')
          .values({ id, case_id: row.id, file_name: fileName, content_type: contentType, size_bytes: spooled.size, sha256: spooled.sha256, storage_key: key, uploaded_by: actor.user?.id ?? null, created_at: now })
          .execute();
        await insertEvent(trx, { caseId: row.id, at: now, actorId: actor.user?.id ?? null, kind: 'attachment_added', data: { attachmentId: id, fileName, contentType, sizeBytes: spooled.size } });
        await recordAudit(trx, actor, now, { action: 'attachment.added', entityType: 'case', entityId: row.id, after: { attachmentId: id, fileName, contentType, sizeBytes: spooled.size, sha256: spooled.sha256 } });
      });
    } catch (error) {
      await storage.delete(key);
      throw error;
    }
    return {
      id,
      fileName,
      contentType,
      sizeBytes: spooled.size,
      sha256: spooled.sha256,
      uploadedBy: actor.user ? { id: actor.user.id, displayName: actor.user.displayName } : null,
      createdAt: now.toISOString(),
    };
  } finally {
    await rm(spooled.path, { force: true });
  }
}

function attachmentsQuery(deps: Deps) {
  return deps.db
    .selectFrom('attachments as at')
    .leftJoin('users as u', 'u.id', 'at.uploaded_by')
    .select(['at.id', 'at.case_id', 'at.file_name', 'at.content_type', 'at.size_bytes', 'at.sha256', 'at.storage_key', 'at.created_at', 'u.id as user_id', 'u.display_name']);
}

// Attachments may hold anyone's personal data: partner departments don't get them.
function mayRead(access: string): boolean {
  return access !== 'partner';
}

export async function listAttachments(deps: Deps, actor: Actor, caseId: string): Promise<AttachmentView[]> {
  const { row, access } = await loadCaseFor(deps.db, actor, caseId);
  if (!mayRead(access)) return [];
  const rows = await attachmentsQuery(deps).where('at.case_id', '=', row.id).orderBy('at.created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    uploadedBy: r.user_id ? { id: r.user_id, displayName: r.display_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  }));
}

/** The stored file of an attachment, if the actor may see its case. */
export async function openAttachment(deps: Deps, storage: BlobStorage, actor: Actor, attachmentId: string) {
  const row = await attachmentsQuery(deps).where('at.id', '=', attachmentId).executeTakeFirst();
  if (!row) throw AppError.notFound('attachment');
  const { access } = await loadCaseFor(deps.db, actor, row.case_id).catch(() => {
    throw AppError.notFound('attachment');
  });
  if (!mayRead(access)) throw AppError.notFound('attachment');
  return { fileName: row.file_name, contentType: row.content_type, sizeBytes: row.size_bytes, stream: storage.read(row.storage_key) };
}
