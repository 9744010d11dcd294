import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** What the Lambda runtime passes a handler as its second argument. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 900_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The error Step Functions sees when a Lambda function throws: its name is
 * the error type, and its cause is the JSON the runtime writes
 * ({ errorType, errorMessage, trace }).
 */
export function asLambdaError(error: unknown): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const failed = new Error(
    JSON.stringify({
      errorType: original.name,
      errorMessage: original.message,
      trace: (original.stack ?? '').split('\n'),
    }),
  );
  failed.name = original.name;
  return failed;
}
