import type { StepName } from './step-list.js';

/**
 * Artifact keys of a run. Every run writes under its own prefix, so reruns
 * and concurrent runs never overwrite each other, locally and in S3 alike.
 */
export function runPrefix(runId: string): string {
  return `runs/${runId}/`;
}

export const artifactKeys = (runId: string) => {
  const p = runPrefix(runId);
  return {
    prefix: p,
    model: `${p}model.json`,
    panel: `${p}panel.json`,
    validation: `${p}validation.json`,
    step: (name: StepName) => `${p}steps/${name}.json`,
    chunkManifest: (name: StepName) => `${p}steps/${name}/chunks.json`,
    chunkInput: (name: StepName, index: number) =>
      `${p}steps/${name}/chunk-${String(index).padStart(5, '0')}.in.json`,
    chunkOutput: (name: StepName, index: number) =>
      `${p}steps/${name}/chunk-${String(index).padStart(5, '0')}.out.json`,
    resultsJson: `${p}results.json`,
    resultsCsv: `${p}results.csv`,
    report: `${p}report.html`,
    errorReport: `${p}error.html`,
  };
};

export type ArtifactKeys = ReturnType<typeof artifactKeys>;
