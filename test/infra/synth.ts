import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSettings } from '../../lib/infra/settings.js';
import { SmartcityStack } from '../../lib/infra/smartcity-stack.js';

/** The context of cdk.json, so tests see the feature flags a deploy sees. */
export function cdkJsonContext(): Record<string, unknown> {
  const path = fileURLToPath(new URL('../../cdk.json', import.meta.url));
  return (JSON.parse(readFileSync(path, 'utf8')) as { context: Record<string, unknown> }).context;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: SmartcityStack;
  readonly template: Template;
}

/**
 * Synthesizes the stack as `cdk synth` does, with cdk-nag's AwsSolutions
 * checks, but without bundling the functions (the context key
 * `aws:cdk:bundling-stacks: []`), which the template does not depend on.
 * A nag finding makes `app.synth()` throw, as it fails `cdk synth`.
 */
export function synthStack(context: Record<string, unknown> = {}): Synthesized {
  const app = new App({
    context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] },
  });
  const settings = readSettings(app.node);
  const stack = new SmartcityStack(app, settings.stackName, { settings });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  return { app, stack, template: Template.fromStack(stack) };
}
