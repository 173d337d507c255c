// Response templates over the API on a real database: variables checked when saved, the
// category/language filter of the picker, rendering for a case (dates in the template's
// language and the account region's zone), deactivation, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeam } from '../src/domains/identity/teams.js';
import { cliActor } from '../src/platform/actor.js';
import { type TestContext, bearer, testApp } from './harness.js';

let ctx: TestContext;
// India's zone (UTC+5:30) as the organisation's: the fallback is visible next to UTC+8 regions.
const ORG_ZONE = 'Asia/Kolkata';

beforeAll(async () => {
  ctx = await testApp({ timeZone: ORG_ZONE });
  // A region outside UTC+8, so the account region's zone shows in the rendered dates.
  await ctx.deps.db.insertInto('regions').values({ code: 'GB', name: 'United Kingdom', time_zone: 'Europe/London' }).execute();
});
afterAll(() => ctx.close());

type Role = keyof TestContext['users'];
const call = (who: Role, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: bearer(ctx.users[who]), ...(payload ? { payload } : {}) });
type FieldErr = { field: string; message: string; code?: string; params?: Record<string, unknown> };
const errorsOf = (res: { json: () => { errors?: FieldErr[] } }) => res.json().errors ?? [];

let seq = 0;
async function fileCase(account: Record<string, unknown>, over: Record<string, unknown> = {}) {
  seq += 1;
  const res = await call('requester', 'POST', '/cases', {
    title: 'Pengeluaran belum diterima',
    description: 'Penjual kata pengeluaran sudah tiga hari belum masuk ke akaun bank.',
    category: 'payments/withdrawal-delayed',
    fields: { withdrawalId: `W-${seq}`, amount: 120 },
    account: { type: 'seller', externalId: `T-${seq}`, name: 'Kedai Runcit Siti', region: 'MY', ...account },
    source: 'crm',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; number: string }>();
}
async function resolutionDue(caseId: string): Promise<Date> {
  const clock = await ctx.deps.db.selectFrom('sla_clocks').select('due_at').where('case_id', '=', caseId).where('kind', '=', 'resolution').executeTakeFirstOrThrow();
  expect(clock.due_at).not.toBeNull();
  return clock.due_at!;
}
const longDate = (at: Date, locale: string, timeZone: string) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at);

const malay = {
  name: 'Pengeluaran tertangguh: makluman',
  language: 'ms',
  category: 'payments',
  body: 'Salam {{account.name}},\n\nKes {{ case.number }} ({{case.category}}) sedang disiasat oleh {{agent.name}}. Jangkaan selesai: {{case.dueAt}}.\n{{team.name}}',
};

