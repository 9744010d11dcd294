import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Execution {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  /** Settles when the execution ends. */
  readonly done: Promise<void>;
}

/**
 * The part of the Step Functions API the handlers and the submit client
 * call (StartExecution, DescribeExecution, ListExecutions), served over HTTP
 * on loopback in the AWS JSON 1.0 protocol, so they run through the real
 * SDK client. Executions run on `run` (the local workflow). As on AWS, a
 * second StartExecution with a name already used fails with
 * ExecutionAlreadyExists.
 */
export class StepFunctionsServer {
  readonly executions = new Map<string, Execution>();
  private server?: Server;

  constructor(
    readonly stateMachineArn: string,
    private readonly run: (input: unknown) => Promise<unknown>,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.executions.values()].map((e) => e.done));
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    const action = String(req.headers['x-amz-target'] ?? '').replace('AWSStepFunctions.', '');
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(payload));
    };
    const fail = (type: string, message: string) => reply(400, { __type: type, message });

    if (action === 'StartExecution') {
      if (body.stateMachineArn !== this.stateMachineArn) {
        return fail('StateMachineDoesNotExist', `no state machine ${String(body.stateMachineArn)}`);
      }
      const name = String(body.name);
      const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
      if (this.executions.has(executionArn)) {
        return fail('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      this.start(executionArn, name, String(body.input ?? '{}'));
      return reply(200, { executionArn, startDate: Date.now() / 1000 });
    }
    if (action === 'DescribeExecution') {
      const e = this.executions.get(String(body.executionArn));
      if (e === undefined) return fail('ExecutionDoesNotExist', `no execution ${String(body.executionArn)}`);
      return reply(200, {
        executionArn: e.executionArn,
        stateMachineArn: this.stateMachineArn,
        name: e.name,
        status: e.status,
        input: e.input,
        startDate: e.startDate.getTime() / 1000,
        ...(e.stopDate ? { stopDate: e.stopDate.getTime() / 1000 } : {}),
        ...(e.output !== undefined ? { output: e.output } : {}),
        ...(e.error !== undefined ? { error: e.error, cause: e.cause } : {}),
      });
    }
    if (action === 'ListExecutions') {
      const executions = [...this.executions.values()]
        .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
        .map((e) => ({
          executionArn: e.executionArn,
          stateMachineArn: this.stateMachineArn,
          name: e.name,
          status: e.status,
          startDate: e.startDate.getTime() / 1000,
        }));
      return reply(200, { executions });
    }
    return fail('UnknownOperationException', `${action} is not served here`);
  }

  private start(executionArn: string, name: string, input: string): void {
    let settle!: () => void;
    const execution: Execution = {
      executionArn,
      name,
      input,
      startDate: new Date(),
      status: 'RUNNING',
      done: new Promise<void>((resolve) => (settle = resolve)),
    };
    this.executions.set(executionArn, execution);
    this.run(JSON.parse(input))
      .then((output) => {
        execution.status = 'SUCCEEDED';
        execution.output = JSON.stringify(output);
      })
      .catch((error: Error) => {
        execution.status = 'FAILED';
        // A Fail state's error and cause, as DescribeExecution reports them.
        const failed = (error.cause as Error | undefined) ?? error;
        execution.error = failed.name;
        execution.cause = failed.message;
      })
      .finally(() => {
        execution.stopDate = new Date();
        settle();
      });
  }
}
