import {
  classifyScale,
  type DeaData,
  type DeaFrame,
  deaFrame,
  deaFrameAmong,
  type DeaOptions,
  selectUnits,
  solveAgainstFrame,
  superEfficiency,
  type UnitSolution,
} from '../../analysis/dea/index.js';
import { malmquist, malmquistSummary } from '../../analysis/malmquist/index.js';
import type { IndicatorModel } from '../../model/schema.js';
import { getJson, putJson } from '../../store/artifact-store.js';
import { readModel, readPanel, timed, writeStepArtifact } from '../artifacts.js';
import type { InputIssue } from '../issues.js';
import type { Panel } from '../panel.js';
import type { FanOutStep, RowContribution, StepArtifact, StepContext } from '../step.js';
import { type BuiltProblems, buildProblems, type DeaProblem, type DeaRunOptions } from './dea-problems.js';

export type { DeaRunOptions, Frontier } from './dea-problems.js';

/**
 * Units per chunk. One unit costs two LPs (crs, vrs; nirs seldom) of a few
 * microseconds to a few tens of microseconds against a typical frame, so a
 * chunk of this size is a few seconds of work; city panels fit in one.
 */
export const CHUNK_UNITS = 25_000;

/** Scores at least 1 − this count as efficient in summaries. */
export const EFFICIENT_TOLERANCE = 1e-9;

/** A unit's answer from a chunk: the three scores and the chosen model's detail. */
interface UnitOutcome {
  readonly crs: number | null;
  readonly vrs: number | null;
  readonly nirs: number | null;
  /** Input slacks then output slacks of the `rts` model, in data units. */
  readonly slacks?: readonly number[];
  /** Peers of the `rts` model as member indices of the problem. */
  readonly peers?: readonly { readonly member: number; readonly lambda: number }[];
}

interface ChunkTask {
  readonly problem: number;
  /** Indices of the task's units among the problem's members, in the order of `data`. */
  readonly members: readonly number[];
  /** The vrs frame, which answers vrs and nirs problems. */
  readonly frame: DeaFrame;
  /** The crs frame, a subset of the vrs frame, for the crs problems. */
  readonly crsFrame: DeaFrame;
  readonly data: DeaData;
}

interface ChunkInput {
  readonly options: DeaRunOptions;
  readonly tasks: readonly ChunkTask[];
}

interface ChunkOutput {
  readonly tasks: readonly {
    readonly problem: number;
    readonly members: readonly number[];
    readonly units: readonly UnitOutcome[];
  }[];
}

interface Manifest {
  readonly chunks: number;
  readonly frames: readonly { readonly problem: string; readonly units: number; readonly frame: number }[];
}

/**
 * DEA settings from the model: indicators with a `dea` role, and the options
 * of `model.analysis.dea`. Returns a reason instead when DEA is disabled or
 * the model gives no roles.
 */
export function deaOptionsFromModel(model: IndicatorModel): DeaRunOptions | { readonly skipped: string } {
  const dea = model.analysis.dea;
  if (!dea.enabled) return { skipped: 'DEA is disabled in the model (analysis.dea.enabled is false)' };
  const role = (r: string) => model.indicators.filter((i) => i.dea === r).map((i) => i.id);
  const inputs = role('input');
  const outputs = role('output');
  const undesirable = role('undesirable-output');
  if (inputs.length + outputs.length + undesirable.length === 0) {
    return { skipped: 'no indicator of the model has a DEA role (input, output or undesirable-output)' };
  }
  return {
    inputs,
    outputs,
    undesirable,
    undesirableTreatment: dea.undesirable,
    rts: dea.rts,
    orientation: dea.orientation,
    frontier: dea.frontier,
    malmquist: dea.malmquist,
    superEfficiency: dea.superEfficiency,
    nonPositive: dea.nonPositive,
  };
}

