#!/usr/bin/env node
// The CLI runs the compiled server (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('closeloop: not built yet — run `npm run build` (npm install does it) first');
  process.exit(1);
}
await import(entry.href);
