import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { BUNDLE } from './bundling.js';
import { type HandlerName, handlerEntry, PROJECT_ROOT } from './handlers.js';

export interface PipelineFunctionProps {
  readonly handler: HandlerName;
  /** Days the function's log group keeps logs. */
  readonly logRetention: RetentionDays;
  /** @default 1024 */
  readonly memorySize?: number;
  /** @default 15 minutes, the Lambda maximum: steps on large panels are long. */
  readonly timeout?: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  /** @default RemovalPolicy.DESTROY for the log group */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * One handler as a Lambda function, set up the same way everywhere: Node.js
 * 22 on arm64, ESM bundle made by the local esbuild, active X-Ray tracing,
 * its own log group with a retention, and Powertools configured through the
 * environment (service name = handler name, JSON logs, metrics namespace).
 */
export class PipelineFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PipelineFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });
    // An own role instead of AWSLambdaBasicExecutionRole, which may write to
    // every log group of the account: this one writes only its own.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `smartcity-eval ${props.handler} function`,
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.fn = new NodejsFunction(this, 'Function', {
      role,
      entry: handlerEntry(props.handler),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.minutes(15),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      description: `smartcity-eval ${props.handler}`,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: `smartcity-eval-${props.handler}`,
        POWERTOOLS_METRICS_NAMESPACE: 'SmartcityEval',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE.target,
        minify: BUNDLE.minify,
        sourceMap: BUNDLE.sourcemap,
        mainFields: [...BUNDLE.mainFields],
        banner: BUNDLE.banner,
        externalModules: [...BUNDLE.external],
        esbuildArgs: { '--sources-content': String(BUNDLE.sourcesContent) },
      },
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no ' +
        'resource-level permissions; AWS documents Resource "*" for these actions.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is a supported Lambda runtime and the version the bundles are built ' +
        'and tested for (they also run on the Node 20 used in tests); moving to a newer ' +
        'runtime is a one-line change here once the tests run on it.',
    });
  }
}
