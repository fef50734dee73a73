#!/usr/bin/env node
// Node 24 runs our TypeScript sources directly (type stripping), so there is no build step.
// npm puts the project's own Node 24 (the `node` dev dependency) first on the path of
// `npx escher` and npm scripts; a bare older node gets a clear message instead of a crash.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `escher: needs Node.js 24 or later, found ${process.version}. ` +
      'Run it as `npx escher` in the project after `npm install`.\n',
  );
  process.exit(1);
}
await import('../src/cli/main.ts');
