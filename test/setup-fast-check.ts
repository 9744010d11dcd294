import fc from 'fast-check';

/**
 * Property tests draw their cases from one seed, so a run in CI is
 * reproducible and a failure can be replayed. Set FAST_CHECK_SEED to explore
 * other cases locally (any integer; "random" for a new seed per run).
 */
const chosen = process.env.FAST_CHECK_SEED;
if (chosen !== 'random') {
  fc.configureGlobal({ seed: chosen === undefined ? 20_261_203 : Number(chosen) });
}
