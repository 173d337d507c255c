// Working blocks as people type them ("09:00–12:00") and as the API takes them (["09:00", "12:00"]).

/** [start, end] in local wall-clock time, HH:MM; the end may be 24:00. */
export type Block = [string, string];

/** Why a block cannot be saved; each has its words in slaAdmin.block.*. */
export type BlockProblem = 'format' | 'endBeforeStart' | 'overlap';

const TIME = /^(\d{1,2})(?::?(\d{2}))?$/;

/** "9", "9:00", "0900", "09:00" → "09:00"; 24:00 only as an end. Null when it is no time. */
export function parseTime(text: string, asEnd = false): string | null {
  const match = TIME.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (minutes > 59 || hours > 24 || (hours === 24 && (minutes > 0 || !asEnd))) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

// Between the two times people write a hyphen, an en or em dash, a tilde, "to" or "至".
const SEPARATOR = /\s*(?:-|–|—|~|～|\bto\b|至|hingga|sampai)\s*/i;

/** "09:00–12:00", "9-12", "13:00 to 18:00" → ["09:00", "12:00"]; null when unreadable. */
export function parseBlock(text: string): Block | null {
  const parts = text.trim().split(SEPARATOR);
  if (parts.length !== 2) return null;
  const start = parseTime(parts[0] ?? '');
  const end = parseTime(parts[1] ?? '', true);
  return start && end ? [start, end] : null;
}

export function formatBlock([start, end]: readonly string[]): string {
  return `${start}–${end}`;
}

/** Several blocks in one text, separated by commas or semicolons: "09:00–12:00, 13:00–18:00". */
export function splitBlocks(text: string): string[] {
  return text
    .split(/[,;，；、]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function formatBlocks(blocks: readonly (readonly string[])[]): string {
  return blocks.map(formatBlock).join(', ');
}

/**
 * Reads a day's blocks and says what is wrong with each (null where it is fine): unreadable,
 * ending before it starts, or starting before the previous block ends (blocks are in order
 * and do not overlap — the rule the server applies too).
 */
export function checkBlocks(texts: readonly string[]): { blocks: Block[]; problems: (BlockProblem | null)[] } {
  const blocks: Block[] = [];
  let previousEnd = '';
  const problems = texts.map((text): BlockProblem | null => {
    const block = parseBlock(text);
    if (!block) return 'format';
    blocks.push(block);
    const [start, end] = block;
    if (end <= start) return 'endBeforeStart';
    const overlaps = previousEnd !== '' && start < previousEnd;
    previousEnd = end;
    return overlaps ? 'overlap' : null;
  });
  return { blocks, problems };
}

/** What "add block" puts in: office hours on an empty day, else the hour after the last block ends. */
export function suggestBlock(texts: readonly string[]): string {
  const last = texts.length ? parseBlock(texts.at(-1) ?? '') : null;
  if (texts.length === 0) return '09:00–18:00';
  if (!last) return '';
  const [hours, minutes] = last[1].split(':').map(Number) as [number, number];
  const start = (hours + 1) * 60 + minutes;
  if (start >= 24 * 60) return '';
  const end = Math.min(start + 60, 24 * 60);
  const time = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return formatBlock([time(start), time(end)]);
}