/** Splits every problem's units into tasks, packed into chunks of about CHUNK_UNITS units. */
function planChunks(
  built: BuiltProblems,
  orientation: DeaRunOptions['orientation'],
  chunkUnits = CHUNK_UNITS,
): { chunks: ChunkTask[][]; frames: Manifest['frames'] } {
  const chunks: ChunkTask[][] = [];
  const frames: { problem: string; units: number; frame: number }[] = [];
  let current: ChunkTask[] = [];
  let size = 0;
  built.problems.forEach((problem, p) => {
    const frame = deaFrame(problem.data, 'vrs');
    // Every crs-efficient unit is vrs-efficient, so the crs frame is found
    // among the vrs frame's units alone, and crs problems then run against
    // the smaller frame (373 units instead of 3,388 at 100,000 units on the
    // DEA benchmark's data).
    const crsFrame = deaFrameAmong(problem.data, frame.units, 'crs');
    frames.push({ problem: problem.id, units: problem.members.length, frame: frame.units.length });
    const order = warmStartOrder(problem.data, orientation);
    for (let first = 0; first < problem.members.length; ) {
      const room = chunkUnits - size;
      const count = Math.min(room, problem.members.length - first);
      const members = order.slice(first, first + count);
      current.push({
        problem: p,
        members,
        frame,
        crsFrame,
        data: selectUnits(problem.data, members),
      });
      size += count;
      first += count;
      if (size >= chunkUnits) {
        chunks.push(current);
        current = [];
        size = 0;
      }
    }
  });
  if (current.length > 0) chunks.push(current);
  return { chunks, frames };
}

/**
 * A problem's units in the order chunks take them: by the share of the
 * first input in all inputs (input orientation; of the first output in all
 * outputs in output orientation), the first coordinate of the solver's warm
 * start grid, or by the first output (input) level when there is only one
 * input (output). A chunk then meets a narrow slice of the grid and solves
 * only those cells' centres, instead of nearly every cell as a chunk of
 * units in file order does. Answers do not depend on this order.
 */
function warmStartOrder(data: DeaData, orientation: DeaRunOptions['orientation']): number[] {
  const [moved, fixed] = orientation === 'input' ? [data.inputs, data.outputs] : [data.outputs, data.inputs];
  const key = moved.map((row, j) => {
    const total = row.reduce((a, b) => a + b, 0);
    return (row.length > 1 ? row[0] : fixed[j][0]) / total;
  });
  return key.map((_, j) => j).sort((a, b) => key[a] - key[b] || a - b);
}

/**
 * Below this Σλ a crs optimum is certainly nirs-feasible: peers report only
 * λ above 1e-12, so the true sum exceeds theirs by at most rows × 1e-12.
 */
const NIRS_FROM_CRS_MAX_SUM = 1 - 1e-9;

/**
 * Solves one chunk: crs, vrs and nirs scores, with slacks and peers of the
 * chosen model. The nirs score is read off the crs or the vrs solution
 * where one of them settles it, as in Banker & Thrall's (1992) test of
 * returns to scale. The nirs technology is the crs one cut by Σλ ≤ 1, so a
 * crs optimum with Σλ ≤ 1 is nirs-feasible and the nirs score equals the
 * crs one. And the nirs LP is the vrs LP with a slack w on the convexity
 * row, whose reduced cost at the vrs optimum is −u0 (u0 the price of that
 * row): with u0 ≤ 0 the vrs optimal basis is also nirs-optimal, and the
 * nirs score equals the vrs one. Only the units left get a nirs LP: 139 of
 * 100,000 on the DEA benchmark's data.
 */
