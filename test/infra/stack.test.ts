import type { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/commons/config.js';
import { stepHandlerNames } from '../../lib/infra/handlers.js';
import { readSettings } from '../../lib/infra/settings.js';
import type { SmartcityStack } from '../../lib/infra/smartcity-stack.js';
import { NOT_RETRIED_ERRORS, RETRY, stepStateNames } from '../../lib/infra/workflow.js';
import { STEPS } from '../../lib/pipeline/step-list.js';
import { type AslDefinition, stateMachineDefinition, successPath } from './definition.js';
import { synthStack } from './synth.js';

// One synth with cdk-nag serves every test of the default settings (~10 s).
let stack: SmartcityStack;
let template: Template;
let definition: AslDefinition;
/** Logical id of a function → its handler name. */
let handlerOf: Map<string, string>;

beforeAll(() => {
  ({ stack, template } = synthStack());
  handlerOf = new Map(
    [...stack.functions].map(([name, fn]) => [
      stack.getLogicalId(fn.node.defaultChild as CfnElement),
      name,
    ]),
  );
  definition = stateMachineDefinition(template, (i) =>
    i.kind === 'getAtt' && handlerOf.has(i.logicalId) ? `handler:${handlerOf.get(i.logicalId)}` : `${i.kind}:${i.logicalId}`,
  );
}, 60_000);

/** Statements of the inline policy of one handler's role. */
function statementsOf(handler: string): { Action: string | string[]; Resource: unknown; Condition?: unknown }[] {
  const fn = stack.functions.get(handler);
  if (fn === undefined) throw new Error(`no handler ${handler}`);
  const roleId = stack.getLogicalId(fn.role?.node.defaultChild as CfnElement);
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleId }] },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
}

const actionsOf = (handler: string): string[] =>
  statementsOf(handler).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

const mentions = (handler: string, logicalId: string): boolean =>
  JSON.stringify(statementsOf(handler)).includes(`"${logicalId}"`);

describe('SmartcityStack resources', () => {
  it('synthesizes with every cdk-nag AwsSolutions finding fixed or acknowledged', () => {
    // synthStack throws on an unacknowledged finding; reaching here is the check.
    expect(Object.keys(template.toJSON().Resources).length).toBeGreaterThan(40);
  });

  it('input bucket: versioned, EventBridge on, public access blocked, encrypted, TLS only', () => {
    const id = stack.getLogicalId(stack.inputBucket.node.defaultChild as CfnElement);
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
          ],
        },
      }),
    });
    expect(template.toJSON().Resources[id].Properties.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: id },
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('reports bucket: private, encrypted, TLS only, never a website', () => {
    const id = stack.getLogicalId(stack.reportsBucket.node.defaultChild as CfnElement);
    const bucket = template.toJSON().Resources[id].Properties;
    expect(bucket.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
    expect(bucket.BucketEncryption).toBeDefined();
    expect(bucket.WebsiteConfiguration).toBeUndefined();
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('results table: on demand, point-in-time recovery, keys and index of the access patterns', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('functions: nodejs22.x on arm64, traced, ESM bundles, one per handler', () => {
    const fns = Object.values(
      template.findResources('AWS::Lambda::Function', {
        Properties: { Description: Match.stringLikeRegexp('^smartcity-eval ') },
      }),
    );
    expect(fns).toHaveLength(stack.functions.size);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
      });
    }
  });

  it('an S3 "Object Created" rule under datasets/ invokes start-run', () => {
    const startRun = [...handlerOf].find(([, name]) => name === 'start-run')?.[0];
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { object: { key: [{ prefix: 'datasets/' }] } },
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [startRun, 'Arn'] } })],
    });
  });

  it('notices: an encrypted SNS topic that record and on-failure may publish to', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expect(actionsOf('record')).toContain('sns:Publish');
    expect(actionsOf('on-failure')).toContain('sns:Publish');
    expect(actionsOf('normalize')).not.toContain('sns:Publish');
  });
});

