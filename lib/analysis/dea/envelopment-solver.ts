import type { Orientation, Rts } from './types.js';

/**
 * A dense revised simplex specialised to the envelopment LP of DEA.
 *
 * For one evaluated unit o with inputs x_o (m) and outputs y_o (s), against
 * reference units j (columns of the scaled data), the LP in equality form is
 *
 *   input orientation:  min θ
 *     Σ_j λ_j x_ij − θ x_io + s⁻_i = 0        (i = 1..m)
 *     Σ_j λ_j y_rj          − s⁺_r = y_ro     (r = 1..s)
 *   output orientation: max φ (solved as min −φ)
 *     Σ_j λ_j x_ij          + s⁻_i = x_io
 *     Σ_j λ_j y_rj − φ y_ro − s⁺_r = 0
 *
 * plus Σλ = 1 (vrs) or Σλ + w = 1 (nirs), all variables ≥ 0. θ and φ are
 * kept non-negative, which loses nothing: with positive data the optimum is
 * strictly positive.
 *
 * The LP has only R = m + s (+1) rows however many reference units there
 * are, so the basis inverse is a small explicit R × R matrix updated by one
 * Gauss–Jordan pivot per iteration (O(R²)), and each iteration's cost is the
 * pricing pass over the candidate columns (O(n·R)). The inverse is rebuilt
 * from the basis every 40 pivots and before optimality is declared, so
 * rounding never accumulates.
 *
 * Start: the best single-peer solution (one reference column scaled to
 * cover the unit, the cheapest such θ or best φ) is a basic feasible
 * solution with the binding input and output rows taken out of the slack
 * basis; it is found in one pass over the columns and is usually a few
 * pivots from the optimum. When no single column is feasible (possible
 * under vrs and nirs when the unit lies outside the reference set, as in
 * super-efficiency and cross-period Malmquist problems) a phase 1 with
 * artificial variables decides feasibility.
 *
 * Pricing is Dantzig's rule (most negative reduced cost) on data scaled to
 * at most 1 per variable; after 30 consecutive degenerate pivots it
 * switches to Bland's smallest-index rule, which cannot cycle, until a
 * pivot makes progress again.
 *
 * Warm start (`solve`'s `warm` argument): a first-stage optimal basis of
 * another unit against the same candidate columns. Its non-radial columns
 * do not depend on the evaluated unit and only the radial column has a
 * cost, so its dual prices for the new unit are the old ones times a
 * positive factor (the new unit's inputs, or outputs, are positive): the
 * basis stays dual feasible, and is optimal as soon as it is primal
 * feasible (x_B = B⁻¹b ≥ 0). When it is not, the dual simplex (Lemke 1954)
 * restores primal feasibility, usually in a pivot or two, each one pass
 * over the columns; the cold start above is the fallback when the basis is
 * singular for the new unit or the dual simplex finds no entering column
 * within its pivot budget.
 *
 * Second stage (slacks): with the radial optimum fixed, the slack sum is
 * maximised over the optimal face of the first stage. The optimal face is
 * exactly the set of feasible points whose columns with a strictly positive
 * first-stage reduced cost are zero, so the second stage continues from the
 * optimal basis with those columns barred from entering. This is the
 * two-phase procedure of Cooper, Seiford & Tone (2007, ch. 3) without
 * building a second LP.
 */
/**
 * Where a warm-started solve begins: `basis` as returned by
 * `firstStageBasis()` after a solve against the same candidates, and
 * optionally the candidate positions the dual simplex may bring in (all
 * when null). With a restriction the primal simplex then prices every
 * column before optimality is declared.
 */
export interface WarmStart {
  readonly basis: Int32Array;
  readonly columns: Int32Array | null;
}

/**
 * First-stage bases proved dual feasible, against one fixed set of candidate
 * columns. As the class comment explains, the dual prices of a basis that
 * holds the radial column are, for another unit, the same prices times a
 * positive factor, so a basis whose reduced costs were all non-negative for
 * one unit has them non-negative for every unit: once such a basis is
 * primal feasible for a unit, it is optimal, and the pass over all columns
 * that would confirm it can be skipped. Only bases whose smallest reduced
 * cost was at least −1e-12 · max|π| are kept, a margin far below the
 * pricing tolerance (1e-9 · max|π|) and far above rounding, so skipping
 * the pass never changes an answer: solves give bit-identical results with
 * or without the store, whatever units were solved before.
 */
export class DualFeasibleBases {
  /**
   * Bases by a hash of their entries that ignores their order, each with
   * whether every λ column outside it had a reduced cost of at least
   * 1e-8 · max|π| (`clear`; see `EnvelopmentSolver`, second stage).
   */
  private readonly buckets = new Map<number, { basis: Int32Array; clear: boolean }[]>();
  private count = 0;
  /** Confirming passes skipped so far. */
  hits = 0;
  /** Second stages that priced only the λ columns of a clear basis. */
  clearHits = 0;

  get size(): number {
    return this.count;
  }

  has(basis: Int32Array): boolean {
    return this.find(basis) !== undefined;
  }

  /** Whether `basis` is kept and was clear (see above). */
  isClear(basis: Int32Array): boolean {
    return this.find(basis)?.clear === true;
  }

  add(basis: Int32Array, clear = false): void {
    const found = this.find(basis);
    if (found !== undefined) {
      found.clear ||= clear;
      return;
    }
    const hash = setHash(basis);
    const entry = { basis: Int32Array.from(basis), clear };
    const kept = this.buckets.get(hash);
    if (kept === undefined) this.buckets.set(hash, [entry]);
    else kept.push(entry);
    this.count++;
  }

  private find(basis: Int32Array): { basis: Int32Array; clear: boolean } | undefined {
    const kept = this.buckets.get(setHash(basis));
    if (kept === undefined) return undefined;
    for (const entry of kept) if (sameEntries(entry.basis, basis)) return entry;
    return undefined;
  }
}