function solveChunk(input: ChunkInput): ChunkOutput {
  const { options } = input;
  return {
    tasks: input.tasks.map((task) => {
      const base = { orientation: options.orientation, slacks: false, peers: false } as const;
      const detail = { orientation: options.orientation, slacks: true, peers: true } as const;
      const run = (rts: 'crs' | 'vrs' | 'nirs', data: DeaData, extra: DeaOptions = {}) =>
        solveAgainstFrame(rts === 'crs' ? task.crsFrame : task.frame, data, {
          ...(rts === options.rts ? detail : base),
          ...extra,
          rts,
        });
      // Peers of crs give Σλ, multipliers of vrs give u0, for the nirs shortcuts.
      const crs = run('crs', task.data, { peers: true });
      const vrs = run('vrs', task.data, { multipliers: true });
      const nirs = crs.map((c, j) => {
        if (c.status === 'optimal' && lambdaSum(c) <= NIRS_FROM_CRS_MAX_SUM) return c.efficiency;
        const v = vrs[j];
        if (v.status === 'optimal' && v.multipliers && v.multipliers.u0 <= 0) return v.efficiency;
        return null;
      });
      const open = crs.flatMap((c, j) => (nirs[j] === null ? [j] : []));
      if (open.length > 0) {
        const solved = run('nirs', selectUnits(task.data, open));
        open.forEach((j, i) => (nirs[j] = scoreOf(solved[i])));
      }
      const chosen = options.rts === 'crs' ? crs : vrs;
      const units = crs.map((c, j): UnitOutcome => {
        const main = chosen[j];
        return {
          crs: scoreOf(c),
          vrs: scoreOf(vrs[j]),
          nirs: nirs[j],
          ...(main.inputSlacks ? { slacks: [...main.inputSlacks, ...(main.outputSlacks ?? [])] } : {}),
          ...(main.peers ? { peers: main.peers.map((p) => ({ member: p.unit, lambda: p.lambda })) } : {}),
        };
      });
      return { problem: task.problem, members: task.members, units };
    }),
  };
}

/** Σλ of a solution's peers (λ above 1e-12). */
function lambdaSum(u: UnitSolution): number {
  return (u.peers ?? []).reduce((total, p) => total + p.lambda, 0);
}

function scoreOf(u: UnitSolution): number | null {
  return u.status === 'optimal' ? u.efficiency : null;
}

/** The step artifact from the chunk outputs: rows, the `dea` section, the Malmquist sections. */
function assemble(
  built: BuiltProblems,
  options: DeaRunOptions,
  outputs: readonly ChunkOutput[],
  frames: Manifest['frames'],
): StepArtifact {
  const outcomes = built.problems.map((p) => new Array<UnitOutcome | undefined>(p.members.length));
  for (const out of outputs) {
    for (const task of out.tasks) {
      task.units.forEach((u, i) => (outcomes[task.problem][task.members[i]] = u));
    }
  }
  const names = slackNames(options);
  const infeasible: Record<string, unknown>[] = [];
  const rows: RowContribution[] = [];
  built.problems.forEach((problem, p) => {
    const supers = options.superEfficiency
      ? superEfficiency(problem.data, { rts: options.rts, orientation: options.orientation })
      : undefined;
    problem.members.forEach((member, j) => {
      const u = outcomes[p][j];
      if (!u) {
        throw new Error(`DEA chunk outputs miss unit ${member.unit} ${member.year} of problem ${problem.id}`);
      }
      const efficiency = efficiencyField(u, problem, names, supers?.[j]);
      rows.push({ unit: member.unit, year: member.year, fields: { efficiency } });
      if (supers && supers[j].status !== 'optimal') {
        infeasible.push({
          kind: 'super-efficiency',
          problem: problem.id,
          unit: member.unit,
          year: member.year,
          status: supers[j].status,
        });
      }
    });
  });

  const sections: Record<string, unknown> = {
    dea: {
      settings: {
        ...options,
        efficiency: 'Farrell technical efficiency (input: θ; output: 1/φ), as DEAP 2.1 reports it',
        slackObjective: 'maximum sum of slacks in data units, radial score fixed',
      },
      translations: built.translations,
      frames,
      summary: summaryByYear(rows),
      infeasible,
    },
  };
  const { years, units } = built.periods;
  if (options.malmquist && years.length >= 2 && units.length >= 2) {
    Object.assign(sections, malmquistSections(built.periods, options, infeasible));
  }
  return { step: 'dea', sections, rows, warnings: built.warnings };
}

/** Slack names in the solver's order: inputs (bad outputs too when treated as inputs), then outputs. */
function slackNames(options: DeaRunOptions): string[] {
  const bad = options.undesirable ?? [];
  const asInput = options.undesirableTreatment !== 'translation';
  return [...options.inputs, ...(asInput ? bad : []), ...options.outputs, ...(asInput ? [] : bad)];
}

