import fastJsonStringify from 'fast-json-stringify';
import Fastify from 'fastify';
import fc from 'fast-check';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { pageSerializerFactory } from './page-serializer.js';

const Item = Type.Object({
  id: Type.String(),
  title: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  count: Type.Integer(),
  tags: Type.Array(Type.String()),
});
const Page = Type.Object({ items: Type.Array(Item), nextCursor: Type.Union([Type.String(), Type.Null()]), total: Type.Integer() });
const ItemsLast = Type.Object({ total: Type.Integer(), items: Type.Array(Item) });
const OnlyItems = Type.Object({ items: Type.Array(Item) });

const compile = (schema: object) => pageSerializerFactory!({}, {})({ schema, method: 'GET', url: '/', httpStatus: '200' }) as (value: unknown) => string | Buffer;
const text = (out: string | Buffer) => (typeof out === 'string' ? out : out.toString('utf8'));

// Any text a case can hold: Chinese and Malay, emoji (surrogate pairs, and a lone one), quotes, control characters.
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('退', '款', '提', '现', 'é', '😀', '\ud800', '"', '\\', '\n', '\u0001'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) });
const item = fc.record({
  id: fc.uuid(),
  title: anyText,
  note: fc.option(anyText),
  dueAt: fc.option(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString())),
  count: fc.integer(),
  tags: fc.array(anyText, { maxLength: 3 }),
});
const page = fc.record({ items: fc.array(item, { maxLength: 60 }), nextCursor: fc.option(fc.string()), total: fc.nat() });

describe('pageSerializerFactory', () => {
  it('writes a page as fast-json-stringify would, byte for byte, into a Buffer', () => {
    const paged = compile(Page);
    const whole = fastJsonStringify(Page);
    fc.assert(
      fc.property(page, (value) => {
        const out = paged(value);
        expect(Buffer.isBuffer(out)).toBe(true);
        expect((out as Buffer).equals(Buffer.from(whole(value)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('puts the items first whatever the schema order, and stands alone when the page has nothing else', () => {
    fc.assert(
      fc.property(page, (value) => {
        expect(JSON.parse(text(compile(ItemsLast)(value)))).toEqual({ total: value.total, items: JSON.parse(fastJsonStringify(Page)(value)).items });
        expect(text(compile(OnlyItems)(value))).toBe(fastJsonStringify(OnlyItems)(value));
      }),
      { numRuns: 100 },
    );
    expect(text(compile(OnlyItems)({ items: [] }))).toBe('{"items":[]}');
  });

  it('leaves everything that is not a page to fast-json-stringify, errors included', () => {
    expect(compile(Item)({ id: 'a', title: '退款', note: null, dueAt: null, count: 1, tags: [] })).toBe(
      fastJsonStringify(Item)({ id: 'a', title: '退款', note: null, dueAt: null, count: 1, tags: [] }),
    );
    expect(() => compile(Page)({ total: 1, nextCursor: null })).toThrow(/items/);
    const open = Type.Object({ items: Type.Array(Item) }, { additionalProperties: true });
    expect(typeof compile(open)({ items: [], extra: 1 })).toBe('string');
  });

  it('is what Fastify answers with: JSON, its Content-Length the UTF-8 bytes', async () => {
    const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: pageSerializerFactory } } });
    const body = { items: [{ id: '1', title: '提现未到账 — pengeluaran 😀', note: null, dueAt: '2026-12-07T10:00:00.000Z', count: 3, tags: ['退款'] }], nextCursor: null, total: 1 };
    app.get('/page', { schema: { response: { 200: Page } } }, async () => body);
    try {
      const res = await app.inject('/page');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(res.json()).toEqual(body);
    } finally {
      await app.close();
    }
  });
});