describe('SmartcityStack workflow', () => {
  it('runs one task per step in the order of STEPS, the fan-out step as plan, chunk, merge', () => {
    const tasks = successPath(definition)
      .map((name) => definition.States[name] ?? findInMaps(definition, name))
      .filter((s) => s.Type === 'Task')
      .map((s) => String(s.Resource).replace('handler:', ''));
    expect(tasks).toEqual(STEPS.flatMap(stepHandlerNames));
    expect(tasks[0]).toBe('validate');
    expect(tasks.at(-1)).toBe('record');
  });

  it('fans DEA out with a Distributed Map over the item list in S3', () => {
    const dea = STEPS.find((s) => s.fanOut);
    expect(dea?.name).toBe('dea');
    const names = stepStateNames(dea!);
    const map = definition.States[names.map];
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor?.ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' });
    expect(map.ItemReader?.Resource).toMatch(/:states:::s3:getObject$/);
    expect(map.ItemReader?.ReaderConfig?.InputType).toBe('JSON');
    expect(map.ItemReader?.Parameters).toEqual({
      'Bucket.$': '$.steps.dea.bucket',
      'Key.$': '$.steps.dea.itemsKey',
    });
    expect(map.MaxConcurrency).toBe(readSettings(stack.node).deaMaxConcurrency);
    expect(map.ResultPath).toBeNull();
    // Zero chunks skips the map and goes straight on.
    const choice = definition.States[names.choice];
    expect(choice.Choices?.[0]?.Next).toBe(names.map);
    expect(choice.Default).toBe(STEPS[STEPS.indexOf(dea!) + 1]?.title);
  });

  it('never retries invalid input, retries other task errors with backoff, catches everything', () => {
    const tasks = allStates(definition).filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBe(STEPS.flatMap(stepHandlerNames).length + 1);
    for (const [name, state] of tasks) {
      const [first, second] = state.Retry ?? [];
      expect(first?.ErrorEquals, name).toEqual([...NOT_RETRIED_ERRORS]);
      expect(first?.MaxAttempts, name).toBe(0);
      expect(second?.ErrorEquals, name).toContain('States.TaskFailed');
      expect(second?.MaxAttempts, name).toBe(RETRY.maxAttempts);
      expect(second?.BackoffRate, name).toBe(RETRY.backoffRate);
    }
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task' && state.Type !== 'Map') continue;
      if (name === 'Record the failure') continue;
      expect(state.Catch?.[0]?.ErrorEquals, name).toEqual(['States.ALL']);
      const failed = definition.States[state.Catch![0].Next];
      expect(failed.Type).toBe('Pass');
      expect(failed.Next).toBe('Record the failure');
    }
    expect(definition.States['Record the failure'].Next).toBe('Run failed');
    expect(definition.States['Run failed'].Type).toBe('Fail');
  });

  it('is a Standard state machine with tracing and full logging', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });
});

