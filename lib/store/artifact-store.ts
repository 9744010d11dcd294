/**
 * Where pipeline steps read and write their artifacts. Steps exchange keys,
 * never data, so the same step runs against a folder on disk (the CLI) and
 * against S3 (the Lambda functions).
 */
export interface ArtifactStore {
  /** A short description for messages, such as a folder path or s3://bucket/prefix. */
  readonly location: string;
  get(key: string): Promise<Uint8Array>;
  put(key: string, body: Uint8Array | string, contentType?: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** Thrown by a store when a key does not exist. */
export class ArtifactNotFoundError extends Error {
  override readonly name = 'ArtifactNotFoundError';
  constructor(
    readonly key: string,
    location: string,
  ) {
    super(`no artifact "${key}" in ${location}`);
  }
}

export async function getJson<T>(store: ArtifactStore, key: string): Promise<T> {
  const bytes = await store.get(key);
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

export async function putJson(
  store: ArtifactStore,
  key: string,
  value: unknown,
): Promise<void> {
  await store.put(key, JSON.stringify(value), 'application/json');
}
