import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { FunctionUrlAuthType } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke as ScheduleLambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { GSI1, TABLE_KEYS } from '../store/dynamo-results-store.js';
import { allHandlerNames, type HandlerName } from './handlers.js';
import { suppressFindings } from './nag-suppressions.js';
import { PipelineFunction } from './pipeline-function.js';
import type { Settings } from './settings.js';
import { Workflow } from './workflow.js';

/** Prefix of the data owners' files in the input bucket. */
export const INPUT_PREFIX = 'datasets/';
/** Prefix of run artifacts in the reports bucket (lib/pipeline/keys.ts). */
export const RUNS_PREFIX = 'runs/';

export interface SmartcityStackProps extends StackProps {
  readonly settings: Settings;
}

/**
 * The whole deployment: an upload to `datasets/<dataset>/` in the input
 * bucket, or the yearly schedule, starts a Step Functions run of the
 * pipeline; artifacts and the report go to the reports bucket under
 * `runs/<run id>/`, results to DynamoDB, notices to SNS, and readers open
 * the report through a signed, expiring link.
 */
export class SmartcityStack extends Stack {
  readonly inputBucket: Bucket;
  readonly reportsBucket: Bucket;
  readonly table: Table;
  readonly topic: Topic;
  readonly workflow: Workflow;
  readonly functions: ReadonlyMap<HandlerName, NodejsFunction>;

