/** Small dense linear algebra for the numerical core: symmetric eigen, Cholesky, solves. */
export { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';
export { cholesky, logDetSpd, inverseSpd } from './cholesky.js';
export { solve, inverse } from './solve.js';
export { multiply, crossprod } from './products.js';
