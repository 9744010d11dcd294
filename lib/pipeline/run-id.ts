import { createHash } from 'node:crypto';

/** One input file of a run, as the data owner uploaded it. */
export interface InputVersion {
  readonly key: string;
  /** S3 version id, or a content hash for files on disk. */
  readonly version: string;
}

/**
 * A run id that depends only on what is evaluated: the dataset, the exact
 * versions of its files and the model. The same upload delivered twice (S3
 * events arrive at least once) gives the same id, and the workflow uses it
 * as the execution name, so a duplicate starts nothing new.
 *
 * Form: `<dataset slug>-<16 hex digits>`, at most 80 characters of
 * [A-Za-z0-9-_], which Step Functions accepts as an execution name.
 */
export function deriveRunId(
  dataset: string,
  inputs: readonly InputVersion[],
  modelVersion = 'default',
): string {
  const hash = createHash('sha256');
  hash.update(`dataset\u0000${dataset}\u0000model\u0000${modelVersion}`);
  for (const input of [...inputs].sort((a, b) => a.key.localeCompare(b.key))) {
    hash.update(`\u0000${input.key}\u0000${input.version}`);
  }
  const slug = datasetSlug(dataset).slice(0, 60) || 'dataset';
  return `${slug}-${hash.digest('hex').slice(0, 16)}`;
}

/** A dataset name reduced to the characters an execution name allows. */
export function datasetSlug(dataset: string): string {
  return dataset
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
