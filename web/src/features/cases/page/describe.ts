/** A short text for a value from the timeline's data (a person, team, case, code or text). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join(', ') || '—';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of ['displayName', 'name', 'number', 'text', 'summary', 'code']) {
      if (typeof record[key] === 'string' && record[key]) return record[key] as string;
    }
    return JSON.stringify(value);
  }
  return String(value);
}

export function refName(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  const name = record.displayName ?? record.name ?? record.number;
  return typeof name === 'string' ? name : null;
}
