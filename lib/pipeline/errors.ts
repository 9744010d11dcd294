import { type InputIssue, formatIssue } from './issues.js';

/** Base class of the errors the pipeline raises on purpose. */
export class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
}

/**
 * The input cannot be evaluated. The validation report has been written
 * before this is thrown; the CLI exits with code 2 and a Lambda marks the
 * run FAILED without retrying.
 */
export class InvalidInputError extends PipelineError {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly issues: readonly InputIssue[],
    summary?: string,
  ) {
    const errors = issues.filter((i) => i.severity === 'error');
    const first = errors.slice(0, 5).map(formatIssue).join('\n  ');
    const more = errors.length > 5 ? `\n  … and ${errors.length - 5} more` : '';
    super(
      summary ??
        `the input is not valid (${errors.length} error${errors.length === 1 ? '' : 's'}):\n  ${first}${more}`,
    );
  }
}

/** Problems a model error's message lists; `problems` keeps them all. */
const PROBLEMS_SHOWN = 10;
/** Longest problem text in the message (a problem may quote a long value). */
const PROBLEM_CHARS = 300;

/**
 * The model file is not valid. The message lists the first few problems
 * and counts the rest, so a model with thousands of bad entries still gives
 * a message a person can read; `problems` holds every one.
 */
export class InvalidModelError extends PipelineError {
  override readonly name = 'InvalidModelError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    const shown = problems
      .slice(0, PROBLEMS_SHOWN)
      .map((p) => (p.length > PROBLEM_CHARS ? `${p.slice(0, PROBLEM_CHARS - 1)}…` : p));
    const more = problems.length > PROBLEMS_SHOWN ? `\n  … and ${problems.length - PROBLEMS_SHOWN} more` : '';
    super(`${file}: the model is not valid:\n  ${shown.join('\n  ')}${more}`);
  }
}
