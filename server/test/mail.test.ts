// E-mail notifications through a real SMTP server started here (smtp-server on loopback):
// rendered in each recipient's language, retried with backoff on failure, held without SMTP_URL.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { cliActor } from '../src/platform/actor.js';
import { JobRunner } from '../src/platform/jobs.js';
import { jobHandlers } from '../src/worker.js';
import { type TestContext, bearer, testApp } from './harness.js';

interface Received {
  to: string[];
  raw: string;
}
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  onData(stream, session, done) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
      done();
    });
  },
});

/** RFC 2047 encoded words (B or Q) of a header, decoded. */
function decodeHeader(value: string): string {
  return value.replace(/\s*=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}
function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw);
  return decodeHeader(m![1]!.replace(/\r\n[ \t]/g, ' '));
}

let ctx: TestContext;
let people: Array<{ id: string; email: string; locale: 'en' | 'zh' | 'ms'; token: string }> = [];
let partnerTeam: { id: string };

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  ctx = await testApp({ smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: 'https://desk.example.test' });
  partnerTeam = await createTeam(ctx.deps, cliActor, { name: 'Payments ops', kind: 'partner' });
  people = [];
  for (const locale of ['en', 'zh', 'ms'] as const) {
    const email = `ops.${locale}@example.test`;
    const user = await createUser(ctx.deps, cliActor, { email, displayName: `Ops ${locale}`, role: 'partner', teamIds: [partnerTeam.id], locale });
    const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
    people.push({ id: user.id, email, locale, token });
  }
});
afterAll(async () => {
  await ctx?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const call = (role: keyof TestContext['users'], method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(ctx.users[role]), ...(payload ? { payload } : {}) });
const runJobs = async (context: TestContext = ctx) => {
  const runner = new JobRunner(context.deps, jobHandlers);
  while ((await runner.runOnce()) > 0);
};
async function fileAndHandOff(context: TestContext, team: string): Promise<{ id: string; number: string }> {
  const c = await context.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: bearer(context.users.requester),
    payload: { title: 'Payout stuck', description: 'The payout file was rejected.', category: 'payments/payout-hold', account: { type: 'seller', externalId: `M-${Math.random()}`, name: 'Shop' }, source: 'crm' },
  });
  const body = c.json();
  const h = await context.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${body.id}/handoffs`,
    headers: bearer(context.users.specialist),
    payload: { team, question: 'Was the payout file rejected by the bank?', dueAt: new Date(context.clock.now().getTime() + 86_400_000).toISOString() },
  });
  expect(h.statusCode, h.body).toBe(201);
  return body;
}

describe('e-mail through SMTP', () => {
  it('a handoff mails each member of the team in their own language, with a link to the case', async () => {
    const c = await fileAndHandOff(ctx, partnerTeam.id);
    await runJobs();
    const byAddress = new Map(received.map((r) => [r.to[0], r]));
    expect([...byAddress.keys()].sort()).toEqual(people.map((p) => p.email).sort());
    expect(subjectOf(byAddress.get('ops.en@example.test')!.raw)).toBe(`Question for your team on ${c.number}`);
    expect(subjectOf(byAddress.get('ops.zh@example.test')!.raw)).toBe(`${c.number} 有待您团队答复的问题`);
    expect(subjectOf(byAddress.get('ops.ms@example.test')!.raw)).toBe(`Soalan untuk pasukan anda tentang ${c.number}`);
    const outbox = (await call('admin', 'GET', '/admin/mail?status=sent')).json().items;
    const zh = outbox.find((m: { to: { address: string } }) => m.to.address === 'ops.zh@example.test');
    expect(zh).toMatchObject({ status: 'sent', locale: 'zh', kind: 'handoff_assigned', attempts: 1 });
    expect(zh.text).toContain('Ops zh，您好：');
    expect(zh.text).toContain(`https://desk.example.test/cases/${c.id}`);
    expect((await call('lead', 'GET', '/admin/mail')).statusCode).toBe(403);

    // The in-app side of the same notification: listed, then marked read in one call.
    const en = people.find((p) => p.locale === 'en')!;
    const as = { authorization: `Bearer ${en.token}` };
    const listed = (await ctx.app.inject({ url: '/api/v1/notifications', headers: as })).json();
    expect(listed.unread).toBe(1);
    expect(listed.items[0]).toMatchObject({ kind: 'handoff_assigned', case: { number: c.number } });
    const read = await ctx.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: as, payload: { all: true } });
    expect(read.json()).toEqual({ marked: 1 });
    expect((await ctx.app.inject({ url: '/api/v1/notifications', headers: as })).json().unread).toBe(0);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: as, payload: {} })).statusCode).toBe(400);
  });

  it('a mail server that refuses is retried with backoff, then the mail is marked failed', async () => {
    const down = await testApp({ smtpUrl: 'smtp://127.0.0.1:9' });
    try {
      const team = await createTeam(down.deps, cliActor, { name: 'Ops', kind: 'partner' });
      await createUser(down.deps, cliActor, { email: 'only@example.test', displayName: 'Only', role: 'partner', teamIds: [team.id] });
      await fileAndHandOff(down, team.id);
      await runJobs(down);
      let row = await down.deps.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
      for (let i = 0; i < 6; i++) {
        down.clock.advance(3_600_000);
        await runJobs(down);
      }
      row = await down.deps.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    } finally {
      await down.close();
    }
  });

  it('without SMTP_URL mail is held in the outbox for admins to read', async () => {
    const quiet = await testApp();
    try {
      const team = await createTeam(quiet.deps, cliActor, { name: 'Ops', kind: 'partner' });
      await createUser(quiet.deps, cliActor, { email: 'ms@example.test', displayName: 'Siti', role: 'partner', teamIds: [team.id], locale: 'ms' });
      const before = received.length;
      await fileAndHandOff(quiet, team.id);
      await runJobs(quiet);
      expect(received.length).toBe(before);
      const items = (await quiet.app.inject({ url: '/api/v1/admin/mail?status=held', headers: bearer(quiet.users.admin) })).json().items;
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ status: 'held', locale: 'ms', to: { address: 'ms@example.test' } });
      expect(items[0].text).toContain('Salam Siti,');
    } finally {
      await quiet.close();
    }
  });
});
