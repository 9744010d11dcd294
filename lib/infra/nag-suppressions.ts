import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag AwsSolutions findings that remain by design, each acknowledged on
 * the construct it concerns with the reason it is acceptable. Everything
 * else in the stack passes the rules as written.
 */
export interface NagScope {
  readonly stack: Stack;
  readonly inputBucket: IConstruct;
  readonly reportsBucket: IConstruct;
  /** Every handler's function (its L2 construct). */
  readonly functions: readonly IConstruct[];
  /** Functions that publish to the encrypted topic. */
  readonly publishers: readonly IConstruct[];
  readonly workflow: IConstruct;
  readonly scheduledRun: IConstruct;
}

export function suppressFindings(scope: NagScope): void {
  const { stack } = scope;
  const arn = (construct: IConstruct): string =>
    `<${stack.getLogicalId(construct.node.defaultChild as CfnElement)}.Arn>`;
  const ack = (construct: IConstruct, finding: string, reason: string): void =>
    Validations.of(construct).acknowledge({ id: `AwsSolutions-${finding}`, reason });

  // Prefix-scoped object permissions: the narrowest form S3 offers, since
  // object keys (run ids, uploaded file names) are not known at deploy time.
  const inputs = arn(scope.inputBucket);
  const runs = arn(scope.reportsBucket);
  const prefixReason =
    'Object permissions are limited to one key prefix: datasets/ (uploads, read only) ' +
    'or runs/ (run artifacts). Keys below it are created per upload and per run.';
  ack(stack, `IAM5[Resource::${inputs}/datasets/*]`, prefixReason);
  ack(stack, `IAM5[Resource::${runs}/runs/*]`, prefixReason);
  ack(stack, `IAM5[Resource::${runs}/runs/*/report.html]`, prefixReason);
  ack(stack, `IAM5[Resource::${runs}/runs/*/error.html]`, prefixReason);
  ack(stack, `IAM5[Resource::${runs}/runs/*/map-items.json]`, prefixReason);

  for (const fn of scope.publishers) {
    // On the PipelineFunction, which holds the function's role.
    ack(
      fn.node.scope ?? fn,
      'IAM5[Action::kms:GenerateDataKey*]',
      'Publishing to a topic encrypted with a customer managed key needs ' +
        'kms:GenerateDataKey* on that one key (granted by Topic.grantPublish).',
    );
  }

  // The workflow invokes each function, including its versions (ARN:*), and
  // a Distributed Map starts and manages child executions of itself.
  for (const fn of scope.functions) {
    ack(
      scope.workflow,
      `IAM5[Resource::${arn(fn)}:*]`,
      'Step Functions may invoke a qualified ARN (version or alias) of the same function; ' +
        'the wildcard covers qualifiers of this one function only.',
    );
  }
  ack(
    scope.workflow,
    'IAM5[Resource::*]',
    'X-Ray tracing of the state machine supports no resource-level permissions.',
  );
  const stateMachine = scope.workflow.node.findChild('StateMachine');
  const executions =
    'arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:' +
    `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${stack.getLogicalId(stateMachine.node.defaultChild as CfnElement)}"}]}]}`;
  const mapReason =
    'The Distributed Map policy (written by CDK) lets the state machine manage the ' +
    'child executions and map runs of its own executions only.';
  ack(scope.workflow, `IAM5[Resource::${executions}:*]`, mapReason);
  ack(scope.workflow, `IAM5[Resource::${executions}/*:*]`, mapReason);
  ack(
    stack,
    `IAM5[Resource::${arn(scope.scheduledRun)}:*]`,
    'The scheduler role may invoke qualifiers of the yearly-run function only.',
  );

  // The custom resource CDK adds for `eventBridgeEnabled` on the input bucket.
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
    ack(
      child,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK-provided handler that turns on EventBridge notifications for the input bucket ' +
        'once at deploy time; its role uses the basic execution policy for its logs.',
    );
  }
}
