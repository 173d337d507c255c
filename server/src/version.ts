import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (the same file in source and build layouts). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
