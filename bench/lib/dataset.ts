import { randomUUID } from 'node:crypto';
import { DEMO_SEED, type DemoDirectory, buildHistory } from '../../server/src/demo/history.js';
import { loadDemo } from '../../server/src/demo/load-demo.js';
import { growCases, readDirectory } from '../../server/src/demo/grow.js';
import { countCases } from '../../server/src/domains/cases/queries.js';
import { cliActor } from '../../server/src/platform/actor.js';
import type { Deps } from '../../server/src/platform/deps.js';

/** Intake bodies are built a demo history (2,000 cases) at a time. */
const BATCH = 2_000;

/**
 * The demo organisation (teams, people) and its 2,000-case history, loaded through the same
 * code as `npm start --demo`. Returns the directory later batches refer to.
 */
export async function seedOrganisation(deps: Deps): Promise<DemoDirectory> {
  const loaded = await loadDemo(deps, cliActor);
  if (!loaded.loaded) throw new Error(`the bench database is not empty: ${loaded.reason}`);
  return readDirectory(deps.db);
}

export { countCases, growCases, readDirectory };

/** A case as POST /api/v1/cases takes it. */
export interface IntakeBody {
  title: string;
  description: string;
  category: string;
  account: { type: string; externalId: string; name: string; email: string; region: string; language: string };
  source: 'api';
  team?: string;
  fields: Record<string, string | number>;
}

/** `count` realistic intake bodies (en/zh/ms) from a demo history that is never inserted. */
export function intakeBodies(directory: DemoDirectory, count: number): IntakeBody[] {
  const bodies: IntakeBody[] = [];
  for (let batch = 0; bodies.length < count; batch++) {
    const size = Math.min(BATCH, count - bodies.length);
    const history = buildHistory({
      now: new Date(),
      directory,
      numbers: Array.from({ length: size }, (_, i) => i + 1),
      newId: randomUUID,
      seed: DEMO_SEED + 1_000_000 + batch,
    });
    const accounts = new Map(history.accounts.map((a) => [a.id, a]));
    for (const c of history.cases) {
      const a = accounts.get(c.account_id)!;
      bodies.push({
        title: c.title,
        description: c.description,
        category: c.category_code,
        account: { type: a.type, externalId: a.external_id, name: a.name, email: a.email!, region: a.region!, language: a.language! },
        source: 'api',
        team: c.team_id ?? undefined,
        fields: JSON.parse(String(c.fields ?? '{}')) as Record<string, string | number>,
      });
    }
  }
  return bodies;
}
