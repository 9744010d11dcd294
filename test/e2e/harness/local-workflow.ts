import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AslDefinition, AslState } from '../../infra/definition.js';

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 22 has
// and Node 20 lacks.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
const { StateMachine } = await import('aws-local-stepfunctions');

/** Runs a Task state's work: the resource's handler, called in-process. */
export type TaskRunner = (resource: string, input: unknown) => Promise<unknown>;

const EMULATED_MAP = 'arn:aws:lambda:us-east-1:000000000000:function:emulated-distributed-map';

/**
 * The synthesized state machine, run by aws-local-stepfunctions with every
 * Task's Lambda called in-process through `runTask`.
 *
 * aws-local-stepfunctions has no Distributed Map, so each Map state in
 * DISTRIBUTED mode is run here as Step Functions runs it: a Task state with
 * the Map's Retry, Catch, ResultPath and Next, whose work reads the item
 * list named by the ItemReader from S3 (through the real SDK), runs the
 * ItemProcessor as its own state machine per item, at most MaxConcurrency at
 * a time, and fails with States.ExceedToleratedFailureThreshold if any item
 * fails (the tolerated failure is 0 %). ItemSelector, ItemBatcher and
 * ResultWriter are not emulated; the definition uses none of them.
 */
export class LocalWorkflow {
  private readonly machine: InstanceType<typeof StateMachine>;
  private readonly handlers: Record<string, (input: unknown) => Promise<unknown>>;

  constructor(
    definition: AslDefinition,
    private readonly runTask: TaskRunner,
    private readonly s3: S3Client,
  ) {
    const { definition: local, handlers } = this.localize(definition);
    this.handlers = handlers;
    this.machine = new StateMachine(local as never, {
      validationOptions: { checkArn: false, checkPaths: false },
    });
  }

  /** Retry waits shortened to this many milliseconds, so retries run fast. */
  retryIntervalMs = 5;

  run(input: unknown): Promise<unknown> {
    return this.machine.run(input as never, { overrides: this.overrides(this.handlers) }).result;
  }

  private overrides(handlers: Record<string, (input: unknown) => Promise<unknown>>) {
    const retryIntervalOverrides = Object.fromEntries(
      Object.keys(handlers).map((name) => [name, this.retryIntervalMs]),
    );
    return { taskResourceLocalHandlers: handlers, retryIntervalOverrides } as never;
  }

  /** Replaces Distributed Maps with emulating Tasks; maps Task names to handlers. */
  private localize(definition: AslDefinition): {
    definition: AslDefinition;
    handlers: Record<string, (input: unknown) => Promise<unknown>>;
  } {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const states: Record<string, AslState> = {};
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type === 'Task') {
        const resource = String(state.Resource);
        handlers[name] = (input) => this.runTask(resource, input);
        states[name] = state;
      } else if (state.Type === 'Map' && state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED') {
        const { ItemProcessor, ItemReader, MaxConcurrency, ...rest } = state;
        if (ItemReader === undefined) throw new Error(`map ${name} has no ItemReader`);
        const { ProcessorConfig: _config, ...processor } = ItemProcessor;
        const child = this.localize(processor as AslDefinition);
        const childMachine = new StateMachine(child.definition as never, {
          validationOptions: { checkArn: false, checkPaths: false },
        });
        handlers[name] = (input) =>
          this.runDistributedMap(input, ItemReader, MaxConcurrency ?? 1000, (item) =>
            childMachine.run(item as never, { overrides: this.overrides(child.handlers) }).result,
          );
        states[name] = { ...rest, Type: 'Task', Resource: EMULATED_MAP };
      } else {
        states[name] = state;
      }
    }
    return { definition: { ...definition, States: states }, handlers };
  }

  private async runDistributedMap(
    input: unknown,
    reader: NonNullable<AslState['ItemReader']>,
    maxConcurrency: number,
    runItem: (item: unknown) => Promise<unknown>,
  ): Promise<unknown[]> {
    if (!reader.Resource.endsWith(':s3:getObject') || reader.ReaderConfig?.InputType !== 'JSON') {
      throw new Error(`ItemReader ${reader.Resource} (${reader.ReaderConfig?.InputType}) is not emulated`);
    }
    const bucket = parameter(reader.Parameters, 'Bucket', input);
    const key = parameter(reader.Parameters, 'Key', input);
    const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const items = JSON.parse(await object.Body!.transformToString()) as unknown[];
    if (!Array.isArray(items)) throw new Error(`s3://${bucket}/${key} is not a JSON array`);

    const results: unknown[] = new Array(items.length);
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        try {
          results[index] = await runItem(items[index]);
        } catch (error) {
          failures.push(`item ${index}: ${(error as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxConcurrency, items.length) }, worker));
    if (failures.length > 0) {
      const error = new Error(`${failures.length} of ${items.length} items failed: ${failures.join('; ')}`);
      error.name = 'States.ExceedToleratedFailureThreshold';
      throw error;
    }
    return results;
  }
}

/** A reader parameter, given literally or as a `.$` path into the input. */
function parameter(params: Readonly<Record<string, string>> | undefined, name: string, input: unknown): string {
  const literal = params?.[name];
  if (literal !== undefined) return literal;
  const path = params?.[`${name}.$`];
  if (path === undefined || !path.startsWith('$.')) throw new Error(`ItemReader has no ${name}`);
  let value: unknown = input;
  for (const part of path.slice(2).split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`ItemReader ${name} path ${path} gives ${JSON.stringify(value)}`);
  return value;
}