  constructor(scope: Construct, id: string, props: SmartcityStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const dataRemoval = settings.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Storage ---------------------------------------------------------------
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: dataRemoval,
    });
    this.inputBucket = new Bucket(this, 'InputBucket', {
      versioned: true,
      eventBridgeEnabled: true,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'input/',
      removalPolicy: dataRemoval,
    });
    this.reportsBucket = new Bucket(this, 'ReportsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
      removalPolicy: dataRemoval,
      ...(settings.artifactRetentionDays > 0
        ? {
            lifecycleRules: [
              { prefix: RUNS_PREFIX, expiration: Duration.days(settings.artifactRetentionDays) },
            ],
          }
        : {}),
    });
    this.table = new Table(this, 'Results', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: dataRemoval,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1,
      partitionKey: { name: TABLE_KEYS.gsi1PartitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.gsi1SortKey, type: AttributeType.STRING },
    });

    // Notices and link signing ---------------------------------------------
    const topicKey = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'smartcity-eval: encrypts run notices',
    });
    // CloudWatch alarms publish to the encrypted topic.
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'RunNotices', {
      displayName: 'smartcity-eval run notices',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (settings.alarmEmail !== undefined) {
      this.topic.addSubscription(new EmailSubscription(settings.alarmEmail));
    }
    // An HMAC key: report links are signed and checked by KMS, and its
    // material never leaves KMS (see functions/commons/report-link.ts).
    const linkKey = new Key(this, 'ReportLinkKey', {
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      description: 'smartcity-eval: signs report links',
      removalPolicy: dataRemoval,
    });

    // Functions -------------------------------------------------------------
    const logRetention = settings.logRetentionDays;
    const functions = new Map<HandlerName, NodejsFunction>();
    for (const name of allHandlerNames()) {
      const made = new PipelineFunction(this, pascal(name), {
        handler: name,
        logRetention,
        memorySize:
          name === 'start-run' || name === 'scheduled-run' || name === 'report-link'
            ? 256
            : settings.stepMemoryMb,
        environment: {
          INPUT_BUCKET: this.inputBucket.bucketName,
          REPORTS_BUCKET: this.reportsBucket.bucketName,
        },
      });
      functions.set(name, made.fn);
    }
    this.functions = functions;
    const fn = (name: HandlerName): NodejsFunction => {
      const found = functions.get(name);
      if (found === undefined) throw new Error(`no function for handler "${name}"`);
      return found;
    };

    const reportLink = fn('report-link');
    const linkUrl = reportLink.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    reportLink.addEnvironment('REPORT_LINK_KEY_ID', linkKey.keyArn);
    linkKey.grant(reportLink, 'kms:VerifyMac');
    this.allowObjects(reportLink, this.reportsBucket, ['s3:GetObject'], [
      `${RUNS_PREFIX}*/report.html`,
      `${RUNS_PREFIX}*/error.html`,
    ]);

    // Workflow --------------------------------------------------------------
    const workflowLogs = new LogGroup(this, 'WorkflowLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.workflow = new Workflow(this, 'Workflow', {
      functionOf: fn,
      maxConcurrency: settings.deaMaxConcurrency,
      logGroup: workflowLogs,
    });
    const stateMachine = this.workflow.stateMachine;
    // The Distributed Map reads its item list from the run's prefix only.
    stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.reportsBucket.arnForObjects(`${RUNS_PREFIX}*/map-items.json`)],
      }),
    );

    // Step functions: only the run prefix of the reports bucket; validation
    // alone reads the uploads; record and on-failure alone touch the table.
    for (const name of allHandlerNames()) {
      if (['start-run', 'scheduled-run', 'report-link'].includes(name)) continue;
      this.allowRuns(fn(name));
    }
    this.allowInputs(fn('validate'));
    for (const name of ['record', 'on-failure']) {
      const f = fn(name);
      this.allowTable(f, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem']);
      f.addEnvironment('TABLE_NAME', this.table.tableName);
      f.addEnvironment('TOPIC_ARN', this.topic.topicArn);
      f.addEnvironment('REPORT_LINK_URL', linkUrl.url);
      f.addEnvironment('REPORT_LINK_KEY_ID', linkKey.keyArn);
      f.addEnvironment('REPORT_LINK_DAYS', String(settings.reportLinkDays));
      linkKey.grant(f, 'kms:GenerateMac');
      this.topic.grantPublish(f);
    }

    // Starting runs ---------------------------------------------------------
    for (const name of ['start-run', 'scheduled-run']) {
      const f = fn(name);
      f.addEnvironment('TABLE_NAME', this.table.tableName);
      f.addEnvironment('STATE_MACHINE_ARN', stateMachine.stateMachineArn);
      this.allowInputs(f);
      this.allowTable(f, ['dynamodb:PutItem']);
      stateMachine.grantStartExecution(f);
    }
    new Rule(this, 'UploadStartsRun', {
      description: 'A new file under datasets/<dataset>/ starts a run of that dataset',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [this.inputBucket.bucketName] },
          object: { key: [{ prefix: INPUT_PREFIX }] },
        },
      },
      targets: [
        new LambdaFunction(fn('start-run'), {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });
    new Schedule(this, 'YearlyRun', {
      description: 'Re-evaluates every dataset once a year',
      schedule: ScheduleExpression.expression(
        settings.scheduleCron,
        TimeZone.of(settings.scheduleTimeZone),
      ),
      target: new ScheduleLambdaInvoke(fn('scheduled-run'), { retryAttempts: 3 }),
    });

    // If the failure handler itself fails, a run could stay RUNNING unseen.
    new Alarm(this, 'FailureHandlerErrors', {
      alarmDescription: 'The handler that records failed runs failed itself',
      metric: fn('on-failure').metricErrors({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(this.topic));

    new CfnOutput(this, 'InputBucketName', { value: this.inputBucket.bucketName });
    new CfnOutput(this, 'ReportsBucketName', { value: this.reportsBucket.bucketName });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
    new CfnOutput(this, 'ResultsTableName', { value: this.table.tableName });
    new CfnOutput(this, 'RunNoticesTopicArn', { value: this.topic.topicArn });
    new CfnOutput(this, 'ReportLinkUrl', { value: linkUrl.url });

    suppressFindings({
      stack: this,
      inputBucket: this.inputBucket,
      reportsBucket: this.reportsBucket,
      functions: [...functions.values()],
      publishers: [fn('record'), fn('on-failure')],
      workflow: this.workflow,
      scheduledRun: fn('scheduled-run'),
    });
  }

  private allowObjects(
    fn: NodejsFunction,
    bucket: Bucket,
    actions: string[],
    patterns: string[],
  ): void {
    fn.addToRolePolicy(
      new PolicyStatement({ actions, resources: patterns.map((p) => bucket.arnForObjects(p)) }),
    );
  }

  private allowList(fn: NodejsFunction, bucket: Bucket, prefix: string): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [prefix, `${prefix}*`] } },
      }),
    );
  }

  /** Read and write under `runs/` in the reports bucket. */
  private allowRuns(fn: NodejsFunction): void {
    this.allowObjects(fn, this.reportsBucket, ['s3:GetObject', 's3:PutObject'], [`${RUNS_PREFIX}*`]);
    this.allowList(fn, this.reportsBucket, RUNS_PREFIX);
  }

  /** Read (any version) and list under `datasets/` in the input bucket; never write. */
  private allowInputs(fn: NodejsFunction): void {
    this.allowObjects(fn, this.inputBucket, ['s3:GetObject', 's3:GetObjectVersion'], [`${INPUT_PREFIX}*`]);
    this.allowList(fn, this.inputBucket, INPUT_PREFIX);
  }

  /** Named item actions on the table; no function here queries it. */
  private allowTable(fn: NodejsFunction, actions: string[]): void {
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.table.tableArn] }));
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash, c: string) => c.toUpperCase());
}
