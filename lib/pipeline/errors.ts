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

/** The model file is not valid. */
export class InvalidModelError extends PipelineError {
  override readonly name = 'InvalidModelError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: the model is not valid:\n  ${problems.join('\n  ')}`);
  }
}
