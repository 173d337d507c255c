import fastJsonStringify, { type Options } from 'fast-json-stringify';
import type { FastifyServerOptions } from 'fastify';

type Schema = Record<string, unknown> & { type?: unknown; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: unknown };
type Serialize = (value: unknown) => string | Buffer;
type SerializerFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer'];

/**
 * Fastify's serializer factory (fast-json-stringify, as Fastify's default) with one change:
 * a page, an object whose `items` is an array, is answered as a Buffer written item by item.
 *
 * Why: fast-json-stringify returns the whole body as one string. A page of 50 cases is ~90 KB
 * of text, and with any Chinese in it a two-byte string of ~180 KB — past V8's regular object
 * size, so each is a fresh large-object allocation, and measuring its UTF-8 length for
 * Content-Length and encoding it for the socket then cost ~1 ms of CPU per request, more than
 * building it (measured on this machine: 1.35 ms against 0.42 ms for the same page written
 * item by item). Small strings per item stay in the young generation.
 */
export const pageSerializerFactory = ((externalSchemas: unknown, serializerOpts: Options = {}) => {
  return ({ schema }: { schema: Schema }): Serialize => {
    // As Fastify's own compiler: a shared schema answered as a route's response is not also an external one.
    const shared = externalSchemas as Record<string, unknown>;
    const external = typeof schema.$id === 'string' && shared?.[schema.$id] ? Object.fromEntries(Object.entries(shared).filter(([id]) => id !== schema.$id)) : shared;
    const compile = (s: Schema) => fastJsonStringify(s as never, { ...serializerOpts, schema: external as Options['schema'] });
    const items = schema.type === 'object' ? schema.properties?.items : undefined;
    // Extra properties would bring `items` back into the envelope.
    if (!items || items.type !== 'array' || !items.items || schema.additionalProperties || schema.patternProperties) return compile(schema);
    const { items: _items, ...rest } = schema.properties!;
    let envelope: (value: unknown) => string;
    let item: (value: unknown) => string;
    try {
      envelope = compile({ ...schema, properties: rest, required: schema.required?.filter((name) => name !== 'items') });
      item = compile(items.items as Schema);
    } catch {
      return compile(schema); // an item that refers into the page's own schema cannot stand alone
    }
    let whole: ((value: unknown) => string) | undefined;
    return (value) => {
      const page = value as { items?: unknown } | null;
      // Anything not shaped as a page (a bug) gets the whole schema's own handling and errors.
      if (page === null || typeof page !== 'object' || !Array.isArray(page.items)) return (whole ??= compile(schema))(value);
      const rest = envelope(page);
      const pieces = ['{"items":['];
      page.items.forEach((entry, i) => pieces.push(i === 0 ? item(entry) : `,${item(entry)}`));
      pieces.push(rest === '{}' ? ']}' : `],${rest.slice(1)}`);
      return utf8(pieces);
    };
  };
  // Fastify sends a Buffer from a serializer as it is; its types name only strings.
}) as SerializerFactory;

/** The pieces' UTF-8 bytes, one after another, in one Buffer sized exactly. */
export function utf8(pieces: string[]): Buffer {
  let size = 0;
  for (const piece of pieces) size += Buffer.byteLength(piece);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of pieces) at += out.write(piece, at);
  return out;
}
