import type { DeaData } from './types.js';

/**
 * How undesirable outputs (pollution such as industrial solid waste) enter
 * the model:
 * - `input`: treated as an additional input, so less is better and a unit
 *   is credited for producing its good outputs with less of the bad one.
 *   This is the most common treatment in applied work (see the survey of
 *   Dakpo, Jeanneaux & Latruffe 2016); it assumes the bad output is freely
 *   disposable, which the physical link between good and bad outputs does
 *   not strictly allow.
 * - `translation`: Seiford & Zhu (2002, European Journal of Operational
 *   Research 142(1):16–20): each bad output b becomes w − b with w chosen
 *   so all values are positive (here the maximum plus 1% of the range, or
 *   plus 1 when all values are equal), and is kept as an output. The BCC
 *   (vrs) model is invariant to this translation only in input orientation
 *   (outputs translated); with other settings the scores depend on w.
 */
export type UndesirableTreatment = 'input' | 'translation';

export const UNDESIRABLE_TREATMENTS: readonly UndesirableTreatment[] = ['input', 'translation'];

/**
 * Folds undesirable outputs into ordinary DEA data by `treatment`.
 * `bad` holds one row per unit; with no columns the data come back as is.
 * With `input`, the bad outputs are appended after the inputs; with
 * `translation`, after the outputs.
 */
export function withUndesirableOutputs(
  data: DeaData,
  bad: readonly (readonly number[])[],
  treatment: UndesirableTreatment,
): DeaData {
  if (!UNDESIRABLE_TREATMENTS.includes(treatment)) {
    throw new RangeError(
      `unknown treatment of undesirable outputs "${String(treatment)}" (use ${UNDESIRABLE_TREATMENTS.join(', ')})`,
    );
  }
  if (bad.length !== data.inputs.length) {
    throw new RangeError(`undesirable outputs have ${bad.length} rows, the data ${data.inputs.length}`);
  }
  const width = bad[0]?.length ?? 0;
  if (width === 0) return data;
  if (treatment === 'input') {
    return {
      inputs: data.inputs.map((row, j) => [...row, ...bad[j]]),
      outputs: data.outputs,
    };
  }
  const w = Array.from({ length: width }, (_, v) => {
    let min = Infinity;
    let max = -Infinity;
    for (const row of bad) {
      min = Math.min(min, row[v]);
      max = Math.max(max, row[v]);
    }
    return max + (max > min ? 0.01 * (max - min) : 1);
  });
  return {
    inputs: data.inputs,
    outputs: data.outputs.map((row, j) => [...row, ...bad[j].map((b, v) => w[v] - b)]),
  };
}
