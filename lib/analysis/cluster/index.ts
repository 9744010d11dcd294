export * from './types.js';
export { standardize, type Standardized } from './standardize.js';
export {
  hierarchicalClustering,
  type Hierarchy,
  type HierarchicalOptions,
} from './hierarchical-clustering.js';
export { MAX_MATRIX_OBSERVATIONS } from './matrix-nn-chain.js';
export { toMergeList, leafOrder } from './merge-list.js';
export { cutTree } from './cut-tree.js';
export { agglomerationSchedule, type ScheduleStage } from './agglomeration-schedule.js';
export { dendrogramLayout, type DendrogramLayout } from './dendrogram-layout.js';
export { silhouette, type Silhouette } from './silhouette.js';
export { chooseK, DEFAULT_MAX_K, type KChoice, type KCriterion } from './choose-k.js';
export { nameTiers, tierLetter, type Tier, type TierNaming } from './name-tiers.js';
export {
  kmeansRefine,
  KMEANS_MAX_ITERATIONS,
  type KmeansRefinement,
} from './kmeans-refine.js';
