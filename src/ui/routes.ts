import { Hono, type Context } from 'hono';
import { indexHtml, type AssetMap } from './assets.ts';
import type { DashboardBackend, ResourceQuery } from './backend.ts';
import { describeError, HttpError, statusOf } from './errors.ts';
import { guard, securityHeaders } from './guard.ts';
import { RESOURCE_TYPES } from '../scan/resource-types.ts';
import { RefreshJob } from './refresh-job.ts';

export interface DashboardAppOptions {
  readonly backend: DashboardBackend;
  readonly assets: AssetMap;
  readonly token: string;
  readonly port: () => number;
}

export interface DashboardApp {
  readonly app: Hono;
  readonly refresh: RefreshJob;
}

/** The state-changing routes: POST only, each with a JSON body. */
const POST_ROUTES = [
  '/api/profiles/discover',
  '/api/profiles/enable',
  '/api/profiles/disable',
  '/api/profiles/annotate',
  '/api/profiles/test',
  '/api/refresh',
] as const;

export function buildDashboardApp(options: DashboardAppOptions): DashboardApp {
  const { backend } = options;
  const refresh = new RefreshJob(() => backend.now(), describeError);
  const app = new Hono();

  app.use('*', securityHeaders());
  app.use('*', guard({ token: options.token, port: options.port }));
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'POST' && !isJson(c.req.header('content-type'))) {
      throw new HttpError(415, 'POST bodies must be JSON (content-type: application/json)');
    }
    await next();
  });

  app.get('/', (c) => c.html(indexHtml(options.token)));
  // Browsers ask for it by themselves; there is none, and a 404 would litter the console.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/assets/:file', (c) => {
    const asset = options.assets.get(c.req.path);
    if (!asset) throw new HttpError(404, `no asset ${c.req.path}`);
    return c.body(asset.body, 200, { 'content-type': asset.contentType });
  });

  app.get('/api/profiles', (c) => c.json(backend.listProfiles()));
  app.get('/api/profile-files', (c) => c.json(backend.profileFiles()));
  app.get('/api/profile-warnings', async (c) => c.json(await backend.profileWarnings()));
  app.post('/api/profiles/discover', async (c) => c.json(await backend.discoverProfiles()));
  app.post('/api/profiles/enable', async (c) => {
    const names = stringList(await body(c), 'names');
    return c.json(backend.setProfilesEnabled(names, true) ?? { ok: true });
  });
  app.post('/api/profiles/disable', async (c) => {
    const names = stringList(await body(c), 'names');
    return c.json(backend.setProfilesEnabled(names, false) ?? { ok: true });
  });
  app.post('/api/profiles/annotate', async (c) => {
    const input = await body(c);
    const name = text(input, 'name');
    return c.json(backend.annotateProfile(name, text(input, 'note', true)) ?? { ok: true });
  });
  app.post('/api/profiles/test', async (c) => {
    const name = text(await body(c), 'name');
    return c.json(await backend.testAccess(name));
  });

  app.get('/api/overview', (c) => c.json(backend.getOverview()));
  app.get('/api/charts', (c) => c.json(backend.getCharts()));
  app.get('/api/diagnostics', (c) => {
    const name = c.req.query('profile');
    if (!name) throw new HttpError(400, 'name the profile: /api/diagnostics?profile=NAME');
    return c.json(backend.getDiagnostics(name));
  });
  app.get('/api/resources', (c) => c.json(backend.listResources(resourceQuery(c))));

  app.get('/api/refresh', (c) => c.json(refresh.state));
  app.post('/api/refresh', (c) => {
    const started = refresh.start((onProgress, signal) =>
      backend.refreshEstate({ onProgress, signal }),
    );
    if (!started) throw new HttpError(409, 'a Refresh Estate is already running');
    return c.json(refresh.state, 202);
  });

  for (const path of POST_ROUTES) {
    app.all(path, (c) => c.json({ error: `${path} only accepts POST` }, 405, { allow: 'POST' }));
  }
  app.notFound((c) => c.json({ error: `nothing at ${c.req.path}` }, 404));
  app.onError((error, c) => c.json({ error: describeError(error) }, statusOf(error)));

  return { app, refresh };
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

async function body(c: Context): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = await c.req.json();
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function text(input: Record<string, unknown>, key: string, allowEmpty = false): string {
  const value = input[key];
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    throw new HttpError(400, `"${key}" must be a ${allowEmpty ? '' : 'non-empty '}string`);
  }
  return value;
}

function stringList(input: Record<string, unknown>, key: string): string[] {
  const value = input[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw new HttpError(400, `"${key}" must be a non-empty list of profile names`);
  }
  return value;
}

function resourceQuery(c: Context): ResourceQuery {
  const query: { -readonly [K in keyof ResourceQuery]: ResourceQuery[K] } = {};
  for (const key of ['type', 'profile', 'search'] as const) {
    const value = c.req.query(key);
    if (value) query[key] = value;
  }
  // As `escher resources --type`: an unknown type is a mistake to name, not an empty table.
  if (query.type !== undefined && !(RESOURCE_TYPES as readonly string[]).includes(query.type)) {
    throw new HttpError(
      400,
      `no resource type "${query.type}"; known: ${RESOURCE_TYPES.join(', ')}`,
    );
  }
  for (const key of ['offset', 'limit'] as const) {
    const value = c.req.query(key);
    if (value === undefined || value === '') continue;
    // Digits only: `1e2` and `0x10` are numbers to JavaScript, not to a person paging.
    const number = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(number) || number < 0 || (key === 'limit' && number > 500)) {
      throw new HttpError(
        400,
        `${key} must be a whole number${key === 'limit' ? ' up to 500' : ''}`,
      );
    }
    query[key] = number;
  }
  return query;
}
