export {
  type ConstantColumn,
  type Direction,
  type MinMaxOptions,
  type MinMaxResult,
  minMaxNormalize,
} from './min-max-normalize.js';
