import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { type ArtifactStore, ArtifactNotFoundError } from './artifact-store.js';

export interface S3StoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /**
   * Prepended to every key, so one bucket can hold several stores. Empty by
   * default; when given it should end with `/`.
   */
  readonly prefix?: string;
  /**
   * Object versions to read, by key (without the prefix). A run reads its
   * uploads at the versions its run id was derived from, so a newer upload
   * of the same file during the run cannot change what is evaluated.
   */
  readonly versions?: Readonly<Record<string, string>>;
}

/**
 * An artifact store in an S3 bucket. Keys map one to one onto object keys
 * under `prefix`. Reads may be pinned to object versions; writes always
 * create a new object (or version) and never delete anything.
 */
export class S3Store implements ArtifactStore {
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly versions: Readonly<Record<string, string>>;

  constructor(options: S3StoreOptions) {
    if (options.bucket === '') throw new RangeError('S3Store: the bucket name is empty');
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
    this.versions = options.versions ?? {};
  }

  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  /** The full object key of a store key. */
  objectKey(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<Uint8Array> {
    const versionId = this.versions[key];
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          ...(versionId !== undefined ? { VersionId: versionId } : {}),
        }),
      );
      if (response.Body === undefined) return new Uint8Array();
      return await response.Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) throw new ArtifactNotFoundError(key, this.location);
      // Without an unconditional s3:ListBucket, S3 answers 403 rather than
      // 404 for a missing key; a listing under the key tells the two apart.
      if (isAccessDenied(error) && !(await this.exists(key))) {
        throw new ArtifactNotFoundError(key, this.location);
      }
      throw error;
    }
  }

  async put(key: string, body: Uint8Array | string, contentType?: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: body,
        ContentType: contentType ?? guessContentType(key),
      }),
    );
  }

  /**
   * Whether the key exists, by listing at most one key from it. A HEAD
   * request would need s3:ListBucket on the whole bucket to tell a missing
   * key (404) from a forbidden one (403); a listing works with s3:ListBucket
   * limited to the store's prefix, as the stack grants it.
   */
  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    const page = await this.client.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: objectKey, MaxKeys: 1 }),
    );
    return page.Contents?.[0]?.Key === objectKey;
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.objectKey(prefix),
          ...(token !== undefined ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined) keys.push(object.Key.slice(this.prefix.length));
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return keys.sort();
  }
}

/** NoSuchKey from GET, NotFound (a bare 404) from HEAD. */
function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e.name === 'NoSuchKey' ||
    e.name === 'NotFound' ||
    e.name === 'NoSuchVersion' ||
    e.$metadata?.httpStatusCode === 404
  );
}

function isAccessDenied(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'AccessDenied' || e.$metadata?.httpStatusCode === 403;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  json: 'application/json',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

function guessContentType(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
