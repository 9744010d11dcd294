export { type EntropyOptions, type EntropyWeights, entropyWeights } from './entropy-weights.js';
export { type WithinGroupWeights, withinGroupWeights } from './within-group-weights.js';
export { subsystemIndices } from './subsystem-indices.js';
