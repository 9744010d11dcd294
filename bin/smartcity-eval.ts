#!/usr/bin/env node
/**
 * smartcity-eval: the command-line tool. It runs the same pipeline steps as
 * the AWS workflow on files on this machine and writes results.json,
 * results.csv and report.html.
 *
 * Exit codes: 0 success, 2 invalid input (data or model), 1 internal error.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { defaultModel, parseModel } from '../lib/model/load-model.js';
import type { ModelInput } from '../lib/model/schema.js';
import { InvalidInputError, InvalidModelError } from '../lib/pipeline/errors.js';
import { formatIssue } from '../lib/pipeline/issues.js';
import type { LocalRunOptions } from '../lib/pipeline/local-runner.js';
import type { StepName } from '../lib/pipeline/step-list.js';
import { SOFTWARE_VERSION } from '../lib/pipeline/version.js';

const EXIT_OK = 0;
const EXIT_INTERNAL = 1;
const EXIT_INVALID = 2;

interface CommonOptions {
  model?: string;
  out: string;
  dataset?: string;
  db?: string | false;
  lang?: 'en' | 'zh';
  quiet?: boolean;
}

const program = new Command()
  .name('smartcity-eval')
  .description(
    'Evaluate the sustainable development of cities from an indicator panel (CSV or Excel).',
  )
  .version(SOFTWARE_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  // Usage errors (unknown option, missing argument) exit with 2 like invalid
  // input; --help and --version with 0. Set before the subcommands so they
  // inherit it.
  .exitOverride();

function withCommonOptions(command: Command, defaultOut: string): Command {
  return command
    .option('-m, --model <file>', 'indicator model (JSON); the 21-indicator default if omitted')
    .option('-o, --out <dir>', 'output folder', defaultOut)
    .option('--dataset <name>', 'dataset name for the run record (default: the file name)')
    .option('--db <file>', 'SQLite results database (default: <out>/results.sqlite)')
    .option('--no-db', 'do not record the run in a database')
    .addOption(new Option('--lang <language>', 'report language').choices(['en', 'zh']))
    .option('-q, --quiet', 'print only the result paths and errors');
}

withCommonOptions(
  program
    .command('run')
    .description('run every step and write results.json, results.csv and report.html')
    .argument('<data...>', 'data files: one panel, or one file per year'),
  'out',
).action(async (files: string[], opts: CommonOptions) => {
  process.exitCode = await execute(files, opts, undefined, undefined);
});

withCommonOptions(
  program
    .command('validate')
    .description('check data files against the model and write validation.json')
    .argument('<data...>', 'data files'),
  'out',
).action(async (files: string[], opts: CommonOptions) => {
  process.exitCode = await execute(files, { ...opts, db: false }, ['validate'], undefined);
});

withCommonOptions(
  program
    .command('factor')
    .description('run factor analysis, reliability and the confirmatory model alone')
    .argument('<data...>', 'data files'),
  'out',
).action(async (files: string[], opts: CommonOptions) => {
  process.exitCode = await execute(files, { ...opts, db: false }, ['validate', 'factor', 'report']);
});

withCommonOptions(
  program
    .command('cluster')
    .description('cluster units into development tiers and run the regression check')
    .argument('<data...>', 'data files')
    .addOption(
      new Option('--method <linkage>', 'linkage').choices([
        'ward',
        'average',
        'complete',
        'single',
        'centroid',
      ]),
    )
    .option('-k, --clusters <k>', 'number of clusters, or "jump" or "silhouette"', parseK)
    .addOption(
      new Option('--features <kind>', 'what to cluster on').choices([
        'indicators',
        'factors',
        'subsystems',
        'composite',
      ]),
    ),
  'out',
).action(
  async (
    files: string[],
    opts: CommonOptions & { method?: string; clusters?: number | string; features?: string },
  ) => {
    const override = (model: ModelInput): ModelInput => {
      const analysis = { ...(model.analysis ?? {}) };
      analysis.clustering = {
        ...(analysis.clustering ?? {}),
        ...(opts.method ? { method: opts.method as 'ward' } : {}),
        ...(opts.clusters !== undefined ? { k: opts.clusters as number } : {}),
        ...(opts.features ? { features: opts.features as 'composite' } : {}),
      };
      return { ...model, analysis };
    };
    process.exitCode = await execute(
      files,
      { ...opts, db: false },
      ['validate', 'normalize', 'factor', 'cluster', 'report'],
      override,
    );
  },
);

withCommonOptions(
  program
    .command('dea')
    .description('run data envelopment analysis (and the Malmquist index) alone')
    .argument('<data...>', 'data files')
    .requiredOption('--inputs <columns>', 'comma-separated input columns', parseList)
    .requiredOption('--outputs <columns>', 'comma-separated output columns', parseList)
    .addOption(new Option('--rts <rts>', 'returns to scale').choices(['crs', 'vrs']).default('vrs'))
    .addOption(
      new Option('--orientation <o>', 'orientation').choices(['input', 'output']).default('input'),
    )
    .addOption(
      new Option('--frontier <f>', 'who is compared with whom')
        .choices(['per-year', 'pooled', 'longitudinal'])
        .default('per-year'),
    )
    .option('--malmquist', 'compute the Malmquist index across years', false)
    .option('--super', 'add Andersen–Petersen super-efficiency', false),
  'out',
).action(
  async (
    files: string[],
    opts: CommonOptions & {
      inputs: string[];
      outputs: string[];
      rts: 'crs' | 'vrs';
      orientation: 'input' | 'output';
      frontier: 'per-year' | 'pooled' | 'longitudinal';
      malmquist: boolean;
      super: boolean;
    },
  ) => {
    // DEA alone needs no indicator model: one is made from the named columns.
    const model: ModelInput = {
      name: 'DEA',
      subsystems: [{ id: 'dea', name: 'Data envelopment analysis' }],
      indicators: [
        ...opts.inputs.map((id) => deaIndicator(id, 'input')),
        ...opts.outputs.map((id) => deaIndicator(id, 'output')),
      ],
      analysis: {
        dea: {
          rts: opts.rts,
          orientation: opts.orientation,
          frontier: opts.frontier,
          malmquist: opts.malmquist,
          superEfficiency: opts.super,
        },
      },
    };
    process.exitCode = await execute(
      files,
      { ...opts, model: undefined, db: false },
      ['validate', 'dea', 'report'],
      () => model,
    );
  },
);

program
  .command('submit')
  .description('upload a file to a deployed stack, wait for the run and print the report link')
  .argument('<file>', 'data file (or model.json) to upload')
  .requiredOption('--dataset <name>', 'dataset the file belongs to')
  .option('--outputs <file>', 'outputs file of `cdk deploy --outputs-file`', 'cdk-outputs.json')
  .option('--stack <name>', 'stack name in the outputs file', 'SmartcityEval')
  .option('--bucket <name>', 'input bucket (instead of the outputs file)')
  .option('--state-machine <arn>', 'state machine ARN (instead of the outputs file)')
  .option('--no-wait', 'return after the upload without waiting for the run')
  .action(
    async (
      file: string,
      opts: {
        dataset: string;
        outputs: string;
        stack: string;
        bucket?: string;
        stateMachine?: string;
        wait: boolean;
      },
    ) => {
      const { submit, readStackOutputs } = await import('../lib/client/index.js');
      try {
        const explicit = opts.bucket !== undefined;
        const result = await submit({
          file,
          dataset: opts.dataset,
          wait: opts.wait,
          ...(explicit
            ? {
                bucket: opts.bucket,
                ...(opts.stateMachine ? { stateMachineArn: opts.stateMachine } : {}),
              }
            : { stackOutputs: await readStackOutputs(opts.outputs, opts.stack) }),
          log: (message) => process.stderr.write(`${message}\n`),
        });
        if (result.reportLink) process.stdout.write(`${result.reportLink}\n`);
        process.exitCode =
          result.status === 'SUCCEEDED' || result.status === 'UPLOADED' ? EXIT_OK : EXIT_INVALID;
      } catch (error) {
        process.stderr.write(`smartcity-eval submit: ${(error as Error).message}\n`);
        process.exitCode = error instanceof RangeError ? EXIT_INVALID : EXIT_INTERNAL;
      }
    },
  );

function deaIndicator(id: string, role: 'input' | 'output') {
  return { id, name: id, subsystem: 'dea', direction: 'positive' as const, dea: role };
}

function parseList(value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (list.length === 0) throw new InvalidArgumentError('give at least one column name');
  return list;
}

function parseK(value: string): number | string {
  if (value === 'jump' || value === 'silhouette') return value;
  const k = Number(value);
  if (!Number.isInteger(k) || k < 1) {
    throw new InvalidArgumentError('k is a whole number ≥ 1, "jump" or "silhouette"');
  }
  return k;
}

/**
 * Runs the chosen steps and prints a short account. An override rewrites the
 * model (the default or the --model file) before the run; the effective
 * model is written to a temporary file so the run's inputs stay files.
 */
