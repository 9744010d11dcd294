import type { InputIssue } from '../../../lib/pipeline/issues.js';

/** Paths of one case's files on disk, as handed to the case worker. */
export interface CaseFiles {
  readonly data: readonly string[];
  readonly model?: string;
  readonly outDir: string;
}

/** A non-finite number met by JSON.stringify, with its path in the value. */
export interface NonFiniteLeak {
  readonly path: string;
  readonly value: string;
}

interface Common {
  /** Wall time of the run in milliseconds. */
  readonly ms: number;
  readonly leaks: readonly NonFiniteLeak[];
  /** Properties the run added to built-in prototypes, if any. */
  readonly pollution?: readonly string[];
}

/**
 * How one case ended. `thrown` is always a defect: the pipeline promises
 * to end every run in results or in an input or model error. `timeout` is
 * added by the test thread when a case outlives its time bound.
 */
export type CaseReport =
  | (Common & { readonly kind: 'succeeded' })
  | (Common & {
      readonly kind: 'invalid-input';
      readonly message: string;
      readonly issues: readonly InputIssue[];
    })
  | (Common & {
      readonly kind: 'invalid-model';
      readonly message: string;
      readonly problems: readonly string[];
    })
  | (Common & {
      readonly kind: 'thrown';
      readonly name: string;
      readonly message: string;
      readonly stack: string;
    })
  | (Common & { readonly kind: 'timeout' });
