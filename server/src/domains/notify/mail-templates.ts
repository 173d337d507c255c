// E-mail wording per notification kind, in the recipient's language. Pure.
import type { Locale } from '../../db/schema.js';

export interface MailContext {
  name: string;
  caseNumber: string | null;
  caseTitle: string | null;
  link: string;
  data: Record<string, unknown>;
}

/** `open` replaces the closing "Open it in Closeloop:" line above the link. */
type Template = (c: MailContext) => { subject: string; lines: string[]; open?: string };
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const team = (c: MailContext) => str((c.data.team as { name?: string } | undefined)?.name);
const clock = (c: MailContext, words: Record<string, string>) => words[str(c.data.clock)] ?? str(c.data.clock);

const CLOCKS: Record<Locale, Record<string, string>> = {
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution', handoff_answer: 'handoff answer' },
  zh: { first_response: '首次响应', next_response: '再次响应', resolution: '解决', handoff_answer: '协作答复' },
  ms: { first_response: 'respons pertama', next_response: 'respons seterusnya', resolution: 'penyelesaian', handoff_answer: 'jawapan serahan' },
};

/** The kinds that are also sent by e-mail: what someone must act on, now. */
export const MAIL_KINDS = ['case_resolved', 'handoff_assigned', 'handoff_overdue', 'sla_breached', 'critical_page', 'case_waiting', 'case_assigned', 'csat_survey', 'csat_low', 'weekly_report'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

const TEMPLATES: Record<Locale, Record<MailKind, Template>> = {
  en: {
    case_resolved: (c) => ({ subject: `${c.caseNumber} was resolved`, lines: [`${c.caseNumber} “${c.caseTitle}” was resolved: ${str(c.data.resolution)}`, 'Please confirm it, or reopen it if the problem is not solved.'] }),
    handoff_assigned: (c) => ({ subject: `Question for your team on ${c.caseNumber}`, lines: [`A question about ${c.caseNumber} “${c.caseTitle}” is waiting for your team:`, str(c.data.question)] }),
    handoff_overdue: (c) => ({ subject: `Overdue: question on ${c.caseNumber}`, lines: [`The answer your team owes on ${c.caseNumber} was due ${str(c.data.dueAt)}:`, str(c.data.question)] }),
    sla_breached: (c) => ({ subject: `SLA missed on ${c.caseNumber}`, lines: [`The ${clock(c, CLOCKS.en)} target of ${c.caseNumber} “${c.caseTitle}” was missed (policy ${str(c.data.policy)}).`] }),
    critical_page: (c) => ({ subject: `CRITICAL ${c.caseNumber}: you are paged (level ${str(c.data.level)})`, lines: [`Critical escalation on ${c.caseNumber} “${c.caseTitle}”: ${str(c.data.reason)}`, 'Acknowledge it to stop the paging.'] }),
    case_waiting: (c) => ({ subject: `${c.caseNumber} waits unassigned in ${team(c)}`, lines: [`Nobody available in ${team(c)} could take ${c.caseNumber} “${c.caseTitle}”.`] }),
    case_assigned: (c) => ({ subject: `${c.caseNumber} is yours`, lines: [`${c.caseNumber} “${c.caseTitle}” was assigned to you.`] }),
    csat_survey: (c) => ({ subject: `How did we do on ${c.caseNumber}?`, lines: [`Your case ${c.caseNumber} “${c.caseTitle}” was resolved. Please tell us how satisfied you are: one question, 1 to 5 stars.`, `The link works once and expires on ${str(c.data.expiresOn)}.`], open: 'Rate our support:' }),
    csat_low: (c) => ({ subject: `Low satisfaction (${str(c.data.score)}/5) on ${c.caseNumber}`, lines: [`The requester rated ${c.caseNumber} “${c.caseTitle}” ${str(c.data.score)} out of 5.`, c.data.comment ? `Their comment: “${str(c.data.comment)}”` : 'They left no comment.', 'Please follow up with them and note what you did on the case.'] }),
    weekly_report: (c) => ({ subject: `Weekly report: ${team(c)}, ${str(c.data.from)} – ${str(c.data.to)}`, lines: [`Attached is ${team(c)}'s report for ${str(c.data.from)} to ${str(c.data.to)} (${str(c.data.timeZone)}): cases created, SLA attainment, median resolution time, CSAT and backlog, day by day.`], open: 'The dashboards in Closeloop:' }),
  },
  zh: {
    case_resolved: (c) => ({ subject: `${c.caseNumber} 已解决`, lines: [`工单 ${c.caseNumber}「${c.caseTitle}」已解决：${str(c.data.resolution)}`, '请确认；如果问题没有解决，请重新打开。'] }),
    handoff_assigned: (c) => ({ subject: `${c.caseNumber} 有待您团队答复的问题`, lines: [`关于工单 ${c.caseNumber}「${c.caseTitle}」的问题等待您的团队答复：`, str(c.data.question)] }),
    handoff_overdue: (c) => ({ subject: `已逾期：${c.caseNumber} 的协作请求`, lines: [`您的团队对 ${c.caseNumber} 的答复已于 ${str(c.data.dueAt)} 到期：`, str(c.data.question)] }),
    sla_breached: (c) => ({ subject: `${c.caseNumber} 的 SLA 已超时`, lines: [`工单 ${c.caseNumber}「${c.caseTitle}」的${clock(c, CLOCKS.zh)}目标已超时（策略：${str(c.data.policy)}）。`] }),
    critical_page: (c) => ({ subject: `紧急 ${c.caseNumber}：呼叫您处理（第 ${str(c.data.level)} 级）`, lines: [`工单 ${c.caseNumber}「${c.caseTitle}」的紧急升级：${str(c.data.reason)}`, '请确认以停止呼叫。'] }),
    case_waiting: (c) => ({ subject: `${c.caseNumber} 在 ${team(c)} 等待分配`, lines: [`${team(c)} 暂无可接单的成员，工单 ${c.caseNumber}「${c.caseTitle}」正在等待分配。`] }),
    case_assigned: (c) => ({ subject: `${c.caseNumber} 已分配给您`, lines: [`工单 ${c.caseNumber}「${c.caseTitle}」已分配给您。`] }),
    csat_survey: (c) => ({ subject: `您对工单 ${c.caseNumber} 的处理满意吗？`, lines: [`您的工单 ${c.caseNumber}「${c.caseTitle}」已解决。请告诉我们您的满意度：只有一个问题，1 到 5 星。`, `此链接仅可使用一次，将于 ${str(c.data.expiresOn)} 失效。`], open: '为我们的服务评分：' }),
    csat_low: (c) => ({ subject: `满意度偏低（${str(c.data.score)}/5）：${c.caseNumber}`, lines: [`提交人对工单 ${c.caseNumber}「${c.caseTitle}」的评分为 ${str(c.data.score)} 分（满分 5 分）。`, c.data.comment ? `对方留言：「${str(c.data.comment)}」` : '对方没有留言。', '请跟进联系对方，并在工单中记录处理情况。'] }),
    weekly_report: (c) => ({ subject: `周报：${team(c)}，${str(c.data.from)} 至 ${str(c.data.to)}`, lines: [`附件是 ${team(c)} ${str(c.data.from)} 至 ${str(c.data.to)}（${str(c.data.timeZone)}）的周报：新建工单、SLA 达成率、解决时长中位数、满意度和积压，按天列出。`], open: '在 Closeloop 中查看看板：' }),
  },
  ms: {
    case_resolved: (c) => ({ subject: `${c.caseNumber} telah diselesaikan`, lines: [`${c.caseNumber} “${c.caseTitle}” telah diselesaikan: ${str(c.data.resolution)}`, 'Sila sahkan, atau buka semula jika masalah belum selesai.'] }),
    handoff_assigned: (c) => ({ subject: `Soalan untuk pasukan anda tentang ${c.caseNumber}`, lines: [`Satu soalan tentang ${c.caseNumber} “${c.caseTitle}” menunggu pasukan anda:`, str(c.data.question)] }),
    handoff_overdue: (c) => ({ subject: `Lewat: soalan tentang ${c.caseNumber}`, lines: [`Jawapan pasukan anda untuk ${c.caseNumber} sepatutnya diberi pada ${str(c.data.dueAt)}:`, str(c.data.question)] }),
    sla_breached: (c) => ({ subject: `SLA terlepas bagi ${c.caseNumber}`, lines: [`Sasaran ${clock(c, CLOCKS.ms)} bagi ${c.caseNumber} “${c.caseTitle}” telah terlepas (polisi ${str(c.data.policy)}).`] }),
    critical_page: (c) => ({ subject: `KRITIKAL ${c.caseNumber}: anda dipanggil (tahap ${str(c.data.level)})`, lines: [`Eskalasi kritikal bagi ${c.caseNumber} “${c.caseTitle}”: ${str(c.data.reason)}`, 'Akui untuk menghentikan panggilan.'] }),
    case_waiting: (c) => ({ subject: `${c.caseNumber} menunggu tanpa pegawai dalam ${team(c)}`, lines: [`Tiada sesiapa dalam ${team(c)} yang boleh mengambil ${c.caseNumber} “${c.caseTitle}”.`] }),
    case_assigned: (c) => ({ subject: `${c.caseNumber} diserahkan kepada anda`, lines: [`${c.caseNumber} “${c.caseTitle}” telah diserahkan kepada anda.`] }),
    csat_survey: (c) => ({ subject: `Bagaimana layanan kami untuk ${c.caseNumber}?`, lines: [`Kes anda ${c.caseNumber} “${c.caseTitle}” telah diselesaikan. Sila beritahu kami tahap kepuasan anda: satu soalan sahaja, 1 hingga 5 bintang.`, `Pautan ini boleh digunakan sekali sahaja dan tamat tempoh pada ${str(c.data.expiresOn)}.`], open: 'Nilai sokongan kami:' }),
    csat_low: (c) => ({ subject: `Kepuasan rendah (${str(c.data.score)}/5) bagi ${c.caseNumber}`, lines: [`Pemohon memberi ${c.caseNumber} “${c.caseTitle}” penilaian ${str(c.data.score)} daripada 5.`, c.data.comment ? `Komen mereka: “${str(c.data.comment)}”` : 'Mereka tidak meninggalkan komen.', 'Sila hubungi mereka semula dan catat tindakan anda dalam kes ini.'] }),
    weekly_report: (c) => ({ subject: `Laporan mingguan: ${team(c)}, ${str(c.data.from)} – ${str(c.data.to)}`, lines: [`Dilampirkan laporan ${team(c)} bagi ${str(c.data.from)} hingga ${str(c.data.to)} (${str(c.data.timeZone)}): kes dicipta, pencapaian SLA, median masa penyelesaian, CSAT dan kes tertunggak, hari demi hari.`], open: 'Papan pemuka dalam Closeloop:' }),
  },
};

const GREETING: Record<Locale, (name: string) => string> = { en: (n) => `Hello ${n},`, zh: (n) => `${n}，您好：`, ms: (n) => `Salam ${n},` };
const OPEN: Record<Locale, string> = { en: 'Open it in Closeloop:', zh: '在 Closeloop 中打开：', ms: 'Buka dalam Closeloop:' };

export const isMailKind = (kind: string): kind is MailKind => (MAIL_KINDS as readonly string[]).includes(kind);

/** Subject and plain-text body of one e-mail. */
export function renderMail(kind: MailKind, locale: Locale, c: MailContext): { subject: string; text: string } {
  const { subject, lines, open } = TEMPLATES[locale][kind](c);
  return { subject, text: [GREETING[locale](c.name), '', ...lines.filter(Boolean), '', open ?? OPEN[locale], c.link, ''].join('\n') };
}
