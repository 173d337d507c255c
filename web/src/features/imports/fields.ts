/** The case fields a CSV column can feed, as the server names them (`map=field=Column,…`). */
export const IMPORT_FIELDS = [
  'externalId',
  'title',
  'description',
  'createdAt',
  'firstResponseAt',
  'firstResponseMinutes',
  'resolvedAt',
  'closedAt',
  'status',
  'priority',
  'category',
  'csat',
  'team',
  'assignee',
  'region',
  'source',
  'language',
  'accountType',
  'accountExternalId',
  'accountName',
  'accountEmail',
  'accountPhone',
  'accountTier',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Every row needs these; the server refuses a map without externalId and a row without a category. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['externalId', 'category'];

/** How the mapping form groups the fields. */
export const FIELD_GROUPS: { key: 'case' | 'dates' | 'work' | 'account'; fields: ImportField[] }[] = [
  { key: 'case', fields: ['externalId', 'title', 'description', 'category', 'status', 'priority', 'source', 'language'] },
  { key: 'dates', fields: ['createdAt', 'firstResponseAt', 'firstResponseMinutes', 'resolvedAt', 'closedAt'] },
  { key: 'work', fields: ['team', 'assignee', 'csat'] },
  {
    key: 'account',
    fields: ['accountExternalId', 'accountEmail', 'accountName', 'accountPhone', 'accountType', 'accountTier', 'region'],
  },
];

export type ColumnMapping = Partial<Record<ImportField, string>>;

// Header names other help desks use, folded by `fold` (lower case, letters and digits only).
// Order matters twice: a field's first name that matches wins, and fields earlier in this
// table claim a column before later ones (so "ID" is the ticket's, "Requester ID" the account's).
const HEADER_NAMES: [ImportField, string[]][] = [
  ['externalId', ['externalid', 'ticketid', 'id', 'ticket', 'ticketnumber', 'ticketno', 'caseid', 'casenumber', 'caseno', 'issuekey', 'issueid', 'reference', 'referenceno', 'ref', 'key', 'number', 'no', '工单编号', '工单号', '编号', 'idtiket', 'nomborkes', 'nombortiket']],
  ['title', ['title', 'subject', 'summary', 'tickettitle', 'casetitle', 'ticketsubject', 'topic', 'headline', '标题', '主题', 'tajuk', 'subjek']],
  ['description', ['description', 'body', 'details', 'content', 'message', 'firstmessage', 'comment', 'comments', 'notes', 'text', 'issuedescription', '描述', '内容', '详情', 'keterangan', 'penerangan']],
  ['createdAt', ['createdat', 'created', 'createddate', 'createdon', 'createdtime', 'creationdate', 'datecreated', 'opened', 'openedat', 'dateopened', 'submitted', 'submittedat', 'requested', 'requestedat', 'date', '创建时间', '创建日期', 'dicipta', 'tarikhdicipta']],
  ['firstResponseAt', ['firstresponseat', 'firstresponse', 'firstresponded', 'firstrespondedat', 'firstreplyat', 'firstreply', 'firstrepliedat', 'firstresponsedate', 'firstreplydate', '首次响应时间']],
  ['firstResponseMinutes', ['firstresponseminutes', 'firstreplyminutes', 'firstreplytimeinminutes', 'firstresponsetimeinminutes', 'firstreplytimeminutes', 'firstresponsetimeminutes', 'firstresponsetime', 'firstreplytime', 'frt', 'frtminutes']],
  ['resolvedAt', ['resolvedat', 'resolved', 'resolveddate', 'resolvedon', 'resolvedtime', 'resolutiondate', 'resolutiontime', 'solved', 'solvedat', 'solveddate', '解决时间', 'diselesaikan']],
  ['closedAt', ['closedat', 'closed', 'closeddate', 'closedon', 'closedtime', 'dateclosed', '关闭时间', 'ditutup']],
  ['status', ['status', 'state', 'ticketstatus', 'casestatus', '状态']],
  ['priority', ['priority', 'urgency', 'severity', 'prio', 'ticketpriority', '优先级', 'keutamaan']],
  ['category', ['category', 'categorycode', 'subcategory', 'type', 'tickettype', 'casetype', 'issuetype', 'reason', 'contactreason', '分类', '类别', 'kategori']],
  ['csat', ['csat', 'csatscore', 'satisfaction', 'satisfactionscore', 'satisfactionrating', 'customersatisfaction', 'rating', '满意度', 'kepuasan']],
  ['team', ['team', 'group', 'groupname', 'teamname', 'assignedgroup', 'assignmentgroup', 'queue', 'department', '团队', '组', 'pasukan', 'kumpulan']],
  ['assignee', ['assignee', 'agent', 'assignedto', 'owner', 'assigneeemail', 'assigneename', 'agentemail', 'agentname', 'handler', '处理人', '负责人', 'pegawai', 'ejen']],
  ['region', ['region', 'country', 'countrycode', 'market', 'site', '地区', 'rantau', 'negara']],
  ['source', ['source', 'channel', 'via', 'origin', '来源', '渠道', 'sumber', 'saluran']],
  ['language', ['language', 'lang', 'locale', '语言', 'bahasa']],
  ['accountType', ['accounttype', 'requestertype', 'customertype', 'usertype', '账户类型', 'jenisakaun']],
  ['accountExternalId', ['accountexternalid', 'accountid', 'requesterid', 'customerid', 'userid', 'sellerid', 'shopid', 'merchantid', 'clientid', 'organizationid', '账户id', 'idakaun']],
  ['accountName', ['accountname', 'requester', 'requestername', 'customer', 'customername', 'user', 'username', 'sellername', 'shopname', 'merchantname', 'client', 'clientname', 'name', '账户名称', '客户', 'namaakaun', 'pelanggan']],
  ['accountEmail', ['accountemail', 'email', 'emailaddress', 'requesteremail', 'customeremail', 'useremail', 'contactemail', '邮箱', 'emel']],
  ['accountPhone', ['accountphone', 'phone', 'phonenumber', 'requesterphone', 'customerphone', 'mobile', 'contactphone', 'telephone', 'tel', '电话', 'telefon']],
  ['accountTier', ['accounttier', 'tier', 'customertier', 'segment', 'plan', 'level', '等级', 'tahap']],
];

/** "Ticket ID", "ticket_id" and "TicketId" all fold to "ticketid". */
export function fold(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Columns the file offers for mapping: named, each once. */
export function mappableColumns(header: string[]): string[] {
  return [...new Set(header.filter((column) => column.trim() !== ''))];
}

/** A first mapping from the file's header names; the person checks and corrects it. */
export function guessMapping(header: string[]): ColumnMapping {
  const columns = mappableColumns(header);
  const folded = columns.map(fold);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  for (const [field, names] of HEADER_NAMES) {
    for (const name of names) {
      const at = folded.findIndex((column, index) => column === name && !taken.has(index));
      if (at >= 0) {
        mapping[field] = columns[at];
        taken.add(at);
        break;
      }
    }
  }
  // The server takes one of the two: a timestamp wins over a number of minutes.
  if (mapping.firstResponseAt && mapping.firstResponseMinutes) delete mapping.firstResponseMinutes;
  return mapping;
}

/** The `map` query parameter: `field=Column` pairs, a comma inside a column name written `\,`. */
export function mapParam(mapping: ColumnMapping): string {
  return IMPORT_FIELDS.filter((field) => mapping[field])
    .map((field) => `${field}=${(mapping[field] as string).replace(/,/g, '\\,')}`)
    .join(',');
}

export type MappingProblem = 'externalIdMissing' | 'firstResponseBoth';
export type MappingWarning = 'categoryMissing' | 'accountMissing';

/** What stops the server from taking the mapping at all, known before anything is sent. */
export function mappingProblems(mapping: ColumnMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  if (!mapping.externalId) problems.push('externalIdMissing');
  if (mapping.firstResponseAt && mapping.firstResponseMinutes) problems.push('firstResponseBoth');
  return problems;
}

/** Gaps that would make every row invalid: worth saying before the check says it row by row. */
export function mappingWarnings(mapping: ColumnMapping): MappingWarning[] {
  const warnings: MappingWarning[] = [];
  if (!mapping.category) warnings.push('categoryMissing');
  if (!mapping.accountExternalId && !mapping.accountEmail) warnings.push('accountMissing');
  return warnings;
}
