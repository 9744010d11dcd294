import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { CfnElement } from 'aws-cdk-lib';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allHandlerNames } from '../../../lib/infra/handlers.js';
import { stateMachineDefinition } from '../../infra/definition.js';
import { synthStack } from '../../infra/synth.js';
import { asLambdaError, type Handler, lambdaContext } from './lambda.js';
import { LocalWorkflow } from './local-workflow.js';
import { type LocalServer, startDynamoServer, startS3Server } from './servers.js';
import { StepFunctionsServer } from './sfn-server.js';


const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
export const INPUT_BUCKET = 'smartcity-input';
export const REPORTS_BUCKET = 'smartcity-reports';
export const TABLE_NAME = 'smartcity-results';
export const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:smartcity-eval`;

/**
 * The deployed stack, rebuilt on this machine: the state machine definition
 * synthesized from the CDK app (intrinsics resolved here), its Lambda
 * handlers imported from source and called in-process, S3 served by s3rver
 * and DynamoDB by dynalite on loopback (random ports), the Step Functions
 * API by StepFunctionsServer, and the report-link function URL by a small
 * HTTP server. Everything is reached through the real AWS SDK v3.
 */
export class LocalAws {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly sfn: SFNClient;
  /** Invocations per handler name. */
  readonly invocations = new Map<string, number>();
  /**
   * Handlers whose next invocations fail as a Lambda service error would:
   * handler name → how many of its next invocations fail.
   */
  readonly failNextInvocations = new Map<string, number>();
  readonly sfnServer: StepFunctionsServer;
  linkUrl = '';
  /** Every S3 "Object Created" event delivered to start-run, in order. */
  readonly events: { readonly event: unknown; readonly result: Promise<unknown> }[] = [];
  private eventRule?: { readonly prefix: string; readonly handler: string };

  private constructor(
    private readonly s3Server: LocalServer,
    private readonly dynamoServer: LocalServer,
    private readonly linkServer: Server,
    private readonly handlers: ReadonlyMap<string, Handler>,
    endpoints: { s3: string; dynamo: string },
    sfnServer: StepFunctionsServer,
  ) {
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    this.s3 = new S3Client({
      region: REGION,
      endpoint: endpoints.s3,
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    this.dynamo = new DynamoDBClient({ region: REGION, endpoint: endpoints.dynamo, credentials });
    this.sfnServer = sfnServer;
    this.sfn = new SFNClient({ region: REGION, endpoint: process.env.AWS_ENDPOINT_URL_SFN, credentials });
  }

  static async start(): Promise<LocalAws> {
    const { stack, template } = synthStack();
    const s3Server = await startS3Server();
    const dynamoServer = await startDynamoServer();
    const endpoints = { s3: s3Server.endpoint, dynamo: dynamoServer.endpoint };

    // The environment the stack gives the functions, pointed at loopback.
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamo,
      S3_FORCE_PATH_STYLE: 'true',
      INPUT_BUCKET,
      REPORTS_BUCKET,
      TABLE_NAME,
      STATE_MACHINE_ARN,
      REPORT_LINK_SECRET: 'local signing secret for the end-to-end test',
      REPORT_LINK_DAYS: '30',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });

    // Handlers import their clients lazily, after the environment is set.
    const handlers = new Map<string, Handler>();
    for (const name of allHandlerNames()) {
      const module = (await import(`../../../functions/${name}.ts`)) as { handler: Handler };
      handlers.set(name, module.handler);
    }

    // The definition as synthesized, each function ARN resolved to its handler.
    const handlerOfLogicalId = new Map(
      [...stack.functions].map(([name, fn]) => [stack.getLogicalId(fn.node.defaultChild as CfnElement), name]),
    );
    const definition = stateMachineDefinition(template, (i) => {
      if (i.kind === 'ref' && i.logicalId === 'AWS::Partition') return 'aws';
      const handler = handlerOfLogicalId.get(i.logicalId);
      if (i.kind === 'getAtt' && i.attribute === 'Arn' && handler !== undefined) {
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${handler}`;
      }
      throw new Error(`the definition refers to ${i.logicalId}, which is not emulated`);
    });

    let env!: LocalAws;
    const workflow = new LocalWorkflow(
      definition,
      (resource, input) => env.invoke(resource.slice(resource.lastIndexOf(':') + 1), input),
      new S3Client({
        region: REGION,
        endpoint: endpoints.s3,
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
      }),
    );
    const sfnServer = new StepFunctionsServer(STATE_MACHINE_ARN, (input) => workflow.run(input));
    process.env.AWS_ENDPOINT_URL_SFN = await sfnServer.listen();

    const linkServer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      env
        .invoke('report-link', {
          version: '2.0',
          rawPath: url.pathname,
          rawQueryString: url.search.slice(1),
          queryStringParameters: Object.fromEntries(url.searchParams),
          headers: req.headers,
          requestContext: { http: { method: req.method, path: url.pathname } },
        })
        .then((result) => {
          const r = result as { statusCode: number; headers?: Record<string, string>; body?: string };
          res.writeHead(r.statusCode, r.headers);
          res.end(r.body ?? '');
        })
        .catch((error: Error) => {
          res.writeHead(502);
          res.end(error.message);
        });
    });
    await new Promise<void>((resolve) => linkServer.listen(0, '127.0.0.1', resolve));
    const linkUrl = `http://127.0.0.1:${(linkServer.address() as AddressInfo).port}/`;
    process.env.REPORT_LINK_URL = linkUrl;

    env = new LocalAws(s3Server, dynamoServer, linkServer, handlers, endpoints, sfnServer);
    env.linkUrl = linkUrl;
    await env.createResources(template.toJSON().Resources);
    env.eventRule = uploadRule(template.toJSON().Resources, handlerOfLogicalId);
    env.deliverUploadEvents();
    return env;
  }

  /**
   * S3 → EventBridge → rule → start-run, as the stack wires it: after each
   * successful PutObject into the input bucket through `this.s3` whose key
   * matches the rule's prefix, an "Object Created" event goes to the rule's
   * target, asynchronously, like EventBridge.
   */
  private deliverUploadEvents(): void {
    this.s3.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const input = args.input as { Bucket?: string; Key?: string; Body?: unknown };
        const rule = this.eventRule;
        if (
          context.commandName === 'PutObjectCommand' &&
          input.Bucket === INPUT_BUCKET &&
          rule !== undefined &&
          input.Key?.startsWith(rule.prefix)
        ) {
          const output = result.output as { ETag?: string; VersionId?: string };
          this.deliver(objectCreatedEvent(input.Key, output.ETag, output.VersionId));
        }
        return result;
      },
      { step: 'initialize', name: 'deliverObjectCreatedEvent' },
    );
  }

  /** Delivers an event (again, for a duplicate) to the upload rule's target. */
  deliver(event: unknown): Promise<unknown> {
    const result = this.invoke(this.eventRule?.handler ?? 'start-run', event);
    result.catch(() => undefined);
    this.events.push({ event, result });
    return result;
  }

  /** Waits for every delivered event's handler to finish. */
  async settleEvents(): Promise<void> {
    await Promise.allSettled(this.events.map((e) => e.result));
  }

  /**
   * Calls a handler as Lambda would, counting the call. Invocations run one
   * at a time: in this one process all handlers share their module state
   * (the logger and its per-invocation keys above all), which separate
   * Lambda execution environments never share. Nothing a handler awaits
   * waits for another invocation, so this cannot deadlock; it makes the
   * Distributed Map's chunks run one after another here.
   */
  invoke(name: string, event: unknown): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (handler === undefined) return Promise.reject(new Error(`no handler ${name}`));
    const call = this.turn.then(async () => {
      this.invocations.set(name, (this.invocations.get(name) ?? 0) + 1);
      const failures = this.failNextInvocations.get(name) ?? 0;
      if (failures > 0) {
        this.failNextInvocations.set(name, failures - 1);
        const error = new Error(`${name}: Lambda was unable to run the function (injected)`);
        error.name = 'Lambda.ServiceException';
        throw error;
      }
      try {
        return await handler(structuredClone(event), lambdaContext(name));
      } catch (error) {
        throw asLambdaError(error);
      }
    });
    this.turn = call.catch(() => undefined);
    return call;
  }

  private turn: Promise<unknown> = Promise.resolve();

  /** Buckets, and the table with the key schema the stack declares. */
  private async createResources(resources: Record<string, { Type: string; Properties: Record<string, unknown> }>) {
    await this.s3.send(new CreateBucketCommand({ Bucket: INPUT_BUCKET }));
    await this.s3.send(new CreateBucketCommand({ Bucket: REPORTS_BUCKET }));
    const tables = Object.values(resources).filter((r) => r.Type === 'AWS::DynamoDB::Table');
    if (tables.length !== 1) throw new Error(`expected one table, found ${tables.length}`);
    const t = tables[0].Properties as Record<string, never>;
    await this.dynamo.send(
      new CreateTableCommand({
        TableName: TABLE_NAME,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: t.KeySchema,
        AttributeDefinitions: t.AttributeDefinitions,
        GlobalSecondaryIndexes: t.GlobalSecondaryIndexes,
      }),
    );
  }

  async close(): Promise<void> {
    await this.sfnServer.close();
    await new Promise((resolve) => this.linkServer.close(resolve));
    await this.s3Server.close();
    await this.dynamoServer.close();
  }
}

