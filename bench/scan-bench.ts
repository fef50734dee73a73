// `npm run bench`: builds a large synthetic estate on moto, runs the real scan through the app
// layer into the real store, and prints wall time, API calls, calls per second and peak
// memory. Each size runs in its own Node process, so one size's peak cannot hide another's.
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
import { estateSpec } from '../src/demo/estate-spec.ts';
import { DEMO_PROFILES, prepareDemo } from '../src/demo/prepare.ts';

interface SizeResult {
  scale: number;
  regions: number;
  resourcesBuilt: number;
  resourcesStored: number;
  buildSeconds: number;
  scanSeconds: number;
  apiCalls: number;
  callsPerSecond: number;
  baselineRssMb: number;
  peakRssMb: number;
  baselineHeapMb: number;
  peakHeapMb: number;
  domains: string[];
}

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '4,16' },
    regions: { type: 'string', default: '12' },
    child: { type: 'boolean', default: false },
  },
});

if (values.child) {
  const result = await measure(Number(values.scale), Number(values.regions));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const results: SizeResult[] = [];
  for (const scale of values.scale.split(',').map(Number)) {
    results.push(await runChild(scale, Number(values.regions)));
  }
  process.stdout.write(`\n${table(results)}\n`);
}

function runChild(scale: number, regions: number): Promise<SizeResult> {
  const script = fileURLToPath(import.meta.url);
  const args = [
    '--expose-gc',
    script,
    '--child',
    '--scale',
    String(scale),
    '--regions',
    String(regions),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as SizeResult);
      else reject(new Error(`bench at scale ${scale} failed with exit code ${String(code)}`));
    });
  });
}

async function measure(scale: number, regionCount: number): Promise<SizeResult> {
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
    const buildSeconds = (performance.now() - buildStart) / 1000;
    try {
      const app = appContextFrom({ env: sandbox.env, homeDir: sandbox.homeDir });
      await discoverProfiles(app);
      setProfilesEnabled(app, [DEMO_PROFILES.prod], true);

      // Every HTTP request this process sends to the emulator is one API call of the scan.
      const host = new URL(moto.endpoint).host;
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

      log('scanning escher-prod (the real scan, into the real store)');
      const scanStart = performance.now();
      await refreshEstate(app, { profiles: [DEMO_PROFILES.prod] });
      const scanSeconds = (performance.now() - scanStart) / 1000;
      clearInterval(sampler);
      dc.unsubscribe('http.client.request.start', onRequest);

      const overview = getOverview(app);
      const prod = overview.profiles.find((profile) => profile.name === DEMO_PROFILES.prod);
      const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
      return {
        scale,
        regions: regionCount,
        resourcesBuilt,
        resourcesStored: overview.resourceTotal,
        buildSeconds: round(buildSeconds),
        scanSeconds: round(scanSeconds),
        apiCalls,
        callsPerSecond: Math.round(apiCalls / scanSeconds),
        baselineRssMb: mb(baseline.rss),
        peakRssMb: mb(peakRss),
        baselineHeapMb: mb(baseline.heapUsed),
        peakHeapMb: mb(peakHeap),
        domains: (prod?.domains ?? []).map(
          (line) => `${line.label}: ${line.status} (${line.detail})`,
        ),
      };
    } finally {
      await sandbox.remove();
    }
  } finally {
    await moto.stop();
  }
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
