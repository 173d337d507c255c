import type { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import { importCases } from './import-cases.js';
import { IMPORTERS } from './policy.js';
import * as s from './schemas.js';

/** Larger than any JSON body: a help desk's history export runs to tens of megabytes. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/**
 * The request body of a CSV upload, handed over unread so the import streams it. The
 * stream sits in a private field: generic body checks (the NUL guard) walk enumerable
 * properties and must not wander into a socket.
 */
class CsvUpload {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  /** The bytes, refusing more than `max`. */
  async *bytes(max: number): AsyncGenerator<Buffer> {
    let total = 0;
    for await (const chunk of this.#stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > max) throw new AppError('payload_too_large', `an import file may be at most ${max / 1024 / 1024} MB`, [{ field: 'body', message: 'is too large' }]);
      yield chunk;
    }
  }
}

/** History import: another helpdesk's CSV export in, a report out. */
export async function importRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Scoped to this plugin: only the import route takes CSV.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, new CsvUpload(payload)));

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import case history from a CSV export (body: the file, Content-Type: text/csv); re-imports update by externalId',
        consumes: ['text/csv'],
        querystring: s.ImportQuery,
        body: Type.Unknown({ description: 'the CSV file; the first row names the columns' }),
        response: withProblems({ 200: s.ImportReport, 422: s.ImportRejected }),
      },
      config: { access: IMPORTERS },
    },
    async (request, reply) => {
      if (!(request.body instanceof CsvUpload)) {
        throw new AppError('unsupported_media_type', 'send the CSV file as the body with Content-Type: text/csv', [{ field: 'body', message: 'must be text/csv' }]);
      }
      const report = await importCases(deps, actorOf(request), request.body.bytes(MAX_IMPORT_BYTES), request.query);
      if (!report.committed && !report.dryRun && report.invalid > 0) {
        const error = new AppError('import_rejected', `${report.invalid} of ${report.rows} rows are invalid, so nothing was imported; fix them, or import with validRowsOnly=true`);
        return reply
          .code(error.status)
          .type('application/problem+json')
          .send({ type: `urn:closeloop:problem:${error.code}`, title: 'The import was refused', status: error.status, code: error.code, detail: error.message, instance: request.url, report });
      }
      return report;
    },
  );
}
