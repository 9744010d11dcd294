import type { Matrix } from '../matrix.js';
import { zeros } from '../matrix.js';

/** A B for an n × k matrix A and a k × m matrix B. */
export function multiply(a: Matrix, b: Matrix): number[][] {
  const n = a.length;
  const k = b.length;
  const m = k === 0 ? 0 : b[0].length;
  if (n > 0 && a[0].length !== k) {
    throw new RangeError(`multiply: A has ${a[0].length} columns but B has ${k} rows`);
  }
  const c = zeros(n, m);
  for (let i = 0; i < n; i++) {
    const ci = c[i];
    for (let p = 0; p < k; p++) {
      const aip = a[i][p];
      if (aip === 0) continue;
      const bp = b[p];
      for (let j = 0; j < m; j++) ci[j] += aip * bp[j];
    }
  }
  return c;
}

/** Aᵀ B for A n × k and B n × m (cross product, as R's crossprod). */
export function crossprod(a: Matrix, b: Matrix = a): number[][] {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`crossprod: A has ${n} rows but B has ${b.length}`);
  const k = n === 0 ? 0 : a[0].length;
  const m = n === 0 ? 0 : b[0].length;
  const c = zeros(k, m);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < k; i++) {
      const ari = a[r][i];
      if (ari === 0) continue;
      for (let j = 0; j < m; j++) c[i][j] += ari * b[r][j];
    }
  }
  return c;
}
