/**
 * The settings every function reads from its environment. The stack sets
 * them (lib/infra/); a missing one is a deployment mistake, so it fails at
 * the first use with the variable's name rather than with an SDK error.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Names of the environment variables the stack sets, in one place. */
export const ENV = {
  inputBucket: 'INPUT_BUCKET',
  reportsBucket: 'REPORTS_BUCKET',
  tableName: 'TABLE_NAME',
  stateMachineArn: 'STATE_MACHINE_ARN',
  topicArn: 'TOPIC_ARN',
  /** Base URL of the report-link function; links are made against it. */
  linkBaseUrl: 'REPORT_LINK_URL',
  /** KMS HMAC key that signs report links; its material never leaves KMS. */
  linkKeyId: 'REPORT_LINK_KEY_ID',
  /**
   * A signing secret for local runs, where there is no KMS. Never set by the
   * stack: on AWS the key lives only in KMS.
   */
  linkSecret: 'REPORT_LINK_SECRET',
  /** How long a report link stays valid, in days. */
  linkDays: 'REPORT_LINK_DAYS',
  /** Path-style S3 addressing, for S3-compatible servers other than AWS. */
  s3PathStyle: 'S3_FORCE_PATH_STYLE',
  softwareVersion: 'SOFTWARE_VERSION',
} as const;