/** The `malmquist` and `malmquistSummary` sections, labelled with unit names and years. */
function malmquistSections(
  periods: BuiltProblems['periods'],
  options: DeaRunOptions,
  infeasible: Record<string, unknown>[],
): Record<string, unknown> {
  const { years, units } = periods;
  const result = malmquist(periods.data, options.orientation);
  for (const i of result.infeasible) {
    infeasible.push({
      kind: 'malmquist-vrs',
      unit: units[i.unit],
      technology: years[i.technology],
      observation: years[i.observation],
    });
  }
  const summary = malmquistSummary(result.pairs);
  return {
    malmquist: result.pairs.map((pair) => ({
      ...pair,
      unit: units[pair.unit],
      from: years[pair.from],
      to: years[pair.to],
    })),
    malmquistSummary: {
      byUnit: summary.byUnit.map((s) => ({ ...s, unit: units[s.unit] })),
      byPeriod: summary.byPeriod.map((s) => ({ ...s, from: years[s.from], to: years[s.to] })),
      overall: summary.overall,
      cumulative: summary.cumulative.map((s) => ({ ...s, unit: units[s.unit], to: years[s.to] })),
    },
  };
}

/** A row's `efficiency` field: scores, scale and returns to scale, and the chosen model's detail. */
function efficiencyField(
  u: UnitOutcome,
  problem: DeaProblem,
  names: readonly string[],
  sup: UnitSolution | undefined,
): Record<string, unknown> {
  const field: Record<string, unknown> = { crs: u.crs, vrs: u.vrs, scale: null, rts: null };
  if (u.crs !== null && u.vrs !== null && u.nirs !== null) {
    const scale = classifyScale(u.crs, u.vrs, u.nirs);
    field.scale = scale.scale;
    field.rts = scale.rts;
  }
  if (sup) field.super = sup.status === 'optimal' ? sup.efficiency : null;
  if (u.slacks) field.slacks = Object.fromEntries(names.map((n, i) => [n, u.slacks?.[i] ?? 0]));
  if (u.peers) {
    field.peers = u.peers.map((p) => {
      const peer = problem.members[p.member];
      return { unit: peer.unit, year: peer.year, lambda: p.lambda };
    });
  }
  return field;
}

interface YearEfficiency {
  readonly crs: number | null;
  readonly vrs: number | null;
  readonly scale: number | null;
  readonly rts: string | null;
}

/** Per year: mean scores, counts of efficient units, and returns-to-scale counts. */
function summaryByYear(rows: readonly RowContribution[]): Record<string, unknown>[] {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const eff = rows.filter((r) => r.year === year).map((r) => r.fields.efficiency as YearEfficiency);
    const mean = (xs: (number | null)[]) => {
      const ok = xs.filter((x): x is number => x !== null);
      return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
    };
    const efficient = (xs: (number | null)[]) =>
      xs.filter((x) => x !== null && x >= 1 - EFFICIENT_TOLERANCE).length;
    return {
      year,
      units: eff.length,
      meanCrs: mean(eff.map((e) => e.crs)),
      meanVrs: mean(eff.map((e) => e.vrs)),
      meanScale: mean(eff.map((e) => e.scale)),
      efficientCrs: efficient(eff.map((e) => e.crs)),
      efficientVrs: efficient(eff.map((e) => e.vrs)),
      rts: {
        increasing: eff.filter((e) => e.rts === 'increasing').length,
        constant: eff.filter((e) => e.rts === 'constant').length,
        decreasing: eff.filter((e) => e.rts === 'decreasing').length,
      },
    };
  });
}

function skippedArtifact(reason: string, warnings: readonly InputIssue[] = []): StepArtifact {
  return { step: 'dea', skipped: reason, sections: {}, ...(warnings.length ? { warnings } : {}) };
}

/**
 * DEA and the Malmquist index on a panel in one process, with settings
 * given directly: what the CLI's `dea` subcommand runs. Returns the same
 * artifact (sections, rows, warnings, or a skip reason) as the step.
 */
