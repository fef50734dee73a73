import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** One file the dashboard serves, held in memory. */
export interface Asset {
  readonly contentType: string;
  readonly body: string;
}

export type AssetMap = ReadonlyMap<string, Asset>;

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/**
 * Bundles the front end (web/) and uPlot with its stylesheet into memory. Done when the server
 * starts, from files in the project, so the page needs nothing from the internet and no build
 * step has to be run first.
 */
export async function bundleAssets(): Promise<AssetMap> {
  const result = await build({
    entryPoints: { app: `${WEB_DIR}main.ts`, style: `${WEB_DIR}style.css` },
    bundle: true,
    write: false,
    outdir: '/assets',
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });

  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    assets.set(`/assets/${name}`, { contentType: contentTypeOf(name), body: file.text });
  }
  return assets;
}

function contentTypeOf(name: string): string {
  if (name.endsWith('.js')) return 'text/javascript; charset=utf-8';
  if (name.endsWith('.css')) return 'text/css; charset=utf-8';
  return 'application/octet-stream';
}

/**
 * The page itself. The token rides in a meta tag, not in script: the CSP forbids inline script,
 * and only a request that already proved it holds the token (cookie or query) is served this.
 */
export function indexHtml(token: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="escher-token" content="${token}">
<title>Escher · Estate</title>
<link rel="stylesheet" href="/assets/style.css">
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<noscript>The Escher dashboard needs JavaScript.</noscript>
</body>
</html>
`;
}
