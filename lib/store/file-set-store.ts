import { readFile, stat } from 'node:fs/promises';
import { type ArtifactStore, ArtifactNotFoundError } from './artifact-store.js';

/**
 * A read-only store over files named on the command line. Keys are the
 * paths as the user typed them, so every message names the file the way the
 * user knows it. Writing is refused: an upload is never modified.
 */
export class FileSetStore implements ArtifactStore {
  readonly location = 'the files given on the command line';
  private readonly paths: ReadonlySet<string>;

  constructor(paths: readonly string[]) {
    this.paths = new Set(paths);
  }

  async get(key: string): Promise<Uint8Array> {
    if (!this.paths.has(key)) throw new ArtifactNotFoundError(key, this.location);
    try {
      return await readFile(key);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ArtifactNotFoundError(key, this.location);
      }
      throw error;
    }
  }

  async put(key: string): Promise<void> {
    throw new Error(`refusing to write "${key}": input files are read only`);
  }

  async exists(key: string): Promise<boolean> {
    if (!this.paths.has(key)) return false;
    return stat(key).then(
      () => true,
      () => false,
    );
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.paths].filter((p) => p.startsWith(prefix)).sort();
  }
}
