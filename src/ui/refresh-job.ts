/**
 * The one Refresh Estate that may run at a time in a dashboard. A second start while a scan
 * runs is refused (the route answers 409), so a double click never starts two scans that
 * would race to write the next EstateView version.
 */

export type RefreshPhase = 'idle' | 'running' | 'done' | 'failed';

export interface RefreshState {
  readonly phase: RefreshPhase;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** How many progress events the scan reported so far. */
  readonly eventCount: number;
  /** The latest events, newest last; older ones are dropped so polling stays small. */
  readonly recent: readonly unknown[];
  readonly result?: unknown;
  readonly error?: string;
}

export type RefreshRunner = (
  onProgress: (event: unknown) => void,
  signal: AbortSignal,
) => Promise<unknown>;

const KEPT_EVENTS = 50;

export class RefreshJob {
  #state: RefreshState = { phase: 'idle', eventCount: 0, recent: [] };
  #controller: AbortController | undefined;
  #running: Promise<void> | undefined;
  readonly #now: () => Date;
  readonly #describeError: (error: unknown) => string;

  constructor(now: () => Date, describeError: (error: unknown) => string) {
    this.#now = now;
    this.#describeError = describeError;
  }

  get state(): RefreshState {
    return this.#state;
  }

  /** Starts the scan unless one runs; returns false when it refused. */
  start(run: RefreshRunner): boolean {
    if (this.#state.phase === 'running') return false;
    const controller = new AbortController();
    this.#controller = controller;
    const events: unknown[] = [];
    let eventCount = 0;
    this.#state = {
      phase: 'running',
      startedAt: this.#now().toISOString(),
      eventCount,
      recent: [],
    };

    const onProgress = (event: unknown): void => {
      eventCount += 1;
      events.push(event);
      if (events.length > KEPT_EVENTS) events.shift();
      this.#state = { ...this.#state, eventCount, recent: [...events] };
    };
    this.#running = run(onProgress, controller.signal).then(
      (result) => {
        this.#state = { ...this.#state, phase: 'done', finishedAt: this.#iso(), result };
      },
      (error: unknown) => {
        const message = this.#describeError(error);
        this.#state = { ...this.#state, phase: 'failed', finishedAt: this.#iso(), error: message };
      },
    );
    return true;
  }

  /** Stops a running scan (the dashboard is closing) and waits for it to settle. */
  async stop(): Promise<void> {
    this.#controller?.abort();
    await this.#running;
  }

  #iso(): string {
    return this.#now().toISOString();
  }
}
