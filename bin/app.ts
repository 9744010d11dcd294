import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings } from '../lib/infra/settings.js';
import { SmartcityStack } from '../lib/infra/smartcity-stack.js';

/**
 * The CDK app: one stack, settings from context (see lib/infra/settings.ts
 * and cdk.json), checked by cdk-nag's AwsSolutions rules, whose findings
 * fail the synth.
 */
const app = new App();
const settings = readSettings(app.node);
const stack = new SmartcityStack(app, settings.stackName, {
  settings,
  description: 'smartcity-eval: evaluates city indicator panels on upload and once a year',
});
Tags.of(stack).add('project', 'smartcity-eval');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
