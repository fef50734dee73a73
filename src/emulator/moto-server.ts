import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A running moto_server on a loopback port that the operating system chose. */
export interface MotoServer {
  readonly endpoint: string;
  readonly port: number;
  /** Forget every resource (moto's reset endpoint); the IAM request counter is not reset. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface MotoOptions {
  /**
   * Turn on moto's IAM enforcement after this many unauthenticated requests, so that a
   * caller whose policy lacks an action gets the AccessDenied AWS would give. Undefined
   * leaves enforcement off.
   */
  readonly enforceIamAfter?: number;
  readonly startTimeoutMs?: number;
}

export class MotoMissingError extends Error {
  constructor() {
    super('moto_server was not found: install it with pip install "moto[server]"');
    this.name = 'MotoMissingError';
  }
}

const RUNNING_LINE = /Running on http:\/\/127\.0\.0\.1:(\d+)/;
const running = new Set<ChildProcess>();

export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, MOTO_PORT: undefined };
  if (options.enforceIamAfter !== undefined) {
    env.INITIAL_NO_AUTH_ACTION_COUNT = String(options.enforceIamAfter);
  }
  // Port 0 lets the kernel pick a free port; moto prints the one it got.
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const port = await waitForPort(child, options.startTimeoutMs ?? 30_000);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(endpoint, options.startTimeoutMs ?? 30_000);

  return {
    endpoint,
    port,
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset failed with HTTP ${response.status}`);
    },
    stop: () => stopChild(child),
  };
}

function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`moto_server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = RUNNING_LINE.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new MotoMissingError() : error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`moto_server exited with code ${String(code)} before it started:\n${output}`),
      );
    });
  });
}

async function waitUntilAnswering(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`moto_server at ${endpoint} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Kills every moto this process started; for exit paths that cannot await. */
export function killAllMotoSync(): void {
  for (const child of running) child.kill('SIGKILL');
}
