// Bundles the command-line tool into dist/cli.mjs with esbuild, so that
// `npx smartcity-eval` starts fast without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'bin/smartcity-eval.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Code splitting keeps --help and submit from parsing the analysis code.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Native and heavy optional modules stay outside the bundle.
  external: ['better-sqlite3', 'playwright-core', 'exceljs', 'echarts', '@aws-sdk/*'],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
