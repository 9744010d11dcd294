/**
 * The plain shapes the numerical core works on. A matrix is an array of rows
 * (observations × variables); the core never mutates its inputs.
 */
export type Vector = readonly number[];
export type Matrix = readonly Vector[];

/** A fresh rows × cols matrix of zeros. */
export function zeros(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** The transpose of a rows × cols matrix. */
export function transpose(a: Matrix): number[][] {
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0].length;
  const t = zeros(cols, rows);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) t[j][i] = a[i][j];
  }
  return t;
}

/** One column of a matrix as a new array. */
export function column(a: Matrix, j: number): number[] {
  return a.map((row) => row[j]);
}
