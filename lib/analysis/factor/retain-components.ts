/** How many principal components to keep. */
export type RetentionRule =
  | { readonly method: 'kaiser' }
  | { readonly method: 'count'; readonly count: number }
  | { readonly method: 'cumulative'; readonly percent: number };

/**
 * Number of components to retain from eigenvalues sorted largest first:
 * - `kaiser`: eigenvalue > 1 (Kaiser 1960; SPSS's default), at least one;
 * - `count`: exactly `count`;
 * - `cumulative`: the fewest whose eigenvalues reach `percent` of the total.
 *
 * `usable` is how many eigenvalues are meaningfully positive; a rule that
 * asks for more than that raises a RangeError, because those components
 * would have zero loadings and no score coefficients. An unknown method
 * raises a RangeError naming it.
 */
export function retainComponents(
  eigenvalues: readonly number[],
  rule: RetentionRule,
  usable: number = eigenvalues.length,
): number {
  let k: number;
  switch (rule.method) {
    case 'kaiser':
      k = Math.max(1, eigenvalues.filter((v) => v > 1).length);
      break;
    case 'count':
      if (!Number.isInteger(rule.count) || rule.count < 1) {
        throw new RangeError(`retainComponents: count must be a positive integer, got ${rule.count}`);
      }
      k = rule.count;
      break;
    case 'cumulative': {
      if (!(rule.percent > 0 && rule.percent <= 100)) {
        throw new RangeError(`retainComponents: percent must be in (0, 100], got ${rule.percent}`);
      }
      const total = eigenvalues.reduce((s, v) => s + v, 0);
      let sum = 0;
      k = 0;
      // A relative 1e-12 slack so that 100 % is reached despite rounding.
      while (k < eigenvalues.length && (100 * sum) / total < rule.percent * (1 - 1e-12)) sum += eigenvalues[k++];
      break;
    }
    default:
      throw new RangeError(`retainComponents: unknown method "${(rule as { method: string }).method}"`);
  }
  if (k > usable) {
    throw new RangeError(
      `cannot retain ${k} components: only ${usable} eigenvalue${usable === 1 ? ' is' : 's are'} above zero`,
    );
  }
  return k;
}
