import type { Node } from 'constructs';

/**
 * Deployment settings, read from CDK context (cdk.json, or `-c key=value`
 * on the command line). Every setting has a default; a value of the wrong
 * form stops the synth with a message naming the key.
 */
export interface Settings {
  /** Name of the CloudFormation stack. @default "SmartcityEval" */
  readonly stackName: string;
  /**
   * When the yearly run starts, as an EventBridge Scheduler cron expression
   * `cron(minutes hours day-of-month month day-of-week year)`.
   * @default "cron(0 2 1 3 ? *)" (1 March, 02:00)
   */
  readonly scheduleCron: string;
  /** IANA time zone of the cron expression. @default "UTC" */
  readonly scheduleTimeZone: string;
  /** An e-mail address subscribed to the run notices; none by default. */
  readonly alarmEmail?: string;
  /** Days a report link stays valid. @default 30 */
  readonly reportLinkDays: number;
  /** Days CloudWatch keeps function and workflow logs. @default 365 */
  readonly logRetentionDays: number;
  /** Days run artifacts stay in the reports bucket; 0 keeps them. @default 0 */
  readonly artifactRetentionDays: number;
  /** DEA chunks computed at the same time. @default 20 */
  readonly deaMaxConcurrency: number;
  /** Keep buckets and table when the stack is deleted. @default true */
  readonly retainData: boolean;
  /**
   * Memory of each step function in MB. Lambda gives CPU in proportion, and
   * a 5,000-unit × 10-year panel needs up to about 2 GB in one step.
   * @default 3008
   */
  readonly stepMemoryMb: number;
}

export const DEFAULT_SETTINGS: Settings = {
  stackName: 'SmartcityEval',
  scheduleCron: 'cron(0 2 1 3 ? *)',
  scheduleTimeZone: 'UTC',
  reportLinkDays: 30,
  logRetentionDays: 365,
  artifactRetentionDays: 0,
  deaMaxConcurrency: 20,
  retainData: true,
  stepMemoryMb: 3008,
};

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
  2922, 3288, 3653,
];

const PREFIX = 'smartcity:';

/** Reads the `smartcity:*` context keys and applies the defaults. */
export function readSettings(node: Node): Settings {
  const raw = (name: keyof Settings): unknown => node.tryGetContext(PREFIX + name);
  const text = (name: keyof Settings, fallback: string): string => {
    const value = raw(name);
    if (value === undefined || value === null || value === '') return fallback;
    if (typeof value !== 'string') fail(name, value, 'a string');
    return value;
  };
  const number = (name: keyof Settings, fallback: number, min: number): number => {
    const value = raw(name);
    if (value === undefined || value === null || value === '') return fallback;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(n) || n < min) fail(name, value, `an integer of at least ${min}`);
    return n;
  };

  const scheduleCron = text('scheduleCron', DEFAULT_SETTINGS.scheduleCron);
  if (!/^cron\((\S+\s+){5}\S+\)$/.test(scheduleCron)) {
    fail('scheduleCron', scheduleCron, 'cron(minutes hours day month weekday year)');
  }
  const scheduleTimeZone = text('scheduleTimeZone', DEFAULT_SETTINGS.scheduleTimeZone);
  if (!isTimeZone(scheduleTimeZone)) fail('scheduleTimeZone', scheduleTimeZone, 'an IANA time zone');
  const alarmEmail = text('alarmEmail', '');
  if (alarmEmail !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    fail('alarmEmail', alarmEmail, 'an e-mail address');
  }
  const logRetentionDays = number('logRetentionDays', DEFAULT_SETTINGS.logRetentionDays, 1);
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    fail('logRetentionDays', logRetentionDays, `one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }
  const stepMemoryMb = number('stepMemoryMb', DEFAULT_SETTINGS.stepMemoryMb, 128);
  if (stepMemoryMb > 10_240) fail('stepMemoryMb', stepMemoryMb, 'at most 10240 (the Lambda limit)');
  const retain = raw('retainData');
  if (retain !== undefined && typeof retain !== 'boolean' && retain !== 'true' && retain !== 'false') {
    fail('retainData', retain, 'true or false');
  }

  return {
    stackName: text('stackName', DEFAULT_SETTINGS.stackName),
    scheduleCron,
    scheduleTimeZone,
    ...(alarmEmail !== '' ? { alarmEmail } : {}),
    reportLinkDays: number('reportLinkDays', DEFAULT_SETTINGS.reportLinkDays, 1),
    logRetentionDays,
    artifactRetentionDays: number('artifactRetentionDays', DEFAULT_SETTINGS.artifactRetentionDays, 0),
    deaMaxConcurrency: number('deaMaxConcurrency', DEFAULT_SETTINGS.deaMaxConcurrency, 1),
    retainData: retain === undefined ? DEFAULT_SETTINGS.retainData : retain === true || retain === 'true',
    stepMemoryMb,
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function fail(name: keyof Settings, value: unknown, expected: string): never {
  throw new RangeError(
    `context ${PREFIX}${name} is ${JSON.stringify(value)}; expected ${expected}`,
  );
}
