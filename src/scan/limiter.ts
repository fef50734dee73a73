import type { CallGate } from '../aws/clients.ts';

/** A counting semaphore: `acquire` waits for a free slot, first come first served. */
class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(slots: number) {
    this.#free = Math.max(1, slots);
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free += 1;
  }
}

/**
 * Caps calls in flight: at most `perKey` per service and region, and `global` in all. The key's
 * slot is taken first, so a call never holds a global slot while it queues behind its own API.
 */
export class Limiter implements CallGate {
  readonly #global: Semaphore;
  readonly #perKey: number;
  readonly #keys = new Map<string, Semaphore>();

  constructor(global: number, perKey: number) {
    this.#global = new Semaphore(global);
    this.#perKey = perKey;
  }

  async run<T>(key: string, call: () => Promise<T>): Promise<T> {
    let own = this.#keys.get(key);
    if (!own) {
      own = new Semaphore(this.#perKey);
      this.#keys.set(key, own);
    }
    await own.acquire();
    try {
      await this.#global.acquire();
      try {
        return await call();
      } finally {
        this.#global.release();
      }
    } finally {
      own.release();
    }
  }
}