/** A hash of a basis's entries that does not depend on their order (sum and xor of mixed entries). */
function setHash(basis: Int32Array): number {
  let sum = 0;
  let xor = 0;
  for (let i = 0; i < basis.length; i++) {
    let x = basis[i] | 0;
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
    x ^= x >>> 16;
    sum = (sum + x) | 0;
    xor ^= Math.imul(x, 0x9e3779b1);
  }
  // 30 bits keep the key a small integer, which a Map hashes fastest.
  return (sum ^ Math.imul(xor, 0x2c1b3c6d)) & 0x3fffffff;
}

/** Whether two bases hold the same entries (a basis never holds one twice). */
function sameEntries(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  outer: for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) if (a[i] === b[j]) continue outer;
    return false;
  }
  return true;
}

export class EnvelopmentSolver {
  readonly m: number;
  readonly s: number;
  /** Values per unit in the data array: m inputs then s outputs. */
  readonly k: number;
  /** Rows of the LP. */
  readonly rows: number;
  readonly rts: Rts;
  readonly orientation: Orientation;
  /** Pivot budget of one solve; reaching it is reported, not thrown. */
  maxIterations = 5000;

  private readonly hasConv: boolean;
  private readonly binv: Float64Array;
  private readonly xB: Float64Array;
  private readonly basis: Int32Array;
  private readonly pi: Float64Array;
  private readonly pi1: Float64Array;
  private readonly alpha: Float64Array;
  private readonly col: Float64Array;
  private readonly rhs: Float64Array;
  private readonly work: Float64Array;
  private readonly slackWeights: Float64Array;

  private data: Float64Array = new Float64Array(0);
  private cand: Int32Array = new Int32Array(0);
  private nCand = 0;
  private ev: Float64Array = new Float64Array(0);
  private stage: 1 | 2 | 3 = 2;
  private iterations = 0;
  private sinceRefactor = 0;
  private barTol = 0;
  private cutoff = -Infinity;
  private cutOff = false;
  private recipData: Float64Array = new Float64Array(0);
  /** The λ columns padded to 8 values (data, convexity 1, zeros) when rows ≤ 8. */
  private padded: Float64Array = new Float64Array(0);
  private recipOf: Float64Array = new Float64Array(0);
  private readonly recipEv: Float64Array;
  /** Row prices laid out like the padded columns, zero beyond the rows. */
  private readonly pricePad = new Float64Array(8);
  private readonly pricePad1 = new Float64Array(8);
  /** The λ column chosen by the last pricing pass and its reduced cost. */
  private pickedId = NONE;
  private pickedD = 0;
  /** Multiple pricing: positions of the most promising λ columns of the last full pass. */
  private readonly shortList = new Int32Array(SHORT_LIST);
  private readonly shortD = new Float64Array(SHORT_LIST);
  private shortCount = 0;
  /** Entries of the short list filled by the pricing pass under way. */
  private shortFill = 0;
  /** Where the next partial pricing pass starts. */
  private scanStart = 0;
  /** The basis at the first-stage optimum of the last solve, if it reached one. */
  private readonly stageTwoBasis: Int32Array;
  private hasStageTwoBasis = false;
  /** Bases known dual feasible for these candidates (see `DualFeasibleBases`), if kept. */
  private known: DualFeasibleBases | null = null;
  /**
   * Whether the last pricing pass met a reduced cost below −1e-12 · max|π|
   * that was still above the pricing tolerance (a column that does not
   * enter, but too close to entering for the basis to be remembered).
   */
  private nearMiss = false;
  /** −1e-12 · max|π| for the current pass. */
  private margin = 0;
  /**
   * While bases are being remembered: 1e-8 · max|π|, below which a non-basic
   * λ column's reduced cost sets `nearZero`; else the margin.
   */
  private upper = 0;
  /** Whether the last pricing pass met a non-basic λ column with reduced cost below `upper`. */
  private nearZero = false;
  /**
   * In a second stage from a remembered clear basis: the λ columns basic at
   * the first-stage optimum, the only ones not barred; null otherwise.
   */
  private stageThreeColumns: Int32Array | null = null;
  /** The dual simplex ratio test's current choice. */
  private readonly dualPick: DualPick = { best: NONE, ratio: Infinity, alpha: 0 };

  constructor(m: number, s: number, rts: Rts, orientation: Orientation) {
    this.m = m;
    this.s = s;
    this.k = m + s;
    this.rts = rts;
    this.orientation = orientation;
    this.hasConv = rts !== 'crs';
    const r = this.k + (this.hasConv ? 1 : 0);
    this.rows = r;
    this.binv = new Float64Array(r * r);
    this.xB = new Float64Array(r);
    this.basis = new Int32Array(r);
    this.pi = new Float64Array(r);
    this.pi1 = new Float64Array(r);
    this.alpha = new Float64Array(r);
    this.col = new Float64Array(r);
    this.rhs = new Float64Array(r);
    this.work = new Float64Array(r * r);
    this.slackWeights = new Float64Array(this.k).fill(1);
    this.recipEv = new Float64Array(this.k);
    this.stageTwoBasis = new Int32Array(r);
  }

  /**
   * Weights of the slacks in the second-stage objective, per variable in
   * data order (inputs then outputs). Weights equal to the scale factors of
   * the data make the objective the slack sum in original units.
   */
  setSlackWeights(weights: ArrayLike<number>): void {
    let max = 0;
    for (let t = 0; t < this.k; t++) max = Math.max(max, weights[t]);
    for (let t = 0; t < this.k; t++) {
      this.slackWeights[t] = max > 0 ? weights[t] / max : 1;
    }
  }

  /**
   * Keeps, in `bases`, the first-stage optimal bases this solver proves
   * dual feasible, and skips the confirming pricing pass for a basis already
   * there (null stops both). Valid only while every solve uses the same
   * data and candidate columns; the caller starts a new store otherwise.
   */
  rememberDualFeasibleBases(bases: DualFeasibleBases | null): void {
    this.known = bases;
  }

