/**
 * Synthetic panels for the bundled sample and the benchmarks: SYNTHETIC data of 12 cities × 5 years ×
 * the 21 indicators of the default model. No public data set follows the
 * source paper's table, so the values come from a small latent-factor model
 * with a fixed seed: each city has a size, an innovation and a green
 * propensity; indicators load on them, grow over the years and carry noise.
 * The magnitudes are of the order Chinese city statistics yearbooks print,
 * but no number describes a real city.
 *
 * The bundled sample is `syntheticPanelCsv()` with its defaults (12 cities,
 * 2015–2019, seed 20210601); see scripts/generate-sample.ts.
 */
import defaultModel from '../lib/model/default-model.json' with { type: 'json' };

/** Mulberry32: a small, well-mixed 32-bit generator, enough for sample data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


type Latent = { size: number; innovation: number; green: number };

/**
 * For each indicator: level at size 0 in 2015, elasticities on the three
 * latent traits, yearly growth, noise, and decimals printed. Shares and
 * rates are kept inside their natural ranges below.
 */
const recipe: Record<string, [number, number, number, number, number, number, number]> = {
  //        base    size  innov green  growth noise dec
  A1: [     4200,   0.55, 0.10, 0.00,  0.060, 0.08, 1],
  A2: [     7800,   0.45, 0.05, 0.05,  0.030, 0.05, 0],
  A3: [     9500,   0.45, 0.00, 0.10,  0.035, 0.06, 0],
  A4: [    28000,   0.50, 0.05, 0.00, -0.020, 0.10, 0],
  A5: [      950,   0.50, 0.25, 0.00,  0.180, 0.08, 1],
  A6: [       72,   0.06, 0.05, 0.02,  0.008, 0.02, 2],
  A7: [     2100,   0.20, 0.05, -0.10, 0.010, 0.08, 0],
  A8: [    46000,   0.10, 0.18, 0.03,  0.080, 0.03, 0],
  B1: [      210,   0.45, 0.40, 0.00,  0.090, 0.15, 1],
  B2: [     2600,   0.40, 0.45, 0.00,  0.070, 0.10, 0],
  B3: [       28,   0.45, 0.45, 0.00,  0.060, 0.08, 2],
  B4: [       55,   0.05, 0.10, 0.03,  0.015, 0.03, 2],
  B5: [       38,  -0.05, -0.15, -0.05, -0.022, 0.04, 2],
  B6: [    32000,   0.40, 0.50, 0.00,  0.110, 0.10, 0],
  B7: [       14,   0.35, 0.60, 0.00,  0.040, 0.15, 0],
  B8: [      390,   0.45, 0.55, 0.00,  0.100, 0.07, 1],
  B9: [    61000,   0.40, 0.50, 0.00,  0.070, 0.07, 0],
  C1: [       41,   0.00, 0.02, 0.08,  0.006, 0.02, 2],
  C2: [       13,  -0.05, 0.02, 0.20,  0.020, 0.06, 2],
  C3: [     1450,   0.35, -0.30, -0.25, -0.030, 0.12, 1],
  C4: [       83,   0.00, 0.06, 0.10,  0.012, 0.04, 2],
};

const bounded = new Set(['A6', 'B4', 'B5', 'C1', 'C4']);

export interface SyntheticPanelOptions {
  readonly units?: number;
  readonly years?: number;
  readonly firstYear?: number;
  readonly seed?: number;
}

/** A wide CSV panel (`unit,year,A1…C4`) for the default model. */
export function syntheticPanelCsv(options: SyntheticPanelOptions = {}): string {
  const { units = 12, years: yearCount = 5, firstYear = 2015, seed = 20210601 } = options;
  const random = mulberry32(seed);
  // Standard normal by Box–Muller.
  const gauss = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const years = Array.from({ length: yearCount }, (_, t) => firstYear + t);
  const cities: Latent[] = Array.from({ length: units }, () => ({
    size: gauss(),
    innovation: gauss(),
    green: gauss(),
  }));

  const ids = defaultModel.indicators.map((indicator) => indicator.id);
  const lines = [['unit', 'year', ...ids].join(',')];
  cities.forEach((city, c) => {
    for (const [t, year] of years.entries()) {
      const cells = ids.map((id) => {
        const [base, eSize, eInnov, eGreen, growth, noise, decimals] = recipe[id];
        const logValue =
          Math.log(base) +
          eSize * city.size +
          eInnov * city.innovation +
          eGreen * city.green +
          growth * t +
          noise * gauss();
        let value = Math.exp(logValue);
        if (bounded.has(id)) value = Math.min(value, 97.5);
        return value;
      });
      // The three sector shares of GDP add up to 100: the secondary share is
      // what the tertiary and a small primary share leave.
      const b4 = cells[ids.indexOf('B4')];
      const primary = Math.exp(Math.log(3) - 0.4 * city.size + 0.3 * gauss());
      cells[ids.indexOf('B5')] = Math.max(100 - b4 - primary, 5);
      const printed = cells.map((value, j) => value.toFixed(recipe[ids[j]][6]));
      lines.push([`City${c + 1}`, String(year), ...printed].join(','));
    }
  });
  return `${lines.join('\n')}\n`;
}