export function runDeaOnPanel(panel: Panel, options: DeaRunOptions): StepArtifact {
  const built = buildProblems(panel, options);
  if (built.skipped !== undefined) return skippedArtifact(built.skipped, built.warnings);
  const { chunks, frames } = planChunks(built, options.orientation);
  const outputs = chunks.map((tasks) => solveChunk({ options, tasks }));
  return assemble(built, options, outputs, frames);
}

type ProblemsOrSkip =
  | { readonly options: DeaRunOptions; readonly built: BuiltProblems }
  | { readonly skipped: string; readonly warnings?: readonly InputIssue[] };

async function problemsOf(ctx: StepContext): Promise<ProblemsOrSkip> {
  const [model, panel] = await Promise.all([readModel(ctx), readPanel(ctx)]);
  const options = deaOptionsFromModel(model);
  if ('skipped' in options) return options;
  const built = buildProblems(panel, options);
  if (built.skipped !== undefined) return { skipped: built.skipped, warnings: built.warnings };
  return { options, built };
}

/**
 * The DEA step, fanned out. `plan` finds each problem's frame (the
 * sequential part) and writes chunks of units with their frame; `work`
 * scores one chunk (crs, vrs, nirs; slacks and peers of the model's rts);
 * `merge` adds super-efficiency and the Malmquist index and writes rows
 * with `efficiency: { crs, vrs, scale, rts, super?, slacks?, peers? }` and
 * the sections `dea`, `malmquist` and `malmquistSummary`. The artifact's
 * `durationMs` is the merge's; plan and work report through the runner.
 *
 * Skips (with the reason) when DEA is disabled, the model gives no DEA
 * roles, no problem has two units, or data are not positive and the model
 * asks for an error rather than a translation.
 */
export const deaStep: FanOutStep = createDeaStep();

/** The DEA step with a chosen chunk size (units per chunk); `deaStep` uses CHUNK_UNITS. */
export function createDeaStep(chunkUnits = CHUNK_UNITS): FanOutStep {
  return {
    async plan(ctx) {
      const start = performance.now();
      const problems = await problemsOf(ctx);
      if ('skipped' in problems) {
        const artifact = skippedArtifact(problems.skipped, problems.warnings);
        const durationMs = Math.round(performance.now() - start);
        return { chunks: 0, outcome: await writeStepArtifact(ctx, { ...artifact, durationMs }) };
      }
      const { chunks, frames } = planChunks(problems.built, problems.options.orientation, chunkUnits);
      for (let i = 0; i < chunks.length; i++) {
        const input: ChunkInput = { options: problems.options, tasks: chunks[i] };
        await putJson(ctx.store, ctx.keys.chunkInput('dea', i), input);
      }
      const manifest: Manifest = { chunks: chunks.length, frames };
      await putJson(ctx.store, ctx.keys.chunkManifest('dea'), manifest);
      ctx.progress?.(`DEA: ${chunks.length} chunk(s), frames ${frames.map((f) => f.frame).join(', ')}`);
      return { chunks: chunks.length };
    },

    async work(ctx, chunk) {
      const input = await getJson<ChunkInput>(ctx.store, ctx.keys.chunkInput('dea', chunk));
      await putJson(ctx.store, ctx.keys.chunkOutput('dea', chunk), solveChunk(input));
    },

    async merge(ctx, chunks) {
      const { value: artifact, ms } = await timed(async () => {
        const problems = await problemsOf(ctx);
        if ('skipped' in problems) return skippedArtifact(problems.skipped, problems.warnings);
        const manifest = await getJson<Manifest>(ctx.store, ctx.keys.chunkManifest('dea'));
        const outputs: ChunkOutput[] = [];
        for (let i = 0; i < chunks; i++) {
          outputs.push(await getJson<ChunkOutput>(ctx.store, ctx.keys.chunkOutput('dea', i)));
        }
        return assemble(problems.built, problems.options, outputs, manifest.frames);
      });
      const summary = { rows: artifact.rows?.length ?? 0, chunks };
      return writeStepArtifact(ctx, { ...artifact, durationMs: ms }, summary);
    },
  };
}

