import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS: under ESM the plugin is both the default import and its `.default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

// Unknown fields are rejected, never silently dropped; every error is reported, not just the first.
const common: Options = { removeAdditional: false, allErrors: true, useDefaults: true, strict: false };

/**
 * Query strings, paths and headers arrive as text, so they are coerced to the schema's
 * types (`limit=50` → 50). Bodies are JSON and are taken as sent: a number stays a number
 * and "123" stays text, so a client's type mistakes are reported instead of papered over.
 */
export function requestValidator(): FastifySchemaCompiler<unknown> {
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  const exact = new Ajv({ ...common, coerceTypes: false });
  addFormats(coercing);
  addFormats(exact);
  return ({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema as object);
}
