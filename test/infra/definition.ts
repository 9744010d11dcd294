import type { Template } from 'aws-cdk-lib/assertions';

/** An intrinsic the definition may contain, and what it stands for. */
export type Intrinsic =
  | { readonly kind: 'ref'; readonly logicalId: string }
  | { readonly kind: 'getAtt'; readonly logicalId: string; readonly attribute: string };

/**
 * The state machine's definition from a synthesized template, with the
 * CloudFormation intrinsics in DefinitionString (Fn::Join of literal text,
 * Ref and Fn::GetAtt) replaced by what `resolve` returns for them. Any other
 * intrinsic is an error: the definition must not depend on one silently.
 */
export function stateMachineDefinition(
  template: Template,
  resolve: (intrinsic: Intrinsic) => string,
): AslDefinition {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  if (machines.length !== 1) throw new Error(`expected one state machine, found ${machines.length}`);
  const text = resolveString(machines[0].Properties.DefinitionString, resolve);
  return JSON.parse(text) as AslDefinition;
}

function resolveString(node: unknown, resolve: (intrinsic: Intrinsic) => string): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if ('Fn::Join' in record) {
      const [separator, parts] = record['Fn::Join'] as [string, unknown[]];
      return parts.map((p) => resolveString(p, resolve)).join(separator);
    }
    if ('Ref' in record) return resolve({ kind: 'ref', logicalId: String(record.Ref) });
    if ('Fn::GetAtt' in record) {
      const [logicalId, attribute] = record['Fn::GetAtt'] as [string, string];
      return resolve({ kind: 'getAtt', logicalId, attribute });
    }
  }
  throw new Error(`unsupported intrinsic in the definition: ${JSON.stringify(node)}`);
}

/** The parts of Amazon States Language these tests read. */
export interface AslState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Resource?: string;
  readonly ResultPath?: string | null;
  readonly Choices?: readonly { readonly Next: string; readonly [k: string]: unknown }[];
  readonly Retry?: readonly {
    readonly ErrorEquals: readonly string[];
    readonly MaxAttempts?: number;
    readonly IntervalSeconds?: number;
    readonly BackoffRate?: number;
  }[];
  readonly Catch?: readonly { readonly ErrorEquals: readonly string[]; readonly Next: string }[];
  readonly ItemProcessor?: AslDefinition & {
    readonly ProcessorConfig?: { readonly Mode?: string; readonly ExecutionType?: string };
  };
  readonly ItemReader?: {
    readonly Resource: string;
    readonly ReaderConfig?: { readonly InputType?: string };
    readonly Parameters?: Readonly<Record<string, string>>;
  };
  readonly MaxConcurrency?: number;
  readonly [key: string]: unknown;
}

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
  readonly [key: string]: unknown;
}

/**
 * The states on the success path, in the order they run: from StartAt along
 * Next, taking a Choice's first rule (the branch that does work) and
 * entering a Map's item processor before the Map's own Next.
 */
export function successPath(definition: AslDefinition): string[] {
  const order: string[] = [];
  let name: string | undefined = definition.StartAt;
  const seen = new Set<string>();
  while (name !== undefined) {
    if (seen.has(name)) throw new Error(`the success path loops at "${name}"`);
    seen.add(name);
    order.push(name);
    const state: AslState | undefined = definition.States[name];
    if (state === undefined) throw new Error(`no state "${name}"`);
    if (state.ItemProcessor) order.push(...successPath(state.ItemProcessor));
    name = state.Type === 'Choice' ? state.Choices?.[0]?.Next : state.Next;
  }
  return order;
}
