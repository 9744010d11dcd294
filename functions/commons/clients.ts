import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { ENV, optionalEnv } from './config.js';
import { tracer } from './powertools.js';

/**
 * AWS clients, made once per function instance and traced. Region and
 * credentials come from the Lambda environment; endpoints can be pointed
 * elsewhere with AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB, which the
 * SDK reads itself.
 */
let s3: S3Client | undefined;
let dynamo: DynamoDBClient | undefined;
let sfn: SFNClient | undefined;
let sns: SNSClient | undefined;
let kms: KMSClient | undefined;

export function s3Client(): S3Client {
  s3 ??= tracer.captureAWSv3Client(
    new S3Client({
      forcePathStyle: optionalEnv(ENV.s3PathStyle) === 'true',
      // Checksums only where S3 requires them: the artifacts are small
      // JSON/HTML bodies, and S3-compatible servers used in local runs
      // store a corrupt object when a streamed body carries a trailing
      // checksum.
      requestChecksumCalculation: 'WHEN_REQUIRED',
    }),
  );
  return s3;
}

export function dynamoClient(): DynamoDBClient {
  dynamo ??= tracer.captureAWSv3Client(new DynamoDBClient({}));
  return dynamo;
}

export function sfnClient(): SFNClient {
  sfn ??= tracer.captureAWSv3Client(new SFNClient({}));
  return sfn;
}

export function snsClient(): SNSClient {
  sns ??= tracer.captureAWSv3Client(new SNSClient({}));
  return sns;
}

export function kmsClient(): KMSClient {
  kms ??= tracer.captureAWSv3Client(new KMSClient({}));
  return kms;
}
