import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

let ctx: TestContext;
let caseId: string;
let partner: TestUser;
const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-attach-'));

// The smallest valid PNG (1×1), a PDF header, and an ELF executable header.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);

beforeAll(async () => {
  ctx = await testApp({ dataDir });
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: bearer(ctx.users.requester),
    payload: {
      title: 'Counterfeit claim on listing',
      description: 'Brand owner says the bag is fake.',
      category: 'listing/counterfeit-claim',
      account: { type: 'seller', externalId: 'S-9', name: 'Bag Shop' },
      source: 'crm',
      fields: { listingId: 'L-77' },
    },
  });
  caseId = created.json().id;
  const team = await createTeam(ctx.deps, cliActor, { name: 'Legal', kind: 'partner' });
  const user = await createUser(ctx.deps, cliActor, { email: 'legal@example.test', displayName: 'Legal', role: 'partner', teamIds: [team.id] });
  partner = { id: user.id, email: user.email, role: 'partner', token: (await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id })).token };
  await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/handoffs`,
    headers: bearer(ctx.users.specialist),
    payload: { team: team.id, question: 'Is this counterfeit?', dueAt: new Date(ctx.clock.now().getTime() + 3600_000).toISOString() },
  });
});
afterAll(async () => {
  await ctx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function upload(user: TestUser, name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return ctx.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: bearer(user), payload: form });
}

describe('attachments', () => {
  it('stores an image, recognised by content, and serves it back as a download', async () => {
    const res = await upload(ctx.users.requester, '../../截图 proof.png', PNG);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ fileName: '截图 proof.png', contentType: 'image/png', sizeBytes: PNG.length });
    const download = await ctx.app.inject({ url: `/api/v1/attachments/${a.id}`, headers: bearer(ctx.users.specialist) });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="__ proof.png"; filename*=UTF-8''${encodeURIComponent('截图 proof.png')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('takes a PDF named anything and plain text in any language', async () => {
    expect((await upload(ctx.users.specialist, 'statement', PDF)).json().contentType).toBe('application/pdf');
    const text = await upload(ctx.users.specialist, 'chat.txt', Buffer.from('买家说包是假的\nPembeli kata beg palsu\n'));
    expect(text.json().contentType).toBe('text/plain');
  });

  it('refuses an executable named .pdf with 415, keeping nothing', async () => {
    const before = (await ctx.app.inject({ url: `/api/v1/cases/${caseId}/attachments`, headers: bearer(ctx.users.specialist) })).json().items.length;
    const res = await upload(ctx.users.specialist, 'invoice.pdf', ELF);
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type', errors: [{ field: 'file' }] });
    const after = (await ctx.app.inject({ url: `/api/v1/cases/${caseId}/attachments`, headers: bearer(ctx.users.specialist) })).json().items.length;
    expect(after).toBe(before);
  });

  it('refuses files over 20 MB with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const res = await upload(ctx.users.specialist, 'huge.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('keeps attachments from partner departments and strangers', async () => {
    expect((await ctx.app.inject({ url: `/api/v1/cases/${caseId}/attachments`, headers: bearer(partner) })).json().items).toEqual([]);
    const any = (await ctx.app.inject({ url: `/api/v1/cases/${caseId}/attachments`, headers: bearer(ctx.users.specialist) })).json().items[0];
    expect((await ctx.app.inject({ url: `/api/v1/attachments/${any.id}`, headers: bearer(partner) })).statusCode).toBe(404);
    expect((await upload(partner, 'x.png', PNG)).statusCode).toBe(403);
    const timeline = (await ctx.app.inject({ url: `/api/v1/cases/${caseId}/timeline`, headers: bearer(ctx.users.specialist) })).json().items;
    expect(timeline.filter((i: { kind: string }) => i.kind === 'attachment_added').length).toBe(3);
  });

  it('asks for multipart', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/attachments`, headers: bearer(ctx.users.specialist), payload: { file: 'x' } });
    expect(res.statusCode).toBe(415);
  });
});
