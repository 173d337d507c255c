import type { TestProject } from 'vitest/node';
import { startCloseloop } from './closeloop-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One demo server for all journeys; each journey uses its own browser context. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startCloseloop();
  project.provide('baseUrl', server.baseUrl);
  return server.stop;
}