  /**
   * Solves the LP of the unit whose values are `evaluated` (length k)
   * against the units `candidates[0..count)` of `data` (unit-major, k values
   * per unit). Results are read from the solver's accessors afterwards.
   * With a finite `cutoff` (input orientation only) the solve stops as soon
   * as a feasible θ below it is found, which is all a frame search needs
   * (`warm` is then ignored).
   * The solver keeps reciprocals of `data` between solves on the same
   * array, so the array must not be changed in place between them.
   */
  solve(
    data: Float64Array,
    candidates: Int32Array,
    count: number,
    evaluated: Float64Array,
    withSlacks: boolean,
    cutoff = -Infinity,
    warm: WarmStart | null = null,
    primal: Int32Array | null = null,
  ): 'optimal' | 'infeasible' | 'iteration-limit' {
    this.hasStageTwoBasis = false;
    this.data = data;
    this.cutoff = this.orientation === 'input' ? cutoff : -Infinity;
    this.cutOff = false;
    this.shortCount = 0;
    this.scanStart = 0;
    if (this.recipOf !== data) {
      this.recipData = new Float64Array(data.length);
      for (let i = 0; i < data.length; i++) this.recipData[i] = 1 / data[i];
      this.padded = this.rows <= 8 ? padColumns(data, this.k, this.hasConv) : new Float64Array(0);
      this.recipOf = data;
    }
    for (let t = 0; t < this.k; t++) this.recipEv[t] = 1 / evaluated[t];
    this.cand = candidates;
    this.nCand = count;
    this.ev = evaluated;
    this.iterations = 0;
    this.fillRhs();
    this.stage = 2;

    let start: 'optimal' | 'feasible' | 'cold' = 'cold';
    if (primal !== null) start = this.installFeasibleBasis(primal) ? 'feasible' : 'cold';
    else if (warm !== null && this.cutoff === -Infinity) start = this.warmStart(warm);
    if (start !== 'optimal') {
      if (start === 'cold' && !this.startFromBestColumn()) {
        const phase1 = this.runPhase1();
        if (phase1 !== 'optimal') return phase1;
      }
      this.stage = 2;
      if (this.radial() < this.cutoff) {
        this.cutOff = true;
        return 'optimal';
      }
      const first = this.iterate();
      if (this.cutOff) return 'optimal';
      if (first !== 'optimal') return first === 'unbounded' ? 'infeasible' : first;
    }
    this.computePi();
    this.pi1.set(this.pi);
    this.stageTwoBasis.set(this.basis);
    this.hasStageTwoBasis = true;
    if (!withSlacks) return 'optimal';

    this.stage = 3;
    this.barTol = 1e-9 * Math.max(1, maxAbs(this.pi1));
    this.stageThreeColumns = this.clearLambdaColumns();
    const second = this.iterate();
    this.stageThreeColumns = null;
    return second === 'optimal' ? 'optimal' : 'iteration-limit';
  }

  /** True when the last solve ended at its first-stage optimum (not at a cutoff or a limit). */
  reachedOptimum(): boolean {
    return this.hasStageTwoBasis;
  }

  /**
   * True when the last solve stopped early because θ fell below the cutoff
   * given to `solve`: the unit is then known to be inefficient, and
   * `radial()` is an upper bound on θ, not its optimum.
   */
  stoppedAtCutoff(): boolean {
    return this.cutOff;
  }

  /**
   * The basis at the first-stage optimum of the last solve (before the
   * slack stage moved it), to warm-start other units against the same
   * candidates; null when the last solve did not reach that optimum.
   * Entries: candidate positions (≥ 0), −1 for the radial variable, −2 − row
   * for the slack of a row.
   */
  firstStageBasis(): Int32Array | null {
    return this.hasStageTwoBasis ? Int32Array.from(this.stageTwoBasis) : null;
  }

  /** θ (input) or φ (output) of the last solve. */
  radial(): number {
    for (let i = 0; i < this.rows; i++) {
      if (this.basis[i] === RADIAL) return this.xB[i];
    }
    return 0;
  }

  pivots(): number {
    return this.iterations;
  }

