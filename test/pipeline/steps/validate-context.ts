import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { artifactKeys } from '../../../lib/pipeline/keys.js';
import type { StepContext } from '../../../lib/pipeline/step.js';
import { FolderStore } from '../../../lib/store/folder-store.js';

/**
 * A step context for the validate step over real files: the given fixture
 * files are copied into a fresh input folder (keyed by base name), the run
 * writes into another fresh folder. `model` is written as model.json when
 * given, as an upload would carry it.
 */
export async function validateContext(
  files: readonly string[],
  model?: unknown,
): Promise<StepContext & { store: FolderStore }> {
  const inputDir = await mkdtemp(join(tmpdir(), 'validate-in-'));
  const runDir = await mkdtemp(join(tmpdir(), 'validate-run-'));
  for (const file of files) await copyFile(file, join(inputDir, basename(file)));
  if (model !== undefined) await writeFile(join(inputDir, 'model.json'), JSON.stringify(model));
  return {
    runId: 'test-run',
    store: new FolderStore(runDir),
    keys: artifactKeys('test-run'),
    inputStore: new FolderStore(inputDir),
    inputs: files.map((f) => basename(f)),
    ...(model !== undefined ? { modelKey: 'model.json' } : {}),
  };
}