describe('SmartcityStack IAM scoping', () => {
  const inputId = () => stack.getLogicalId(stack.inputBucket.node.defaultChild as CfnElement);
  const tableId = () => stack.getLogicalId(stack.table.node.defaultChild as CfnElement);

  it('grants no service-wide wildcard actions', () => {
    for (const name of stack.functions.keys()) {
      for (const action of actionsOf(name)) {
        expect(action, `${name}: ${action}`).not.toMatch(/^[a-z0-9]+:\*$/);
      }
    }
  });

  it('lets only validate, start-run and scheduled-run read uploads, and nobody write them', () => {
    for (const name of stack.functions.keys()) {
      const reads = mentions(name, inputId());
      expect(reads, name).toBe(['validate', 'start-run', 'scheduled-run'].includes(name));
      const inputStatements = statementsOf(name).filter((s) =>
        JSON.stringify(s.Resource).includes(inputId()),
      );
      for (const s of inputStatements) {
        const actions = Array.isArray(s.Action) ? s.Action : [s.Action];
        expect(actions.every((a) => /^s3:(Get|List)/.test(a)), name).toBe(true);
        expect(JSON.stringify(s.Resource)).not.toMatch(/"\/\*"|Arn"\]\},"\/\*"/);
      }
    }
  });

  it('scopes object access to the run prefix, and report links to the two report files', () => {
    for (const name of stack.functions.keys()) {
      for (const s of statementsOf(name)) {
        const text = JSON.stringify(s.Resource);
        if (!text.includes('ReportsBucket')) continue;
        if (text.includes('/runs/')) continue;
        // The bucket itself: listing only, and only under runs/.
        expect(s.Action, name).toBe('s3:ListBucket');
        expect(s.Condition, name).toEqual({ StringLike: { 's3:prefix': ['runs/', 'runs/*'] } });
      }
    }
    const link = JSON.stringify(statementsOf('report-link'));
    expect(link).toContain('/runs/*/report.html');
    expect(link).toContain('/runs/*/error.html');
    expect(actionsOf('report-link')).not.toContain('s3:PutObject');
  });

  it('lets only record, on-failure and the run starters use the table, each with named actions', () => {
    for (const name of stack.functions.keys()) {
      const uses = mentions(name, tableId());
      expect(uses, name).toBe(['record', 'on-failure', 'start-run', 'scheduled-run'].includes(name));
    }
    expect(actionsOf('start-run').filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
    expect(actionsOf('record')).toContain('dynamodb:BatchWriteItem');
    for (const name of stack.functions.keys()) {
      expect(actionsOf(name).filter((a) => /^dynamodb:(Query|Scan|Delete)/.test(a)), name).toEqual([]);
    }
  });

  it('lets only the run starters start executions', () => {
    for (const name of stack.functions.keys()) {
      expect(actionsOf(name).includes('states:StartExecution'), name).toBe(
        ['start-run', 'scheduled-run'].includes(name),
      );
    }
  });

  it('signs links only in record and on-failure, and verifies them only in report-link', () => {
    for (const name of stack.functions.keys()) {
      expect(actionsOf(name).includes('kms:GenerateMac'), name).toBe(['record', 'on-failure'].includes(name));
      expect(actionsOf(name).includes('kms:VerifyMac'), name).toBe(name === 'report-link');
    }
  });
});

describe('SmartcityStack function environment', () => {
  /** Variable names the template sets on one handler's function. */
  const envOf = (handler: string): string[] => {
    const fn = stack.functions.get(handler)!;
    const id = stack.getLogicalId(fn.node.defaultChild as CfnElement);
    return Object.keys(template.toJSON().Resources[id].Properties.Environment.Variables).sort();
  };

  it('gives each handler the variables its code requires (functions/commons/config.ts)', () => {
    const buckets = [ENV.inputBucket, ENV.reportsBucket];
    const links = [ENV.tableName, ENV.topicArn, ENV.linkBaseUrl, ENV.linkKeyId, ENV.linkDays];
    const required: Record<string, readonly string[]> = {
      'start-run': [ENV.inputBucket, ENV.tableName, ENV.stateMachineArn],
      'scheduled-run': [ENV.inputBucket, ENV.tableName, ENV.stateMachineArn],
      record: [...buckets, ...links],
      'on-failure': [...buckets, ...links],
      'report-link': [ENV.reportsBucket, ENV.linkKeyId],
    };
    for (const name of stack.functions.keys()) {
      const env = envOf(name);
      for (const variable of required[name] ?? buckets) expect(env, `${name}: ${variable}`).toContain(variable);
      expect(env, name).not.toContain(ENV.linkSecret);
      expect(env, name).toContain('POWERTOOLS_SERVICE_NAME');
    }
  });
});

describe('SmartcityStack settings', () => {
  it('schedules the yearly run from the cron and time zone in context', () => {
    const other = synthStack({
      'smartcity:scheduleCron': 'cron(30 4 15 1 ? *)',
      'smartcity:scheduleTimeZone': 'Asia/Shanghai',
    });
    other.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 4 15 1 ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 1 3 ? *)',
      ScheduleExpressionTimezone: 'UTC',
    });
  }, 60_000);

  it('readSettings(node) names the context key of a bad value', () => {
    expect(() => synthStack({ 'smartcity:scheduleTimeZone': 'Mars/Olympus' })).toThrow(
      /smartcity:scheduleTimeZone.*IANA time zone/,
    );
    expect(() => synthStack({ 'smartcity:scheduleCron': '0 2 1 3 *' })).toThrow(/smartcity:scheduleCron/);
    expect(() => synthStack({ 'smartcity:logRetentionDays': 42 })).toThrow(/smartcity:logRetentionDays/);
    expect(() => synthStack({ 'smartcity:stepMemoryMb': 20_000 })).toThrow(/smartcity:stepMemoryMb/);
  });

  it('gives step functions the configured memory and the service functions 256 MB', () => {
    const memory = new Map<string, number>();
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      const name = handlerOf.get(id);
      if (name !== undefined) memory.set(name, fn.Properties.MemorySize as number);
    }
    const stepMemory = readSettings(stack.node).stepMemoryMb;
    expect(stepMemory).toBe(3008);
    for (const name of STEPS.flatMap(stepHandlerNames)) expect(memory.get(name), name).toBe(stepMemory);
    for (const name of ['start-run', 'scheduled-run', 'report-link']) expect(memory.get(name), name).toBe(256);
  });

  it('cdk.json turns on ResultWriterV2 of Distributed Map and sets the app', () => {
    const cdk = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
    expect(cdk.context['@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2']).toBe(true);
    expect(cdk.app).toBe('npx tsx bin/app.ts');
  });
});

function allStates(def: AslDefinition): [string, AslDefinition['States'][string]][] {
  return Object.entries(def.States).flatMap(([name, state]) => [
    [name, state] as [string, AslDefinition['States'][string]],
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
  ]);
}

function findInMaps(def: AslDefinition, name: string): AslDefinition['States'][string] {
  const found = allStates(def).find(([n]) => n === name);
  if (found === undefined) throw new Error(`no state ${name}`);
  return found[1];
}
