import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import type { BlobStorage } from '../../platform/storage.js';
import { MAX_ATTACHMENT_BYTES, contentDisposition } from './attachment-rules.js';
import { attachFile, listAttachments, openAttachment } from './attachments.js';
import { CASE_ROUTE_ACCESS } from './policy.js';
import { CaseParams } from './schemas.js';

const Attachment = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  uploadedBy: Type.Union([Type.Object({ id: Type.String(), displayName: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Files on cases: upload (multipart, checked by content), list, download. */
export async function attachmentRoutes(root: FastifyInstance, { deps, storage }: { deps: Deps; storage: BlobStorage }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Only these routes take multipart: one file per upload; its size is checked again while
  // spooling (413) and its type by content.
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 1024 } });

  app.post(
    '/cases/:id/attachments',
    {
      schema: {
        tags: ['cases'],
        summary: 'Attach a file (multipart field "file"; at most 20 MB; images, PDF, office documents, video, plain text)',
        consumes: ['multipart/form-data'],
        params: CaseParams,
        response: withProblems({ 201: Attachment }),
      },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'send the file as multipart/form-data', [{ field: 'file', message: 'is missing' }]);
      const file = await request.file();
      if (!file) throw AppError.validation('file', 'is missing');
      const view = await attachFile(deps, storage, actorOf(request), request.params.id, { fileName: file.filename, stream: file.file });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/cases/:id/attachments',
    {
      schema: { tags: ['cases'], summary: 'Files attached to a case', params: CaseParams, response: withProblems({ 200: Type.Object({ items: Type.Array(Attachment) }) }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => ({ items: await listAttachments(deps, actorOf(request), request.params.id) }),
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Download an attachment (always as a download, with its checked content type)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: withProblems({ 200: Type.String({ description: 'the file' }) }),
      },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request, reply) => {
      const file = await openAttachment(deps, storage, actorOf(request), request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-length', String(file.sizeBytes))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.stream);
    },
  );
}
