import type { DbHandle } from '../../db/pool.js';

/** The channel migration 0021's triggers notify when anything an actor is made of changes. */
export const IDENTITY_CHANNEL = 'closeloop_identity';

/** An entry is read again after this long even if nothing was heard (and its use is touched then). */
export const IDENTITY_MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 10_000;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export interface IdentityLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/**
 * Who a token or session is, kept in process memory: authentication was one round trip of every
 * request (of a queue page's three, of an intake's nine). Correct only while this process hears
 * every change: it LISTENs on the identity channel, and forgets everything when told of a change,
 * when its own writes change identity (identityChanged), and when the subscription is lost — then
 * it holds nothing until it listens again. A read that raced a change is not kept (the generation
 * moved while it ran). Entries also age out, so a connection that died unnoticed costs at most
 * IDENTITY_MAX_AGE_MS of staleness.
 */
export class IdentityCache {
  readonly #entries = new Map<string, { value: unknown; readAt: number }>();
  #generation = 0;
  #listening = false;
  #unsubscribe: (() => Promise<void>) | null = null;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;

  constructor(
    private readonly database: Pick<DbHandle, 'listen'>,
    private readonly log?: IdentityLog,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts listening; a failure is logged and retried, meanwhile nothing is kept. */
  async start(): Promise<void> {
    live.add(this);
    await this.#subscribe();
  }

  async stop(): Promise<void> {
    this.#closed = true;
    live.delete(this);
    clearTimeout(this.#retry);
    this.#listening = false;
    this.forget();
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = null;
    await unsubscribe?.();
  }

  /** Whether entries are kept: only while listening. */
  get listening(): boolean {
    return this.#listening;
  }

  /** Take before reading from the database; `remember` keeps the read only if nothing changed since. */
  mark(): number {
    return this.#generation;
  }

  recall<T>(key: string): T | undefined {
    if (!this.#listening) return undefined;
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.readAt > IDENTITY_MAX_AGE_MS) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  remember(key: string, value: unknown, mark: number): void {
    if (!this.#listening || mark !== this.#generation) return;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, readAt: this.now() });
  }

  forget(): void {
    this.#generation++;
    this.#entries.clear();
  }

  async #subscribe(): Promise<void> {
    if (this.#closed) return;
    try {
      const unsubscribe = await this.database.listen(IDENTITY_CHANNEL, {
        notified: () => this.forget(),
        lost: (error) => {
          this.#listening = false;
          this.#unsubscribe = null;
          this.forget();
          this.log?.warn({ err: error }, 'identity cache: lost the change notifications; reading every request until they are back');
          this.#scheduleRetry();
        },
      });
      if (this.#closed) {
        await unsubscribe();
        return;
      }
      this.#unsubscribe = unsubscribe;
      // Whatever was read before the subscription may have missed a change.
      this.forget();
      this.#listening = true;
      if (this.#failures > 0) this.log?.info({}, 'identity cache: change notifications are back');
      this.#failures = 0;
    } catch (error) {
      this.log?.warn({ err: error }, 'identity cache: cannot listen for changes; reading every request meanwhile');
      this.#scheduleRetry();
    }
  }

  #scheduleRetry(): void {
    if (this.#closed) return;
    const delay = RETRY_MS[Math.min(this.#failures, RETRY_MS.length - 1)]!;
    this.#failures++;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#subscribe(), delay);
    this.#retry.unref();
  }
}

const live = new Set<IdentityCache>();

/**
 * Call after committing a change to identity (a token revoked, a person or membership changed, a
 * session ended): this process's caches forget at once, without waiting for the notification
 * that tells every process (it comes a moment later).
 */
export function identityChanged(): void {
  for (const cache of live) cache.forget();
}
