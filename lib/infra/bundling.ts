/**
 * How every handler is bundled, in one place, so the bundle a test builds
 * and imports is made exactly as the deployed one (see
 * test/functions/bundle.test.ts).
 *
 * - ESM, because the handlers and their libraries are ESM; the banner gives
 *   the bundle a `require`, which bundled CommonJS code (Powertools, middy's
 *   dependencies) calls for Node built-ins and which ESM lacks.
 * - The AWS SDK is bundled rather than taken from the runtime, so the
 *   tested bundle and the deployed one use the same SDK version.
 * - Source maps without the sources themselves: stack traces name the
 *   TypeScript file and line (NODE_OPTIONS=--enable-source-maps), and the
 *   map stays a few MB instead of four times the bundle.
 */
export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner:
    "import { createRequire as __smartcityCreateRequire } from 'node:module';" +
    'const require = __smartcityCreateRequire(import.meta.url);',
  external: [] as string[],
} as const;

/**
 * Builds every handler into `outdir/<name>/index.mjs` with the options
 * above, outside CDK: for the test that runs bundles as built, and for the
 * bundle benchmark.
 */
export async function buildHandlerBundles(
  outdir: string,
  names: readonly string[],
  entryOf: (name: string) => string,
): Promise<void> {
  const { build } = await import('esbuild');
  await build({
    entryPoints: Object.fromEntries(names.map((name) => [`${name}/index`, entryOf(name)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: BUNDLE.format,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourcemap,
    sourcesContent: BUNDLE.sourcesContent,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    external: [...BUNDLE.external],
    logLevel: 'silent',
  });
}
