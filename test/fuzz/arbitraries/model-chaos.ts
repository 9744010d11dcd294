/**
 * Damage to a model file: a value of the wrong type at any path, a key
 * removed or added, an array blown up to thousands of entries, deep
 * nesting, and text-level damage (a cut-off end, a byte-order mark, a
 * trailing comma, NaN and comments that JSON does not allow).
 */
import fc from 'fast-check';
import type { GeneratedModel } from './small-model.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const WRONG_VALUES: readonly Json[] = [
  null, 0, -1, 1e308, 0.5, '', 'x', 'positive', [], {}, true, 'y'.repeat(10_000),
  [1, 2, 3], { id: 'X' }, '__proto__', 'S1',
];

export type ModelMutation =
  | { readonly kind: 'replace'; readonly path: number; readonly value: Json }
  | { readonly kind: 'remove'; readonly path: number }
  | { readonly kind: 'add-key'; readonly path: number; readonly key: string }
  | { readonly kind: 'huge-array'; readonly path: number; readonly size: number }
  | { readonly kind: 'deep'; readonly path: number; readonly depth: number }
  | { readonly kind: 'text'; readonly damage: 'cut' | 'bom' | 'trailing-comma' | 'nan' | 'comment' | 'empty'; readonly at: number };

export const modelMutation: fc.Arbitrary<ModelMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), path: fc.nat(500), value: fc.constantFrom(...WRONG_VALUES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), path: fc.nat(500) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add-key' as const), path: fc.nat(500), key: fc.constantFrom('extra', 'constructor', '__proto__', 'weights', 'enabled', '') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge-array' as const), path: fc.nat(500), size: fc.constantFrom(1_000, 20_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), path: fc.nat(500), depth: fc.constantFrom(100, 5_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), damage: fc.constantFrom('cut' as const, 'bom' as const, 'trailing-comma' as const, 'nan' as const, 'comment' as const, 'empty' as const), at: fc.nat(10_000) }) },
);

const DEEP = '\u0000deep:';

/** Every container (object or array) in the value, with its path. */
function containers(value: Json, out: (Json[] | { [key: string]: Json })[] = []) {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

function applyMutation(root: Json, m: Exclude<ModelMutation, { kind: 'text' }>): void {
  const all = containers(root);
  const target = all[m.path % all.length];
  const keys = Object.keys(target);
  const key = keys.length > 0 ? keys[m.path % keys.length] : undefined;
  const set = (k: string, v: Json) => {
    if (Array.isArray(target)) target[Number(k)] = v;
    else Object.defineProperty(target, k, { value: v, enumerable: true, writable: true, configurable: true });
  };
  switch (m.kind) {
    case 'replace':
      if (key !== undefined) set(key, structuredClone(m.value));
      break;
    case 'remove':
      if (key === undefined) break;
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
      break;
    case 'add-key':
      if (!Array.isArray(target)) set(m.key, 1);
      break;
    case 'huge-array': {
      const arrays = all.filter((c): c is Json[] => Array.isArray(c));
      const list = arrays[m.path % Math.max(1, arrays.length)];
      if (list && list.length > 0) {
        const first = list[0];
        for (let i = list.length; i < m.size; i++) list.push(structuredClone(first));
      }
      break;
    }
    case 'deep':
      // Written into the text after serializing, which would recurse.
      if (key !== undefined) set(key, `${DEEP}${m.depth}`);
      break;
  }
}

/** The model's JSON text after the mutations, as bytes. */
export function mutateModel(model: GeneratedModel, mutations: readonly ModelMutation[]): Uint8Array {
  const root = structuredClone(model) as unknown as Json;
  for (const m of mutations) if (m.kind !== 'text') applyMutation(root, m);
  let text = JSON.stringify(root, null, 1).replace(/"\\u0000deep:(\d+)"/g, (_, depth: string) => {
    const n = Number(depth);
    return `${'['.repeat(n)}1${']'.repeat(n)}`;
  });
  for (const m of mutations) {
    if (m.kind !== 'text') continue;
    if (m.damage === 'cut') text = text.slice(0, m.at % Math.max(1, text.length));
    if (m.damage === 'bom') text = `\uFEFF${text}`;
    if (m.damage === 'trailing-comma') text = text.replace(/\n}$/, ',\n}');
    if (m.damage === 'nan') text = text.replace(/: (\d+|false|true)/, ': NaN');
    if (m.damage === 'comment') text = `// model\n${text}`;
    if (m.damage === 'empty') text = '';
  }
  return new TextEncoder().encode(text);
}