  /** Positions in `candidates` and λ values of the positive intensities. */
  lambdas(): { positions: number[]; values: number[] } {
    const positions: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < this.rows; i++) {
      if (this.basis[i] >= 0 && this.xB[i] > 1e-12) {
        positions.push(this.basis[i]);
        values.push(this.xB[i]);
      }
    }
    return { positions, values };
  }

  /** Slack values in scaled data units, inputs then outputs. */
  slacks(): Float64Array {
    const out = new Float64Array(this.k);
    for (let i = 0; i < this.rows; i++) {
      const id = this.basis[i];
      if (isSlack(id, this.rows)) {
        const row = -2 - id;
        if (row < this.k) out[row] = Math.max(0, this.xB[i]);
      }
    }
    return out;
  }

  /** Dual prices of the rows at the first-stage optimum. */
  duals(): Float64Array {
    return Float64Array.from(this.pi1);
  }

  /**
   * Installs `warm` (see the class comment) and runs the dual simplex to
   * primal feasibility. 'optimal' when the basis is then optimal;
   * 'feasible' when the dual simplex only looked at `warm.columns`, so the
   * primal simplex must still price all columns; 'cold' when the cold
   * start must run instead.
   */
  private warmStart(warm: WarmStart): 'optimal' | 'feasible' | 'cold' {
    if (!this.installBasis(warm.basis)) return 'cold';
    let moved = false;
    for (let pivots = 0; ; pivots++) {
      let r = -1;
      let worst = -FEASIBILITY_TOL;
      for (let i = 0; i < this.rows; i++) {
        if (this.xB[i] < worst) {
          worst = this.xB[i];
          r = i;
        }
      }
      if (r < 0) break;
      if (pivots >= DUAL_PIVOT_LIMIT) return 'cold';
      this.computePi();
      const q = this.dualEntering(r, warm.columns);
      if (q === NONE) return 'cold';
      this.fillColumn(q, this.col);
      this.multiplyInverse(this.col, this.alpha);
      if (Math.abs(this.alpha[r]) <= PIVOT_TOL) return 'cold';
      this.pivot(r, q);
      this.iterations++;
      moved = true;
    }
    if (this.sinceRefactor > 0 && !this.refactor()) return 'cold';
    for (let i = 0; i < this.rows; i++) {
      if (this.xB[i] < -FEASIBILITY_TOL) return 'cold';
      if (this.xB[i] < 0) this.xB[i] = 0;
    }
    return moved && warm.columns !== null ? 'feasible' : 'optimal';
  }

  /**
   * Installs `basis` (entries as in `firstStageBasis()`), a basis of this
   * unit's LP known to be primal feasible, such as the last basis of a solve
   * of the same unit over a prefix of the candidates: the primal simplex can
   * continue from it. False, for a cold start instead, when it is singular,
   * lacks the radial column or is not feasible after all.
   */
  private installFeasibleBasis(basis: Int32Array): boolean {
    if (!this.installBasis(basis)) return false;
    for (let i = 0; i < this.rows; i++) {
      if (this.xB[i] < -FEASIBILITY_TOL) return false;
      if (this.xB[i] < 0) this.xB[i] = 0;
    }
    return true;
  }

  /**
   * Makes `basis` (entries as in `firstStageBasis()`) the current basis and
   * factors it. False when it does not fit these candidates, lacks the
   * radial column or is singular for this unit.
   */
  private installBasis(basis: Int32Array): boolean {
    if (basis.length !== this.rows) return false;
    let hasRadial = false;
    for (let i = 0; i < this.rows; i++) {
      const id = basis[i];
      if (id === RADIAL) hasRadial = true;
      else if (id >= this.nCand || isArtificial(id, this.rows)) return false;
      this.basis[i] = id;
    }
    return hasRadial && this.refactor();
  }

  /** The current basis (entries as in `firstStageBasis()`), whatever stage the last solve ended in. */
  currentBasis(): Int32Array {
    return Int32Array.from(this.basis);
  }

  /**
   * Dual simplex ratio test for leaving row r: among non-basic columns with
   * α_rj = (B⁻¹)_r · a_j < 0, the one with the smallest d_j / (−α_rj), so
   * every reduced cost d_j stays non-negative. Ties go to the larger |α_rj|.
   * With `columns` only those candidate positions are looked at (and the
   * radial and slack columns).
   */
  private dualEntering(r: number, columns: Int32Array | null): number {
    const { rows, binv, pi } = this;
    const rowOff = r * rows;
    const sel = this.dualPick;
    sel.best = NONE;
    sel.ratio = Infinity;
    sel.alpha = 0;
    if (!this.isBasic(RADIAL)) {
      this.fillColumn(RADIAL, this.col);
      let a = 0;
      for (let t = 0; t < rows; t++) a += binv[rowOff + t] * this.col[t];
      if (a < -PIVOT_TOL) offerDual(sel, RADIAL, a, this.reducedCostOf(RADIAL, pi));
    }
    for (let row = 0; row < rows; row++) {
      if (!this.slackExists(row)) continue;
      const a = slackSign(row, this.m, this.k) * binv[rowOff + row];
      if (a < -PIVOT_TOL) offerDual(sel, -2 - row, a, this.reducedCostOf(-2 - row, pi));
    }
    const { cand, k, data, hasConv } = this;
    const n = columns === null ? this.nCand : columns.length;
    if (rows <= 8) {
      const padded = this.padded;
      const w = this.pricePad;
      const v = this.pricePad1;
      for (let t = 0; t < 8; t++) {
        w[t] = t < rows ? binv[rowOff + t] : 0;
        v[t] = t < rows ? pi[t] : 0;
      }
      const a0 = w[0], a1 = w[1], a2 = w[2], a3 = w[3], a4 = w[4], a5 = w[5], a6 = w[6], a7 = w[7];
      const b0 = v[0], b1 = v[1], b2 = v[2], b3 = v[3], b4 = v[4], b5 = v[5], b6 = v[6], b7 = v[7];
      for (let i = 0; i < n; i++) {
        const p = columns === null ? i : columns[i];
        const o = cand[p] * 8;
        const c0 = padded[o], c1 = padded[o + 1], c2 = padded[o + 2], c3 = padded[o + 3];
        const c4 = padded[o + 4], c5 = padded[o + 5], c6 = padded[o + 6], c7 = padded[o + 7];
        const alphaR = a0 * c0 + a1 * c1 + a2 * c2 + a3 * c3 + a4 * c4 + a5 * c5 + a6 * c6 + a7 * c7;
        if (alphaR >= -PIVOT_TOL) continue;
        const d = -(b0 * c0 + b1 * c1 + b2 * c2 + b3 * c3 + b4 * c4 + b5 * c5 + b6 * c6 + b7 * c7);
        const ratio = (d > 0 ? d : 0) / -alphaR;
        if (ratio <= sel.ratio + 1e-12) offerDual(sel, p, alphaR, d);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const p = columns === null ? i : columns[i];
        const off = cand[p] * k;
        let alphaR = hasConv ? binv[rowOff + k] : 0;
        for (let t = 0; t < k; t++) alphaR += binv[rowOff + t] * data[off + t];
        if (alphaR >= -PIVOT_TOL) continue;
        let dot = hasConv ? pi[k] : 0;
        for (let t = 0; t < k; t++) dot += pi[t] * data[off + t];
        offerDual(sel, p, alphaR, -dot);
      }
    }
    return sel.best;
  }

  private fillRhs(): void {
    const { m, k, rhs, ev } = this;
    rhs.fill(0);
    if (this.orientation === 'input') {
      for (let t = m; t < k; t++) rhs[t] = ev[t];
    } else {
      for (let t = 0; t < m; t++) rhs[t] = ev[t];
    }
    if (this.hasConv) rhs[k] = 1;
  }

  /**
   * Finds the single reference column that best covers the unit and makes
   * it the starting basis (with a cutoff, the first column whose θ is below
   * it). Returns false when no single column is feasible.
   */
  private startFromBestColumn(): boolean {
    const { m, k, data, cand, ev, recipData, recipEv } = this;
    const input = this.orientation === 'input';
    let bestValue = input ? Infinity : -Infinity;
    let bestP = -1;
    let bestI = -1;
    let bestR = -1;
    let bestBelowOne = false;
    for (let p = 0; p < this.nCand; p++) {
      const off = cand[p] * k;
      // λ needed to cover the binding output (input orientation) or the
      // binding input (output orientation).
      let cover = input ? 0 : Infinity;
      let coverRow = -1;
      if (input) {
        for (let r = m; r < k; r++) {
          const ratio = ev[r] * recipData[off + r];
          if (ratio > cover) { cover = ratio; coverRow = r; }
        }
      } else {
        for (let i = 0; i < m; i++) {
          const ratio = ev[i] * recipData[off + i];
          if (ratio < cover) { cover = ratio; coverRow = i; }
        }
      }
      let lambda = cover;
      if (this.rts === 'vrs') {
        if (input ? cover > 1 : cover < 1) continue;
        lambda = 1;
      } else if (this.rts === 'nirs') {
        if (input && cover > 1) continue;
        if (!input) lambda = Math.min(1, cover);
      }
      // The radial factor this column implies, and its binding row.
      let radial = input ? 0 : Infinity;
      let radialRow = -1;
      if (input) {
        for (let i = 0; i < m; i++) {
          const ratio = lambda * data[off + i] * recipEv[i];
          if (ratio > radial) { radial = ratio; radialRow = i; }
        }
      } else {
        for (let r = m; r < k; r++) {
          const ratio = lambda * data[off + r] * recipEv[r];
          if (ratio < radial) { radial = ratio; radialRow = r; }
        }
      }
      if (input ? radial < bestValue : radial > bestValue) {
        bestValue = radial;
        bestP = p;
        if (input) { bestI = radialRow; bestR = coverRow; }
        else { bestI = coverRow; bestR = radialRow; }
        bestBelowOne = lambda < 1;
        // Below the cutoff the unit is proved inefficient: no need for the best column.
        if (radial < this.cutoff) break;
      }
    }
    if (bestP < 0) return false;
    return this.installSingleColumnBasis(bestP, bestI, bestR, bestBelowOne);
  }

  /**
   * Basis {radial, λ_p, slacks of all rows but the binding ones}. Which
   * rows bind depends on the model: the convexity row is covered by λ_p
   * under vrs and by its own slack under nirs when λ_p < 1.
   */
  private installSingleColumnBasis(p: number, inputRow: number, outputRow: number, belowOne: boolean): boolean {
    const { k } = this;
    const input = this.orientation === 'input';
    const lambdaTakesConv = this.rts === 'vrs' || (this.rts === 'nirs' && !belowOne);
    // The radial column covers one binding row; λ_p covers the other, or
    // the convexity row when it takes it.
    const skipA = input ? inputRow : outputRow;
    const skipB = lambdaTakesConv ? -1 : input ? outputRow : inputRow;
    let b = 0;
    this.basis[b++] = RADIAL;
    this.basis[b++] = p;
    for (let row = 0; row < this.rows; row++) {
      if (row === skipA || row === skipB) continue;
      if (row === k && this.rts !== 'nirs') continue;
      if (row === k && lambdaTakesConv) continue;
      this.basis[b++] = -2 - row;
    }
    if (b !== this.rows || !this.refactor()) return false;
    for (let i = 0; i < this.rows; i++) {
      if (this.xB[i] < -1e-9) return false;
      if (this.xB[i] < 0) this.xB[i] = 0;
    }
    return true;
  }

  /** Phase 1: a slack or an artificial per row, minimise the artificials. */
  private runPhase1(): 'optimal' | 'infeasible' | 'iteration-limit' {
    for (let row = 0; row < this.rows; row++) {
      const sign = slackSign(row, this.m, this.k);
      const slackOk = this.slackExists(row) && sign * this.rhs[row] >= 0;
      this.basis[row] = slackOk ? -2 - row : -2 - this.rows - row;
    }
    if (!this.refactor()) return 'infeasible';
    this.stage = 1;
    const status = this.iterate();
    if (status === 'iteration-limit') return status;
    let infeasibility = 0;
    for (let i = 0; i < this.rows; i++) {
      if (isArtificial(this.basis[i], this.rows)) infeasibility += this.xB[i];
    }
    return infeasibility > 1e-9 ? 'infeasible' : 'optimal';
  }

  private slackExists(row: number): boolean {
    return row < this.k || this.rts === 'nirs';
  }

  private cost(id: number): number {
    if (this.stage === 1) return isArtificial(id, this.rows) ? 1 : 0;
    if (this.stage === 2) {
      if (id !== RADIAL) return 0;
      return this.orientation === 'input' ? 1 : -1;
    }
    if (isSlack(id, this.rows)) {
      const row = -2 - id;
      return row < this.k ? -this.slackWeights[row] : 0;
    }
    return 0;
  }

  /** The LP column of variable `id`, written into `out`. */
  private fillColumn(id: number, out: Float64Array): void {
    const { m, k, ev } = this;
    out.fill(0);
    if (id === RADIAL) {
      if (this.orientation === 'input') {
        for (let i = 0; i < m; i++) out[i] = -ev[i];
      } else {
        for (let r = m; r < k; r++) out[r] = -ev[r];
      }
    } else if (id >= 0) {
      const off = this.cand[id] * k;
      for (let t = 0; t < k; t++) out[t] = this.data[off + t];
      if (this.hasConv) out[k] = 1;
    } else if (isSlack(id, this.rows)) {
      const row = -2 - id;
      out[row] = slackSign(row, m, k);
    } else {
      out[-2 - this.rows - id] = 1;
    }
  }

  private computePi(): void {
    const { rows, binv, pi } = this;
    pi.fill(0);
    for (let i = 0; i < rows; i++) {
      const c = this.cost(this.basis[i]);
      if (c === 0) continue;
      for (let t = 0; t < rows; t++) pi[t] += c * binv[i * rows + t];
    }
  }

  /** Reduced cost of a non-λ column (radial or slack). */
  private reducedCostOf(id: number, prices: Float64Array): number {
    if (id === RADIAL) {
      let dot = 0;
      if (this.orientation === 'input') {
        for (let i = 0; i < this.m; i++) dot -= prices[i] * this.ev[i];
      } else {
        for (let r = this.m; r < this.k; r++) dot -= prices[r] * this.ev[r];
      }
      return this.cost(id) - dot;
    }
    const row = -2 - id;
    return this.cost(id) - prices[row] * slackSign(row, this.m, this.k);
  }

  private isBasic(id: number): boolean {
    for (let i = 0; i < this.rows; i++) if (this.basis[i] === id) return true;
    return false;
  }

  /**
   * The entering variable, or NONE at optimality. Dantzig picks the most
   * negative reduced cost; Bland the first negative one in index order
   * (radial, λ by position, slacks by row).
   */
  private chooseEntering(bland: boolean): number {
    const tol = 1e-9 * Math.max(1, maxAbs(this.pi));
    let best = NONE;
    let bestD = -tol;
    this.nearMiss = false;
    this.nearZero = false;
    this.margin = -1e-12 * maxAbs(this.pi);
    const remembering = this.known !== null && this.stage === 2 && this.cutoff === -Infinity;
    this.upper = remembering ? 1e-8 * maxAbs(this.pi) : this.margin;
    if (!this.isBasic(RADIAL) && this.allowed(RADIAL)) {
      const d = this.reducedCostOf(RADIAL, this.pi);
      if (d < bestD) {
        if (bland) return RADIAL;
        best = RADIAL;
        bestD = d;
      }
    }
    if (this.priceLambdas(bland, bestD)) {
      best = this.pickedId;
      bestD = this.pickedD;
      if (bland) return best;
    }
    for (let row = 0; row < this.rows; row++) {
      if (!this.slackExists(row)) continue;
      const id = -2 - row;
      if (this.isBasic(id) || !this.allowed(id)) continue;
      const d = this.reducedCostOf(id, this.pi);
      if (d < this.margin && d >= bestD) this.nearMiss = true;
      if (d < bestD) {
        if (bland) return id;
        best = id;
        bestD = d;
      }
    }
    return best;
  }

  /**
   * Pricing of the λ columns: the hot loop of the solver. Multiple pricing
   * (Orchard-Hays 1968): a pass over the candidates also keeps the
   * SHORT_LIST most negative reduced costs, and the next iterations price
   * only that short list until none of it is negative any more, when a new
   * pass runs. Passes are partial (see below) on large frames. Optimality is
   * only ever declared after a pass that saw every column.
   *
   * With at most 8 rows the columns are read from a copy padded to 8 values
   * and the dot product is written out term by term, which V8 runs about
   * three times faster than the generic loop.
   */
  private priceLambdas(bland: boolean, threshold: number): boolean {
    if (this.rows > 8) return this.priceLambdasGeneric(bland, threshold);
    const { cand, padded, rows, shortList, shortD } = this;
    const w = this.pricePad;
    for (let t = 0; t < rows; t++) {
      w[t] = this.pi[t];
      this.pricePad1[t] = this.pi1[t];
    }
    const a0 = w[0], a1 = w[1], a2 = w[2], a3 = w[3], a4 = w[4], a5 = w[5], a6 = w[6], a7 = w[7];
    const barring = this.stage === 3;
    const barTol = this.barTol;

    let best = NONE;
    let bestD = threshold;
    if (!bland && this.shortCount > 0) {
      for (let i = 0; i < this.shortCount; i++) {
        const p = shortList[i];
        const o = cand[p] * 8;
        const d = -(
          a0 * padded[o] + a1 * padded[o + 1] + a2 * padded[o + 2] + a3 * padded[o + 3] +
          a4 * padded[o + 4] + a5 * padded[o + 5] + a6 * padded[o + 6] + a7 * padded[o + 7]
        );
        if (d < bestD && !(barring && this.barredPadded(o, barTol))) {
          best = p;
          bestD = d;
        }
      }
      if (best !== NONE) {
        this.pickedId = best;
        this.pickedD = bestD;
        return true;
      }
    }

    // Partial pricing: the pass starts where the last one stopped and may
    // stop after PRICING_WINDOW columns once it has found entering
    // candidates; only a pass that wraps all the way round without finding
    // any proves optimality. Bland's rule needs the index order, so it
    // always scans from the first column.
    const n = this.nCand;
    const from = bland ? 0 : this.scanStart % Math.max(1, n);
    // The pass covers [from, n) then [0, from); `stop` is where it ends,
    // pulled in to PRICING_WINDOW columns from `from` once a candidate is found.
    let stop = from + n;
    let q = from;
    let found = false;
    this.shortFill = 0;
    const only = barring ? this.stageThreeColumns : null;
    if (only !== null) {
      // Every other column is barred: visit these in the pass's order, with
      // the same stopping rule, so the choice is the one a full pass makes.
      const order = this.visitOrder(only, from, n);
      for (let i = 0; i < order.length; i++) {
        q = from + order[i];
        if (q >= stop) break;
        const p = q < n ? q : q - n;
        const o = cand[p] * 8;
        const d = -paddedDot(this.pricePad, padded, o);
        if (d >= threshold) continue;
        if (this.shortFill === SHORT_LIST && d >= shortD[SHORT_LIST - 1]) continue;
        if (this.barredPadded(o, barTol)) continue;
        if (bland) {
          best = p;
          bestD = d;
          found = true;
          break;
        }
        if (this.shortFill === 0) stop = Math.min(stop, Math.max(from + PRICING_WINDOW, q + 1));
        this.offerShort(p, d);
      }
      q = found ? q + 1 : stop;
    } else {
      // Columns at or above `upper` are the common case and skip all the tests below.
      const upper = Math.max(threshold, this.upper);
      const margin = Math.max(threshold, this.margin);
      let nearMiss = false;
      let nearZero = false;
      for (; q < stop; q++) {
        const p = q < n ? q : q - n;
        const o = cand[p] * 8;
        const d = -(
          a0 * padded[o] + a1 * padded[o + 1] + a2 * padded[o + 2] + a3 * padded[o + 3] +
          a4 * padded[o + 4] + a5 * padded[o + 5] + a6 * padded[o + 6] + a7 * padded[o + 7]
        );
        if (d >= upper) continue;
        if (d >= margin) {
          if (!nearZero && !this.isBasic(p)) nearZero = true;
          continue;
        }
        if (d >= threshold) {
          nearMiss = true;
          continue;
        }
        if (this.shortFill === SHORT_LIST && d >= shortD[SHORT_LIST - 1]) continue;
        if (barring && this.barredPadded(o, barTol)) continue;
        if (bland) {
          best = p;
          bestD = d;
          q++;
          break;
        }
        if (this.shortFill === 0) stop = Math.min(stop, Math.max(from + PRICING_WINDOW, q + 1));
        this.offerShort(p, d);
      }
      if (nearMiss) this.nearMiss = true;
      if (nearZero) this.nearZero = true;
    }
    const count = this.shortFill;
    this.scanStart = q < n ? q : q - n;
    this.shortCount = bland ? 0 : count;
    if (!bland && count > 0) {
      best = shortList[0];
      bestD = shortD[0];
    }
    this.pickedId = best;
    this.pickedD = bestD;
    return best !== NONE;
  }

  /** Inserts λ column p with reduced cost d into the short list, kept sorted by reduced cost. */
  private offerShort(p: number, d: number): void {
    const { shortList, shortD } = this;
    let i = this.shortFill < SHORT_LIST ? this.shortFill++ : SHORT_LIST - 1;
    while (i > 0 && shortD[i - 1] > d) {
      shortList[i] = shortList[i - 1];
      shortD[i] = shortD[i - 1];
      i--;
    }
    shortList[i] = p;
    shortD[i] = d;
  }

  /** Offsets from `from` (cyclic over n) of the positions `only`, ascending. */
  private visitOrder(only: Int32Array, from: number, n: number): number[] {
    const order: number[] = [];
    for (const p of only) order.push(p >= from ? p - from : p + n - from);
    return order.sort((a, b) => a - b);
  }

  /**
   * The λ columns of the first-stage optimal basis, when that basis is a
   * remembered clear one (every other λ column then has a first-stage
   * reduced cost of at least 1e-8 · max|π1| for this unit too, by the
   * scaling argument of `DualFeasibleBases`, which is above the barring
   * tolerance once max|π1| ≥ 0.2); null otherwise.
   */
  private clearLambdaColumns(): Int32Array | null {
    if (this.known === null || this.rows > 8 || maxAbs(this.pi1) < 0.2) return null;
    if (!this.known.isClear(this.stageTwoBasis)) return null;
    this.known.clearHits++;
    const out: number[] = [];
    for (const id of this.stageTwoBasis) if (id >= 0) out.push(id);
    return Int32Array.from(out);
  }

  /** Whether a padded column has a positive first-stage reduced cost (second stage only). */
  private barredPadded(o: number, barTol: number): boolean {
    return -paddedDot(this.pricePad1, this.padded, o) > barTol;
  }

  private priceLambdasGeneric(bland: boolean, threshold: number): boolean {
    const { k, data, cand, pi, pi1, hasConv } = this;
    const piConv = hasConv ? pi[k] : 0;
    const pi1Conv = hasConv ? pi1[k] : 0;
    const barring = this.stage === 3;
    const barTol = this.barTol;
    let best = NONE;
    let bestD = threshold;
    let nearMiss = false;
    for (let p = 0; p < this.nCand; p++) {
      const off = cand[p] * k;
      let dot = piConv;
      for (let t = 0; t < k; t++) dot += pi[t] * data[off + t];
      const d = -dot;
      if (d < this.margin && d >= threshold) nearMiss = true;
      if (d >= bestD) continue;
      if (barring) {
        let dot1 = pi1Conv;
        for (let t = 0; t < k; t++) dot1 += pi1[t] * data[off + t];
        if (-dot1 > barTol) continue;
      }
      best = p;
      bestD = d;
      if (bland) break;
    }
    if (nearMiss) this.nearMiss = true;
    this.pickedId = best;
    this.pickedD = bestD;
    return best !== NONE;
  }

  /** Columns that may enter in the current stage. */
  private allowed(id: number): boolean {
    if (isArtificial(id, this.rows)) return false;
    if (this.stage !== 3) return true;
    if (id === RADIAL) return false;
    return this.reducedCostOfStage2(id) <= this.barTol;
  }

  private reducedCostOfStage2(id: number): number {
    const row = -2 - id;
    return -this.pi1[row] * slackSign(row, this.m, this.k);
  }

  /** Simplex iterations of the current stage from the current basis. */
  private iterate(): 'optimal' | 'unbounded' | 'iteration-limit' {
    let degenerate = 0;
    let bland = false;
    const known = this.stage === 2 && this.cutoff === -Infinity ? this.known : null;
    for (;;) {
      if (this.iterations >= this.maxIterations) return 'iteration-limit';
      if (known !== null && known.has(this.basis)) {
        known.hits++;
        if (this.sinceRefactor > 0) this.refactor();
        // As after the pass that would have found no entering column: the
        // short list is empty and the next pass starts where this one did.
        this.shortCount = 0;
        return 'optimal';
      }
      this.computePi();
      const q = this.chooseEntering(bland);
      if (q === NONE) {
        if (this.sinceRefactor > 0) {
          this.refactor();
          continue;
        }
        if (known !== null && this.isBasic(RADIAL) && !this.nearMiss) {
          // Only the padded pricing pass (at most 8 rows) looks for near-zero columns.
          known.add(this.basis, this.rows <= 8 && !this.nearZero);
        }
        return 'optimal';
      }
      this.fillColumn(q, this.col);
      this.multiplyInverse(this.col, this.alpha);
      const r = this.ratioTest(bland);
      if (r < 0) return 'unbounded';
      const step = Math.max(0, this.xB[r]) / this.alpha[r];
      this.pivot(r, q);
      this.iterations++;
      if (this.stage === 2 && this.cutoff > -Infinity && this.radial() < this.cutoff) {
        this.cutOff = true;
        return 'optimal';
      }
      if (this.sinceRefactor >= 40) this.refactor();
      if (step <= 1e-12) {
        degenerate++;
        if (degenerate > 30) bland = true;
      } else {
        degenerate = 0;
        bland = false;
      }
    }
  }

  /**
   * Minimum-ratio test. Ties go to the larger pivot (Dantzig mode, for
   * stability) or to the smaller variable index (Bland mode). A basic
   * artificial left at zero after phase 1 blocks any direction that would
   * move it, so it never becomes positive again.
   */
  private ratioTest(bland: boolean): number {
    const { rows, alpha, xB, basis } = this;
    let r = -1;
    let best = Infinity;
    for (let i = 0; i < rows; i++) {
      const a = alpha[i];
      let ratio: number;
      if (this.stage !== 1 && isArtificial(basis[i], rows)) {
        if (Math.abs(a) <= PIVOT_TOL) continue;
        ratio = 0;
      } else {
        if (a <= PIVOT_TOL) continue;
        ratio = Math.max(0, xB[i]) / a;
      }
      if (r < 0 || ratio < best - 1e-12) {
        r = i;
        best = ratio;
      } else if (ratio <= best + 1e-12) {
        const better = bland
          ? orderKey(basis[i], rows) < orderKey(basis[r], rows)
          : Math.abs(a) > Math.abs(alpha[r]);
        if (better) {
          r = i;
          best = Math.min(best, ratio);
        }
      }
    }
    return r;
  }

  private pivot(r: number, q: number): void {
    const { rows, binv, xB, alpha } = this;
    const inv = 1 / alpha[r];
    const rowR = r * rows;
    for (let t = 0; t < rows; t++) binv[rowR + t] *= inv;
    xB[r] *= inv;
    for (let i = 0; i < rows; i++) {
      if (i === r) continue;
      const f = alpha[i];
      if (f === 0) continue;
      const rowI = i * rows;
      for (let t = 0; t < rows; t++) binv[rowI + t] -= f * binv[rowR + t];
      xB[i] -= f * xB[r];
    }
    this.basis[r] = q;
    this.sinceRefactor++;
  }

  private multiplyInverse(v: Float64Array, out: Float64Array): void {
    const { rows, binv } = this;
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let t = 0; t < rows; t++) sum += binv[i * rows + t] * v[t];
      out[i] = sum;
    }
  }

  /**
   * Rebuilds B⁻¹ from the basis by Gauss–Jordan elimination with partial
   * pivoting, and x_B = B⁻¹ b. Returns false if the basis is singular.
   */
  private refactor(): boolean {
    const { rows, work, binv } = this;
    // work holds B with rows as LP rows and columns as basis positions.
    for (let j = 0; j < rows; j++) {
      this.fillColumn(this.basis[j], this.col);
      for (let i = 0; i < rows; i++) work[i * rows + j] = this.col[i];
    }
    binv.fill(0);
    for (let i = 0; i < rows; i++) binv[i * rows + i] = 1;
    for (let c = 0; c < rows; c++) {
      let pivotRow = c;
      let pivotAbs = Math.abs(work[c * rows + c]);
      for (let i = c + 1; i < rows; i++) {
        const v = Math.abs(work[i * rows + c]);
        if (v > pivotAbs) { pivotAbs = v; pivotRow = i; }
      }
      if (pivotAbs < 1e-14) return false;
      if (pivotRow !== c) {
        swapRows(work, rows, c, pivotRow);
        swapRows(binv, rows, c, pivotRow);
      }
      const inv = 1 / work[c * rows + c];
      for (let t = 0; t < rows; t++) {
        work[c * rows + t] *= inv;
        binv[c * rows + t] *= inv;
      }
      for (let i = 0; i < rows; i++) {
        if (i === c) continue;
        const f = work[i * rows + c];
        if (f === 0) continue;
        for (let t = 0; t < rows; t++) {
          work[i * rows + t] -= f * work[c * rows + t];
          binv[i * rows + t] -= f * binv[c * rows + t];
        }
      }
    }
    // After elimination, row c of binv gives basis position c's value.
    this.multiplyInverse(this.rhs, this.xB);
    for (let i = 0; i < rows; i++) {
      if (this.xB[i] < 0 && this.xB[i] > -1e-11) this.xB[i] = 0;
    }
    this.sinceRefactor = 0;
    return true;
  }
}

