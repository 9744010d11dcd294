// Bundles the command-line tool into dist/ with esbuild, so that
// `npx smartcity-eval` starts fast without a TypeScript loader.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Native and heavy modules stay outside the bundle and load from
  // node_modules when first used.
  external: ['better-sqlite3', 'playwright-core', 'exceljs', '@aws-sdk/*'],
  // Bundled CommonJS packages call require(); ESM output has none.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

await build({
  ...common,
  // The entry's #! line is kept by esbuild.
  entryPoints: { cli: 'bin/smartcity-eval.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Code splitting keeps --help and submit from parsing the analysis code.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

// DEA worker threads load their entry from beside the chunk that starts them.
await build({
  ...common,
  entryPoints: ['lib/pipeline/steps/dea-worker.ts'],
  outfile: 'dist/chunks/dea-worker.js',
});
