import { getJson, putJson } from '../store/artifact-store.js';
import type { IndicatorModel } from '../model/schema.js';
import type { Panel } from './panel.js';
import type { StepArtifact, StepContext, StepOutcome } from './step.js';
import type { StepName } from './step-list.js';

/** The validated model (defaults applied) that the validate step wrote. */
export function readModel(ctx: StepContext): Promise<IndicatorModel> {
  return getJson<IndicatorModel>(ctx.store, ctx.keys.model);
}

/** The clean panel that the validate step wrote. */
export function readPanel(ctx: StepContext): Promise<Panel> {
  return getJson<Panel>(ctx.store, ctx.keys.panel);
}

export function readStepArtifact(ctx: StepContext, name: StepName): Promise<StepArtifact> {
  return getJson<StepArtifact>(ctx.store, ctx.keys.step(name));
}

/** Writes a step's artifact and returns the outcome to hand to the next state. */
export async function writeStepArtifact(
  ctx: StepContext,
  artifact: StepArtifact,
  summary?: StepOutcome['summary'],
): Promise<StepOutcome> {
  const key = ctx.keys.step(artifact.step);
  await putJson(ctx.store, key, artifact);
  return {
    step: artifact.step,
    keys: [key],
    ...(artifact.skipped !== undefined ? { skipped: artifact.skipped } : {}),
    ...(summary !== undefined ? { summary } : {}),
  };
}

/** Runs `work` and measures it, for the `durationMs` of an artifact. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round((performance.now() - start) * 10) / 10 };
}