describe('saving', () => {
  it('refuses an unknown variable by name, with a suggestion, at save time', async () => {
    const res = await call('lead', 'POST', '/templates', { ...malay, body: 'Dear {{acount.name}}, about {{case.number}}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation_failed');
    expect(errorsOf(res)).toEqual([
      { field: 'body', message: 'unknown variable {{acount.name}} (did you mean {{account.name}}?)', code: 'unknown_reference', params: { problem: 'unknown_variable', variable: 'acount.name', offset: 5, suggestion: 'account.name' } },
    ]);
    expect(res.json().detail).toContain('{{acount.name}}');
  });

  it('refuses unbalanced braces, and lists every problem', async () => {
    const res = await call('lead', 'POST', '/templates', { ...malay, body: 'Kes {{case.number sedang }} {{ cuaca }}' });
    expect(res.statusCode).toBe(400);
    const errors = errorsOf(res);
    expect(errors.map((e) => [e.field, e.code])).toEqual([['body', 'invalid'], ['body', 'unknown_reference']]);
    expect(errors[0]!.message).toContain('is not a variable name');
    expect(errors[1]!.message).toBe('unknown variable {{cuaca}}');
    const unclosed = await call('lead', 'POST', '/templates', { ...malay, body: 'Kes {{case.number' });
    expect(errorsOf(unclosed)).toEqual([expect.objectContaining({ field: 'body', message: '"{{" at character 5 is never closed with "}}"', params: { problem: 'unclosed', offset: 4 } })]);
    const stray = await call('lead', 'POST', '/templates', { ...malay, body: 'Kes }} ok' });
    expect(errorsOf(stray)[0]).toMatchObject({ field: 'body', message: '"}}" at character 5 closes nothing' });
  });

  it('checks lengths, language and category by field', async () => {
    const long = await call('lead', 'POST', '/templates', { ...malay, name: 'n'.repeat(121), body: 'x'.repeat(10_001) });
    expect(long.statusCode).toBe(400);
    expect(errorsOf(long).map((e) => e.field).sort()).toEqual(['body', 'name']);
    const empty = await call('lead', 'POST', '/templates', { ...malay, name: '', body: '' });
    expect([...new Set(errorsOf(empty).map((e) => e.field))].sort()).toEqual(['body', 'name']);
    expect(errorsOf(await call('lead', 'POST', '/templates', { ...malay, language: 'fr' }))[0]).toMatchObject({ field: 'language' });
    const unknownCategory = await call('lead', 'POST', '/templates', { ...malay, category: 'weather/rain' });
    expect(errorsOf(unknownCategory)).toEqual([expect.objectContaining({ field: 'category', code: 'unknown_reference' })]);
    expect(errorsOf(await call('lead', 'POST', '/templates', { ...malay, colour: 'red' }))[0]).toMatchObject({ field: 'colour', code: 'unknown_field' });
    // Nothing half-written stays behind.
    expect((await call('lead', 'GET', '/templates')).json().items).toEqual([]);
  });

  let id = '';
  it('saves the variables it found; (name, language) is unique; edits are checked as a whole and audited', async () => {
    const res = await call('lead', 'POST', '/templates', malay);
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json();
    id = t.id;
    expect(t).toMatchObject({
      name: malay.name, language: 'ms', category: 'payments', active: true,
      variables: ['account.name', 'case.number', 'case.category', 'agent.name', 'case.dueAt', 'team.name'],
      createdBy: { id: ctx.users.lead.id, displayName: 'Test lead' },
    });
    const again = await call('manager', 'POST', '/templates', { ...malay, name: malay.name.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(errorsOf(again)[0]).toMatchObject({ field: 'name', code: 'taken' });
    // The same name in another language is another template.
    expect((await call('manager', 'POST', '/templates', { ...malay, language: 'en', body: 'Dear {{account.name}}' })).statusCode).toBe(201);

    const badEdit = await call('admin', 'PATCH', `/templates/${id}`, { body: 'Salam {{akaun.nama}}' });
    expect(badEdit.statusCode).toBe(400);
    expect(errorsOf(badEdit)[0]).toMatchObject({ field: 'body', params: { problem: 'unknown_variable', variable: 'akaun.nama' } });
    const edited = await call('admin', 'PATCH', `/templates/${id}`, { body: `${malay.body}\nNo. kes: {{case.number}}` });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ updatedBy: { id: ctx.users.admin.id }, variables: ['account.name', 'case.number', 'case.category', 'agent.name', 'case.dueAt', 'team.name'] });
    const clash = await call('admin', 'PATCH', `/templates/${id}`, { language: 'en', name: malay.name });
    expect(clash.statusCode).toBe(409);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['response_template.created', 'response_template.updated']);
  });

  it('previews a draft live: the same 400 as saving, or the draft filled in with examples', async () => {
    const bad = await call('lead', 'POST', '/templates/preview', { language: 'ms', body: 'Salam {{acount.name}}' });
    expect(bad.statusCode).toBe(400);
    expect(errorsOf(bad)[0]).toMatchObject({ field: 'body', params: { problem: 'unknown_variable', variable: 'acount.name' } });
    const ok = await call('lead', 'POST', '/templates/preview', { language: 'ms', body: 'Salam {{account.name}}, {{case.number}} sebelum {{case.dueAt}}' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().variables).toEqual(['account.name', 'case.number', 'case.dueAt']);
    expect(ok.json().body).toMatch(/^Salam Kedai Runcit Siti, ESC-000123 sebelum \d+ November 2026 pada .+$/);
    expect((await call('specialist', 'POST', '/templates/preview', { language: 'ms', body: 'x' })).statusCode).toBe(403);
  });

  it('lists the variables with examples in the asked language', async () => {
    const ms = await call('specialist', 'GET', '/templates/variables?language=ms');
    expect(ms.statusCode).toBe(200);
    const byName = Object.fromEntries(ms.json<Array<{ name: string; example: string; kind: string }>>().map((v) => [v.name, v]));
    expect(Object.keys(byName)).toEqual([
      'account.name', 'account.contactName', 'case.number', 'case.title', 'case.category', 'case.priority',
      'case.dueAt', 'case.firstResponseDueAt', 'agent.name', 'requester.name', 'team.name',
    ]);
    expect(byName['case.dueAt']).toMatchObject({ kind: 'date' });
    expect(byName['case.dueAt']!.example).toMatch(/November 2026 pada/);
    expect(byName['agent.name']!.example).toBe('Test specialist');
    const zh = (await call('specialist', 'GET', '/templates/variables?language=zh')).json<Array<{ name: string; example: string }>>();
    expect(zh.find((v) => v.name === 'case.dueAt')!.example).toMatch(/^2026年11月/);
  });
});

describe('the picker', () => {
  beforeAll(async () => {
    for (const t of [
      { name: 'Umum: terima kasih', language: 'ms', body: 'Terima kasih, {{requester.name}}.' },
      { name: 'Logistik', language: 'ms', category: 'order', body: 'Pesanan anda sedang dihantar.' },
      { name: 'Penangguhan: langkah seterusnya', language: 'ms', category: 'payments/withdrawal-delayed', body: 'Kami semak {{case.number}}.' },
      { name: 'Payout hold', language: 'ms', category: 'payments/payout-hold', body: 'Pegangan bayaran.' },
      { name: '提现延迟', language: 'zh', category: 'payments/withdrawal-delayed', body: '您好 {{account.name}}，工单 {{case.number}} 预计 {{case.dueAt}} 前解决。' },
    ]) expect((await call('lead', 'POST', '/templates', t)).statusCode).toBe(201);
  });

  it('filters by a case category (itself, its parent, and no category) and language, most specific first', async () => {
    const res = await call('specialist', 'GET', '/templates?category=payments/withdrawal-delayed&language=ms&active=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((t: { name: string }) => t.name)).toEqual(['Penangguhan: langkah seterusnya', malay.name, 'Umum: terima kasih']);
    const zh = (await call('qa', 'GET', '/templates?category=payments/withdrawal-delayed&language=zh')).json().items;
    expect(zh.map((t: { name: string }) => t.name)).toEqual(['提现延迟']);
    // A root category does not pull in its children's templates.
    const root = (await call('specialist', 'GET', '/templates?category=payments&language=ms')).json().items;
    expect(root.map((t: { name: string }) => t.name)).toEqual([malay.name, 'Umum: terima kasih']);
    expect(errorsOf(await call('specialist', 'GET', '/templates?category=weather'))[0]).toMatchObject({ field: 'category', code: 'unknown_reference' });
  });

  it('deactivating takes a template out of the picker; PATCH active brings it back', async () => {
    const [t] = (await call('lead', 'GET', '/templates?language=ms&category=order')).json().items.filter((x: { name: string }) => x.name === 'Logistik');
    const res = await call('lead', 'DELETE', `/templates/${t.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.id, active: false });
    expect((await call('lead', 'DELETE', `/templates/${t.id}`)).json()).toMatchObject({ active: false });
    const active = (await call('specialist', 'GET', '/templates?active=true')).json().items.map((x: { id: string }) => x.id);
    expect(active).not.toContain(t.id);
    expect((await call('specialist', 'GET', '/templates?active=false')).json().items.map((x: { id: string }) => x.id)).toEqual([t.id]);
    const c = await fileCase({ externalId: 'T-order' }, { category: 'order/logistics', fields: { orderId: 'O-1' } });
    const refused = await call('specialist', 'POST', `/cases/${c.id}/templates/${t.id}/render`);
    expect(refused.statusCode).toBe(409);
    expect((await call('manager', 'PATCH', `/templates/${t.id}`, { active: true })).json()).toMatchObject({ active: true });
    expect((await call('specialist', 'POST', `/cases/${c.id}/templates/${t.id}/render`)).statusCode).toBe(200);
    expect((await call('lead', 'DELETE', '/templates/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('rendering for a case', () => {
  const templateId = async (name: string) => (await call('lead', 'GET', '/templates')).json().items.find((t: { name: string }) => t.name === name).id as string;

  it('fills the case in, dates in Malay in the account region’s zone', async () => {
    const c = await fileCase({});
    const team = await createTeam(ctx.deps, cliActor, { name: 'Seller Escalations MY', kind: 'service' });
    await ctx.deps.db.updateTable('cases').set({ team_id: team.id }).where('id', '=', c.id).execute();
    const res = await call('specialist', 'POST', `/cases/${c.id}/templates/${await templateId(malay.name)}/render`);
    expect(res.statusCode, res.body).toBe(200);
    const due = longDate(await resolutionDue(c.id), 'ms-MY', 'Asia/Kuala_Lumpur');
    expect(due).toMatch(/^\d{1,2} \S+ 2026 pada \d{1,2}:\d\d (PG|PTG) MYT$/);
    expect(res.json()).toEqual({
      body: `Salam Kedai Runcit Siti,\n\nKes ${c.number} (Pengeluaran tertangguh) sedang disiasat oleh Test specialist. Jangkaan selesai: ${due}.\nSeller Escalations MY\nNo. kes: ${c.number}`,
      missing: [],
      language: 'ms',
      timeZone: 'Asia/Kuala_Lumpur',
    });
    // The case number works as well as the id.
    expect((await call('lead', 'POST', `/cases/${c.number}/templates/${await templateId(malay.name)}/render`)).json().body).toContain('oleh Test lead.');
  });

  it('writes the date in the template’s language and the reader’s zone, not the agent’s', async () => {
    const london = await fileCase({ region: 'GB', externalId: 'T-gb', name: 'Camden Traders' });
    const zh = await call('specialist', 'POST', `/cases/${london.id}/templates/${await templateId('提现延迟')}/render`);
    const due = await resolutionDue(london.id);
    expect(zh.json()).toMatchObject({ language: 'zh', timeZone: 'Europe/London', missing: [] });
    expect(zh.json().body).toBe(`您好 Camden Traders，工单 ${london.number} 预计 ${longDate(due, 'zh-CN', 'Europe/London')} 前解决。`);
    expect(zh.json().body).toMatch(/预计 2026年\d+月\d+日 GMT(\+0|\+1)? \d\d:\d\d 前/);
    // No region on the account: the organisation's zone.
    const nowhere = await fileCase({ region: null, externalId: 'T-none' });
    const body = (await call('specialist', 'POST', `/cases/${nowhere.id}/templates/${await templateId('提现延迟')}/render`)).json();
    expect(body.timeZone).toBe(ORG_ZONE);
    expect(body.body).toContain(longDate(await resolutionDue(nowhere.id), 'zh-CN', ORG_ZONE));
    expect(body.body).toContain('GMT+5:30');
  });

  it('renders what the case lacks as empty and lists it', async () => {
    const c = await fileCase({ externalId: 'T-missing' });
    const res = await call('specialist', 'POST', `/cases/${c.id}/templates/${await templateId(malay.name)}/render`);
    // No team yet; requester present (the requester filed it).
    expect(res.json().missing).toEqual(['team.name']);
    expect(res.json().body).toMatch(/\.\n\nNo\. kes/);
    const thanks = await call('specialist', 'POST', `/cases/${c.id}/templates/${await templateId('Umum: terima kasih')}/render`);
    expect(thanks.json()).toMatchObject({ body: 'Terima kasih, Test requester.', missing: [] });
  });

  it('a stranger to the case gets 404; unknown template 404; requesters and partners 403', async () => {
    const c = await fileCase({ externalId: 'T-scope' });
    const t = await templateId(malay.name);
    expect((await call('specialist', 'POST', `/cases/ESC-999999/templates/${t}/render`)).statusCode).toBe(404);
    expect((await call('specialist', 'POST', `/cases/${c.id}/templates/00000000-0000-4000-8000-000000000000/render`)).statusCode).toBe(404);
    expect((await call('requester', 'POST', `/cases/${c.id}/templates/${t}/render`)).statusCode).toBe(403);
    expect((await call('partner', 'GET', '/templates')).statusCode).toBe(403);
    expect((await call('specialist', 'POST', '/templates', { ...malay, name: 'x' })).statusCode).toBe(403);
    expect((await call('qa', 'PATCH', `/templates/${t}`, { active: false })).statusCode).toBe(403);
    expect((await call('qa', 'POST', `/cases/${c.id}/templates/${t}/render`)).statusCode).toBe(200);
  });
});
