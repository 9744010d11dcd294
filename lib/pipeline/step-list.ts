/**
 * The pipeline's steps in their fixed order. This list is the one source of
 * truth for both the local runner and the AWS state machine, and it holds
 * names only: the CDK code imports it without pulling in any numerical code.
 */
export const STEP_NAMES = [
  'validate',
  'normalize',
  'factor',
  'dea',
  'coupling',
  'cluster',
  'report',
  'record',
] as const;

export type StepName = (typeof STEP_NAMES)[number];

export interface StepInfo {
  readonly name: StepName;
  /** Plain words for progress messages and the workflow's state names. */
  readonly title: string;
  /**
   * A step that fans out splits its work into chunks: `plan` writes a chunk
   * manifest, one worker runs per chunk, `merge` joins their outputs. On AWS
   * the workers run in a Distributed Map; locally, on worker threads.
   */
  readonly fanOut: boolean;
}

export const STEPS: readonly StepInfo[] = [
  { name: 'validate', title: 'Validate input', fanOut: false },
  { name: 'normalize', title: 'Normalize and weight', fanOut: false },
  { name: 'factor', title: 'Factor analysis', fanOut: false },
  { name: 'dea', title: 'Efficiency (DEA)', fanOut: true },
  { name: 'coupling', title: 'Coupling coordination', fanOut: false },
  { name: 'cluster', title: 'Clustering and regression', fanOut: false },
  { name: 'report', title: 'Write report', fanOut: false },
  { name: 'record', title: 'Record results', fanOut: false },
];