/** The key prefix and target handler of the stack's upload rule. */
function uploadRule(
  resources: Record<string, { Type: string; Properties: Record<string, unknown> }>,
  handlerOfLogicalId: ReadonlyMap<string, string>,
): { prefix: string; handler: string } {
  const rules = Object.values(resources).filter(
    (r) =>
      r.Type === 'AWS::Events::Rule' &&
      JSON.stringify(r.Properties.EventPattern ?? {}).includes('Object Created'),
  );
  if (rules.length !== 1) throw new Error(`expected one upload rule, found ${rules.length}`);
  const props = rules[0].Properties as {
    EventPattern: { detail: { object: { key: { prefix: string }[] } } };
    Targets: { Arn: { 'Fn::GetAtt': [string, string] } }[];
  };
  const handler = handlerOfLogicalId.get(props.Targets[0].Arn['Fn::GetAtt'][0]);
  if (handler === undefined) throw new Error('the upload rule targets no known function');
  return { prefix: props.EventPattern.detail.object.key[0].prefix, handler };
}

/** An S3 "Object Created" event as EventBridge delivers it (the key as it is). */
export function objectCreatedEvent(key: string, etag?: string, versionId?: string): unknown {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: ACCOUNT,
    time: new Date().toISOString(),
    region: REGION,
    resources: [`arn:aws:s3:::${INPUT_BUCKET}`],
    detail: {
      version: '0',
      bucket: { name: INPUT_BUCKET },
      object: {
        key,
        ...(etag !== undefined ? { etag: etag.replaceAll('"', '') } : {}),
        ...(versionId !== undefined ? { 'version-id': versionId } : {}),
      },
      'request-id': randomUUID(),
      requester: ACCOUNT,
      reason: 'PutObject',
    },
  };
}
