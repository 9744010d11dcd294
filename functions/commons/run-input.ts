import { z } from 'zod';

/**
 * What the workflow carries from state to state: the run's identity and the
 * S3 keys of its inputs, never data (Step Functions passes at most 256 KiB).
 * start-run builds it; every step handler receives it as `run`.
 */
const inputVersion = z.strictObject({
  /** Object key in the input bucket. */
  key: z.string().min(1),
  /** S3 version id, or an entity tag where the bucket keeps no versions. */
  version: z.string().min(1),
});

export const runInputSchema = z.strictObject({
  runId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'not a valid run id'),
  dataset: z.string().min(1),
  startedAt: z.iso.datetime(),
  trigger: z.enum(['upload', 'schedule']),
  inputs: z.array(inputVersion).min(1),
  model: inputVersion.optional(),
});

export type RunInput = z.infer<typeof runInputSchema>;
export type InputVersionRef = z.infer<typeof inputVersion>;

/** Every state's input: the run, plus what earlier states added. */
export const stateSchema = z.looseObject({ run: runInputSchema });

/**
 * Parses a state input at the edge of a handler. A malformed event is a
 * wiring mistake, reported with the path of the bad field.
 */
export function parseState(event: unknown): { run: RunInput } & Record<string, unknown> {
  const parsed = stateSchema.safeParse(event);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(event)'}: ${i.message}`)
      .join('; ');
    throw new TypeError(`the state input is not a run: ${problems}`);
  }
  return parsed.data;
}

/** Version ids that S3 can pin a read to (entity tags cannot be). */
export function pinnedVersions(run: RunInput): Record<string, string> {
  const refs = run.model ? [...run.inputs, run.model] : run.inputs;
  return Object.fromEntries(
    refs.filter((r) => !r.version.startsWith('etag:')).map((r) => [r.key, r.version]),
  );
}
