/**
 * Calls to the dashboard's own API. The token comes from the page's meta tag and goes in a
 * header: the server takes the API token from nowhere else, so another site cannot ride on
 * the session cookie.
 */

const TOKEN_HEADER = 'x-escher-token';

function token(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="escher-token"]');
  return meta?.content ?? '';
}

export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { [TOKEN_HEADER]: token() };
  if (method === 'POST') headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    credentials: 'same-origin',
  });
  const payload: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = (payload as { error?: unknown }).error;
    throw new ApiError(
      response.status,
      typeof message === 'string' ? message : response.statusText,
    );
  }
  return payload as T;
}

export const getJson = <T>(path: string): Promise<T> => call<T>('GET', path);
export const postJson = <T>(path: string, body?: unknown): Promise<T> =>
  call<T>('POST', path, body);