const RADIAL = -1;
const NONE = -1e9;
const SHORT_LIST = 16;
const PRICING_WINDOW = 64;
const PIVOT_TOL = 1e-10;
/** Basic values above −this count as feasible (and are set to 0). */
const FEASIBILITY_TOL = 1e-11;
/** Dual simplex pivots a warm start may take before the cold start takes over. */
const DUAL_PIVOT_LIMIT = 50;

interface DualPick {
  best: number;
  ratio: number;
  alpha: number;
}

/** Offers column `id` (α_rj < 0, reduced cost d) to the dual ratio test. */
function offerDual(sel: DualPick, id: number, alphaR: number, d: number): void {
  const ratio = Math.max(0, d) / -alphaR;
  if (ratio < sel.ratio - 1e-12 || (ratio <= sel.ratio + 1e-12 && -alphaR > sel.alpha)) {
    sel.best = id;
    sel.ratio = Math.min(ratio, sel.ratio);
    sel.alpha = -alphaR;
  }
}

function isSlack(id: number, rows: number): boolean {
  return id <= -2 && id > -2 - rows;
}

function isArtificial(id: number, rows: number): boolean {
  return id <= -2 - rows;
}

/** +1 for input and nirs-convexity slacks, −1 for output surpluses. */
function slackSign(row: number, m: number, k: number): number {
  return row < m || row >= k ? 1 : -1;
}

