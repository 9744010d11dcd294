import type { ArtifactStore } from '../store/artifact-store.js';
import type { ResultsStore } from '../store/results-store.js';
import type { InputIssue } from './issues.js';
import type { ArtifactKeys } from './keys.js';
import type { StepName } from './step-list.js';

/** What every step is given. Steps read and write artifacts by key only. */
export interface StepContext {
  readonly runId: string;
  /** Where the run's artifacts live (a folder locally, the reports bucket on AWS). */
  readonly store: ArtifactStore;
  readonly keys: ArtifactKeys;
  /** Where the uploaded files live. Read only: an upload is never changed. */
  readonly inputStore: ArtifactStore;
  /** Keys of the data files in `inputStore`, in the order given. */
  readonly inputs: readonly string[];
  /** Key of a model file in `inputStore`; the default model when absent. */
  readonly modelKey?: string;
  /** Where finished results are recorded (the `record` step only). */
  readonly results?: ResultsStore;
  /** Facts about the run that the report prints. */
  readonly facts?: RunFacts;
  /** Progress messages for long work; the CLI prints them, Lambdas log them. */
  readonly progress?: (message: string) => void;
}

export interface RunFacts {
  readonly dataset?: string;
  readonly startedAt: string;
  readonly softwareVersion: string;
  readonly inputHashes?: Readonly<Record<string, string>>;
  /** Overrides the model's report language. */
  readonly language?: 'en' | 'zh';
}

/** Fields a step adds to one unit-year row of the results. */
export interface RowContribution {
  readonly unit: string;
  readonly year: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * What an analysis step writes to `keys.step(name)`. `sections` become
 * top-level sections of results.json; `rows` are merged into its per
 * unit-year rows. A step that could not run on this data says why in
 * `skipped` and still writes its artifact, so the report can say so too.
 */
export interface StepArtifact {
  readonly step: StepName;
  readonly skipped?: string;
  readonly sections: Readonly<Record<string, unknown>>;
  readonly rows?: readonly RowContribution[];
  readonly warnings?: readonly InputIssue[];
  /** Wall time of the step in milliseconds. */
  readonly durationMs?: number;
}

/** What a step returns to its caller (and a Lambda returns to Step Functions). */
export interface StepOutcome {
  readonly step: StepName;
  /** Keys written, for the next state; never the data itself. */
  readonly keys: readonly string[];
  readonly skipped?: string;
  readonly summary?: Readonly<Record<string, string | number | boolean>>;
}

export type StepFunction = (ctx: StepContext) => Promise<StepOutcome>;

/**
 * A step that fans out. `plan` writes the chunk manifest and returns the
 * number of chunks; `work` runs one chunk; `merge` joins chunk outputs and
 * writes the step artifact. `plan` may return 0 chunks when the step is
 * skipped, in which case it has already written the artifact.
 */
export interface FanOutStep {
  readonly plan: (ctx: StepContext) => Promise<{ chunks: number; outcome?: StepOutcome }>;
  readonly work: (ctx: StepContext, chunk: number) => Promise<void>;
  readonly merge: (ctx: StepContext, chunks: number) => Promise<StepOutcome>;
}
