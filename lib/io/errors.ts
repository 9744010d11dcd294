/**
 * A file that cannot be read as a table at all: too large, empty, binary,
 * in an encoding we cannot decode, or malformed CSV. The validation step
 * turns it into one error of the validation report, with the row where the
 * problem was found when there is one.
 */
export class TableReadError extends Error {
  override readonly name = 'TableReadError';
  constructor(
    /** A stable code such as `empty-file` or `undecodable-bytes`. */
    readonly code: string,
    readonly file: string,
    message: string,
    /** 1-based row (line) where the problem was found, if known. */
    readonly row?: number,
  ) {
    super(message);
  }
}