/** Bland's order: radial, λ by position, slacks by row, artificials. */
function orderKey(id: number, rows: number): number {
  if (id === RADIAL) return -1;
  if (id >= 0) return id;
  if (isSlack(id, rows)) return 1e12 + (-2 - id);
  return 2e12 + (-2 - rows - id);
}

/** Columns of stride k copied to stride 8: data, then 1 for the convexity row, then 0. */
function padColumns(data: Float64Array, k: number, hasConv: boolean): Float64Array {
  const n = data.length / k;
  const out = new Float64Array(n * 8);
  for (let j = 0; j < n; j++) {
    for (let t = 0; t < k; t++) out[j * 8 + t] = data[j * k + t];
    if (hasConv) out[j * 8 + k] = 1;
  }
  return out;
}

/** The dot product of 8 prices with the padded column at offset o, term by term. */
function paddedDot(w: Float64Array, c: Float64Array, o: number): number {
  return (
    w[0] * c[o] + w[1] * c[o + 1] + w[2] * c[o + 2] + w[3] * c[o + 3] +
    w[4] * c[o + 4] + w[5] * c[o + 5] + w[6] * c[o + 6] + w[7] * c[o + 7]
  );
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  return max;
}

function swapRows(a: Float64Array, n: number, i: number, j: number): void {
  for (let t = 0; t < n; t++) {
    const tmp = a[i * n + t];
    a[i * n + t] = a[j * n + t];
    a[j * n + t] = tmp;
  }
}
