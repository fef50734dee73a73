// `npm run bench`: builds a large synthetic estate on moto, runs the real scan through the app
// layer into the real store, and prints wall time, API calls, calls per second and peak
// memory. Each size is scanned by a fresh Node process, so neither the estate builder nor
// another size adds to the scan's memory.
//
//   npm run bench                         sizes 4 and 16 times the seed's estate, 12 regions
//   npm run bench -- --scale 2,8 --regions 6
import { spawn } from 'node:child_process';
import dc from 'node:diagnostics_channel';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  appContextFrom,
  discoverProfiles,
  getOverview,
  refreshEstate,
  setProfilesEnabled,
} from '../src/app/index.ts';
import { startMoto } from '../src/emulator/moto-server.ts';
import { BOOTSTRAP_REQUESTS } from '../src/demo/emulator-target.ts';
import { ESTATE_REGIONS, estateSpec } from '../src/demo/estate-spec.ts';
import { DEMO_PROFILES, prepareDemo } from '../src/demo/prepare.ts';

interface ScanResult {
  resourcesStored: number;
  scanSeconds: number;
  apiCalls: number;
  callsPerSecond: number;
  baselineRssMb: number;
  peakRssMb: number;
  baselineHeapMb: number;
  peakHeapMb: number;
  domains: string[];
}

interface SizeResult extends ScanResult {
  scale: number;
  regions: number;
  resourcesBuilt: number;
  buildSeconds: number;
}

const values = benchArguments();

if (values['scan-only'] !== undefined) {
  // The child: a fresh process that only scans, so its memory is the scan's alone.
  const result = await scanOnly(values['scan-only'], values.endpoint ?? '');
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const results: SizeResult[] = [];
  for (const scale of values.scales) results.push(await measureSize(scale, values.regionCount));
  process.stdout.write(`\n${table(results)}\n`);
}

/** Builds the estate in this process, then scans it from a fresh child process. */
async function measureSize(scale: number, regionCount: number): Promise<SizeResult> {
  const log = (line: string): void => void process.stderr.write(`bench[x${scale}]: ${line}\n`);
  const spec = estateSpec({ scale, regionCount });
  const resourcesBuilt = (Object.values(spec.counts) as number[]).reduce(
    (sum: number, count: number) => sum + count,
    0,
  );
  const moto = await startMoto({ enforceIamAfter: BOOTSTRAP_REQUESTS });
  try {
    log(
      `emulator at ${moto.endpoint}; building ${resourcesBuilt} resources over ${regionCount} regions`,
    );
    const buildStart = performance.now();
    const { sandbox } = await prepareDemo(moto, { scale, regionCount, progress: log });
    const buildSeconds = round((performance.now() - buildStart) / 1000);
    try {
      log('scanning escher-prod in a fresh process (the real scan, into the real store)');
      const scan = await runScanChild(sandbox.env, sandbox.dir, moto.endpoint);
      return { scale, regions: regionCount, resourcesBuilt, buildSeconds, ...scan };
    } finally {
      await sandbox.remove();
    }
  } finally {
    await moto.stop();
  }
}

function runScanChild(env: NodeJS.ProcessEnv, home: string, endpoint: string): Promise<ScanResult> {
  const script = fileURLToPath(import.meta.url);
  const args = ['--expose-gc', script, '--scan-only', home, '--endpoint', endpoint];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ScanResult);
      else reject(new Error(`the scan process failed with exit code ${String(code)}`));
    });
  });
}

async function scanOnly(home: string, endpoint: string): Promise<ScanResult> {
  const app = appContextFrom({ env: process.env, homeDir: home });
  await discoverProfiles(app);
  setProfilesEnabled(app, [DEMO_PROFILES.prod], true);

  // Every HTTP request this process sends to the emulator is one API call of the scan.
  const host = new URL(endpoint).host;
  let apiCalls = 0;
  const onRequest = (message: unknown): void => {
    const request = (message as { request?: { getHeader(name: string): unknown } }).request;
    if (request?.getHeader('host') === host) apiCalls++;
  };
  dc.subscribe('http.client.request.start', onRequest);

  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);

  const scanStart = performance.now();
  const refreshed = await refreshEstate(app, { profiles: [DEMO_PROFILES.prod] });
  const scanSeconds = (performance.now() - scanStart) / 1000;
  clearInterval(sampler);
  dc.unsubscribe('http.client.request.start', onRequest);

  // A scan that could not run at all is no measurement: say why instead of printing a figure.
  const failure = refreshed.profiles.find((profile) => profile.error !== undefined)?.error;
  if (failure !== undefined) throw new Error(`the scan of escher-prod failed: ${failure}`);
  const overview = getOverview(app);
  const prod = overview.profiles.find((profile) => profile.name === DEMO_PROFILES.prod);
  const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    resourcesStored: overview.resourceTotal,
    scanSeconds: round(scanSeconds),
    apiCalls,
    callsPerSecond: Math.round(apiCalls / scanSeconds),
    baselineRssMb: mb(baseline.rss),
    peakRssMb: mb(peakRss),
    baselineHeapMb: mb(baseline.heapUsed),
    peakHeapMb: mb(peakHeap),
    domains: (prod?.domains ?? []).map((line) => `${line.label}: ${line.status} (${line.detail})`),
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function table(results: readonly SizeResult[]): string {
  const header = [
    '| Estate | Resources stored | Regions | Scan wall time | API calls | Calls/s | Peak RSS (baseline) | Peak heap (baseline) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const rows = results.map(
    (r) =>
      `| ×${r.scale} (${r.resourcesBuilt} built) | ${r.resourcesStored} | ${r.regions} | ${r.scanSeconds} s | ` +
      `${r.apiCalls} | ${r.callsPerSecond} | ${r.peakRssMb} MB (${r.baselineRssMb}) | ` +
      `${r.peakHeapMb} MB (${r.baselineHeapMb}) |`,
  );
  const lines = results.map((r) => `×${r.scale}: ${r.domains.join('; ')}`);
  return [...header, ...rows, '', ...lines].join('\n');
}

/** The options, checked up front: a mistyped size says so in one line, not as a stack trace. */
function benchArguments(): {
  scales: number[];
  regionCount: number;
  'scan-only'?: string;
  endpoint?: string;
} {
  const usage = (why: string): never => {
    process.stderr.write(
      `bench: ${why}\nusage: npm run bench -- [--scale N[,N...]] [--regions R]  ` +
        `(N a whole number of 1 or more; R from 3 to ${ESTATE_REGIONS.length})\n`,
    );
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        scale: { type: 'string', default: '4,16' },
        regions: { type: 'string', default: '12' },
        'scan-only': { type: 'string' },
        endpoint: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return usage((error as Error).message);
  }
  const wholeNumber = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text) : NaN);
  const scales = parsed.scale.split(',').map(wholeNumber);
  if (scales.some((scale) => !(scale >= 1))) {
    usage(`--scale ${JSON.stringify(parsed.scale)}: each size must be a whole number of 1 or more`);
  }
  const regionCount = wholeNumber(parsed.regions);
  if (!(regionCount >= 3 && regionCount <= ESTATE_REGIONS.length)) {
    usage(
      `--regions ${JSON.stringify(parsed.regions)}: must be from 3 to ${ESTATE_REGIONS.length}`,
    );
  }
  return {
    scales,
    regionCount,
    ...(parsed['scan-only'] !== undefined ? { 'scan-only': parsed['scan-only'] } : {}),
    ...(parsed.endpoint !== undefined ? { endpoint: parsed.endpoint } : {}),
  };
}
