import { PublishCommand } from '@aws-sdk/client-sns';
import { snsClient } from './clients.js';
import { ENV, optionalEnv } from './config.js';
import { logger } from './powertools.js';

export interface RunNotice {
  readonly runId: string;
  readonly dataset: string;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly link: string;
  readonly reason?: string;
}

/**
 * Announces a finished or failed run on the SNS topic. The subject is short
 * (SNS allows 100 characters); the message carries the link and, for a
 * failure, the reason. The `status` message attribute lets subscribers filter.
 * Without a topic (local runs) the notice is only logged.
 */
export async function announce(notice: RunNotice): Promise<void> {
  const topicArn = optionalEnv(ENV.topicArn);
  const verb = notice.status === 'SUCCEEDED' ? 'finished' : 'failed';
  const subject = `smartcity-eval: run of ${notice.dataset} ${verb}`.slice(0, 100);
  const lines = [
    `The evaluation of dataset "${notice.dataset}" ${verb}.`,
    `Run: ${notice.runId}`,
    ...(notice.reason !== undefined ? [`Reason: ${notice.reason}`] : []),
    `${notice.status === 'SUCCEEDED' ? 'Report' : 'Error report'}: ${notice.link}`,
  ];
  if (topicArn === undefined) {
    logger.info('no topic configured, notice not sent', { status: notice.status });
    return;
  }
  await snsClient().send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: subject.replace(/[^\x20-\x7E]/g, '?'),
      Message: lines.join('\n'),
      MessageAttributes: { status: { DataType: 'String', StringValue: notice.status } },
    }),
  );
}