async function execute(
  files: string[],
  opts: CommonOptions,
  steps: readonly StepName[] | undefined,
  override?: (model: ModelInput) => ModelInput,
): Promise<number> {
  const say = (line: string) => {
    if (!opts.quiet) process.stderr.write(`${line}\n`);
  };
  try {
    let modelFile = opts.model;
    if (override) {
      const base: ModelInput = opts.model
        ? (JSON.parse(await readFile(opts.model, 'utf8')) as ModelInput)
        : (defaultModel() as ModelInput);
      if (opts.model) parseModel(JSON.stringify(base), opts.model);
      const dir = await mkdtemp(join(tmpdir(), 'smartcity-eval-'));
      modelFile = join(dir, 'model.json');
      await writeFile(modelFile, JSON.stringify(override(base), null, 2));
    }
    const started = performance.now();
    const runOptions: LocalRunOptions = {
      files,
      outDir: opts.out,
      ...(modelFile ? { modelFile } : {}),
      ...(opts.dataset ? { dataset: opts.dataset } : {}),
      ...(opts.db === false ? { database: false } : opts.db ? { database: opts.db } : {}),
      ...(steps ? { steps } : {}),
      ...(opts.lang ? { language: opts.lang } : {}),
      progress: (message) => say(`  ${message}`),
    };
    // Loaded here so that --help and submit start without the analysis code.
    const { runPipeline } = await import('../lib/pipeline/local-runner.js');
    const result = await runPipeline(runOptions);

    if (result.status === 'FAILED') {
      reportInputError(result.error);
      for (const path of result.written) say(`validation report: ${display(path)}`);
      return EXIT_INVALID;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    say(`run ${result.runId} finished in ${seconds} s`);
    for (const path of result.written) process.stdout.write(`${display(path)}\n`);
    const report = result.written.find((p) => p.endsWith('report.html'));
    if (report) say(`\nOpen the report: ${display(report)}`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof InvalidModelError || error instanceof InvalidInputError) {
      reportInputError(error);
      return EXIT_INVALID;
    }
    process.stderr.write(`smartcity-eval: internal error: ${(error as Error).message}\n`);
    if (process.env.SMARTCITY_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    else process.stderr.write('(set SMARTCITY_DEBUG=1 to see where it happened)\n');
    return EXIT_INTERNAL;
  }
}

function reportInputError(error: Error | undefined): void {
  if (error instanceof InvalidInputError) {
    const errors = error.issues.filter((i) => i.severity === 'error');
    process.stderr.write(
      `smartcity-eval: the input is not valid (${errors.length} error${errors.length === 1 ? '' : 's'})\n`,
    );
    for (const issue of errors.slice(0, 20)) process.stderr.write(`  ${formatIssue(issue)}\n`);
    if (errors.length > 20) process.stderr.write(`  … and ${errors.length - 20} more\n`);
  } else if (error) {
    process.stderr.write(`smartcity-eval: ${error.message}\n`);
  }
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
    return;
  }
  process.stderr.write(`smartcity-eval: ${(error as Error).message}\n`);
  process.exitCode = EXIT_INTERNAL;
});

