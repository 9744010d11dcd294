import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Fail,
  type IChainable,
  type INextable,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  S3JsonItemReader,
  StateMachine,
  StateMachineType,
  Succeed,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { STEPS, type StepInfo } from '../pipeline/step-list.js';
import type { HandlerName } from './handlers.js';

/**
 * Errors that retrying cannot fix: the data or the model is not valid.
 * The step has written the validation report; the run fails at once.
 */
export const NOT_RETRIED_ERRORS = ['InvalidInputError', 'InvalidModelError'] as const;

/**
 * Errors retried with backoff: Lambda's own transient failures and any
 * other task failure (a throttled S3 or DynamoDB call, a timeout inside the
 * step). `States.TaskFailed` matches every task error except a timeout of the
 * state itself; the invalid-input retrier before it takes precedence.
 */
export const RETRIED_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'States.TaskFailed',
] as const;

/** 2 s, then 4 s, then 8 s (with full jitter): three retries in about 14 s. */
export const RETRY = { intervalSeconds: 2, backoffRate: 2, maxAttempts: 3 } as const;

export interface WorkflowProps {
  /** The Lambda function of a handler name (see handlers.ts). */
  readonly functionOf: (handler: HandlerName) => IFunction;
  /** Chunks of a fan-out step computed at the same time. */
  readonly maxConcurrency: number;
  readonly logGroup: ILogGroup;
}

/** The state names of a step, as they appear in the workflow. */
export function stepStateNames(step: StepInfo) {
  return {
    task: step.fanOut ? `${step.title}: plan` : step.title,
    choice: `${step.title}: any chunks?`,
    map: `${step.title}: chunks`,
    work: `${step.title}: one chunk`,
    merge: `${step.title}: merge`,
    failed: `${step.title} failed`,
  };
}

export const FAILURE_STATE = 'Record the failure';
export const FAIL_STATE = 'Run failed';
export const SUCCEED_STATE = 'Run finished';

/**
 * The Standard state machine of a run, built from STEPS: one Lambda task per
 * step in the list's order; a step that fans out becomes plan → (chunks?) →
 * Distributed Map over the chunk items in S3 → merge. Every task retries
 * transient errors with backoff and never retries invalid input; any failure
 * goes to a Pass state naming the step, then to the failure handler, then to
 * a Fail state. States pass `{ run, steps, error? }`: S3 keys, never data.
 */
export class Workflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    // The Fail state's cause is the failure handler's summary (the reason
    // and the error report link), so DescribeExecution shows it.
    const onFailure = this.task(FAILURE_STATE, props.functionOf('on-failure'), '$.failure');
    onFailure.next(new Fail(this, FAIL_STATE, { error: 'RunFailed', causePath: '$.failure.cause' }));

    const failedStates = new Map<string, Pass>();
    const caught = (step: StepInfo, state: TaskStateBase | DistributedMap): void => {
      let failed = failedStates.get(step.name);
      if (failed === undefined) {
        failed = new Pass(this, stepStateNames(step).failed, {
          parameters: { 'run.$': '$.run', 'error.$': '$.error', step: step.title },
        });
        failed.next(onFailure);
        failedStates.set(step.name, failed);
      }
      state.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });
    };

    let chain: { next(state: IChainable): unknown } | undefined;
    let start: IChainable | undefined;
    const append = (first: IChainable, last: INextable) => {
      if (chain === undefined) start = first;
      else chain.next(first);
      chain = last;
    };

    for (const step of STEPS) {
      const names = stepStateNames(step);
      if (!step.fanOut) {
        const task = this.task(names.task, props.functionOf(step.name), `$.steps.${step.name}`);
        caught(step, task);
        append(task, task);
        continue;
      }
      const plan = this.task(names.task, props.functionOf(`${step.name}-plan`), `$.steps.${step.name}`);
      caught(step, plan);
      const work = this.task(names.work, props.functionOf(`${step.name}-work`), JsonPath.DISCARD);
      const map = new DistributedMap(this, names.map, {
        itemReader: new S3JsonItemReader({
          bucketNamePath: JsonPath.stringAt(`$.steps.${step.name}.bucket`),
          key: JsonPath.stringAt(`$.steps.${step.name}.itemsKey`),
        }),
        maxConcurrency: props.maxConcurrency,
        mapExecutionType: StateMachineType.STANDARD,
        toleratedFailurePercentage: 0,
        resultPath: JsonPath.DISCARD,
      });
      // The map itself is not retried: that would recompute every chunk.
      // Each chunk's task retries on its own, and one failed chunk fails it.
      map.itemProcessor(work);
      caught(step, map);
      const merge = this.task(names.merge, props.functionOf(`${step.name}-merge`), `$.steps.${step.name}`);
      caught(step, merge);
      // Without chunks (the step was skipped, or finished by the plan) the
      // choice's default leads straight to the next step.
      const choice = new Choice(this, names.choice).when(
        Condition.numberGreaterThan(`$.steps.${step.name}.chunks`, 0),
        map.next(merge),
      );
      plan.next(choice);
      append(plan, choice.afterwards({ includeOtherwise: true }));
    }
    if (chain === undefined || start === undefined) throw new Error('STEPS is empty');
    chain.next(new Succeed(this, SUCCEED_STATE));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(start),
      tracingEnabled: true,
      timeout: Duration.hours(12),
      logs: { destination: props.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
  }

  /** A Lambda task whose input is the state and whose output lands at `resultPath`. */
  private task(name: string, fn: IFunction, resultPath: string): LambdaInvoke {
    const task = new LambdaInvoke(this, name, {
      lambdaFunction: fn,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
      resultPath,
    });
    this.retry(task);
    return task;
  }

  private retry(state: TaskStateBase): void {
    state.addRetry({ errors: [...NOT_RETRIED_ERRORS], maxAttempts: 0 });
    state.addRetry({
      errors: [...RETRIED_ERRORS],
      interval: Duration.seconds(RETRY.intervalSeconds),
      backoffRate: RETRY.backoffRate,
      maxAttempts: RETRY.maxAttempts,
      jitterStrategy: JitterType.FULL,
    });
  }
}
