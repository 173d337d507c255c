import { defineConfig } from 'vitest/config';

// One run covers the server (against PGlite, or PostgreSQL when DATABASE_URL is set) and
// the web's pure checks; browser journeys have their own config in e2e/.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: two files at a time, each with its own database.
    maxWorkers: 2,
  },
});
