import type { ReportContext } from '../context.js';
import { type Html, html, table } from '../html.js';

/** Run facts: run id, inputs and their hashes, model, software version, dates, step timings. */
export function factsSection(ctx: ReportContext): Html {
  const { loc, results } = ctx;
  const run = results.run;
  const rows: [Html, Html | string][] = [
    [loc.t('runId'), html`<code>${run.runId}</code>`],
    ...(run.dataset !== undefined ? [[loc.t('dataset'), run.dataset] as [Html, string]] : []),
    ...run.inputs.map(
      (f) =>
        [loc.t('file'), html`${f.file}<br><code class="hash">${f.sha256}</code>`] as [Html, Html],
    ),
    [loc.t('model'), run.modelName],
    [loc.t('modelHash'), html`<code class="hash">${run.modelSha256}</code>`],
    [loc.t('software'), softwareName(run.softwareVersion)],
    [loc.t('started'), loc.dateTime(run.startedAt)],
    [loc.t('finished'), loc.dateTime(run.finishedAt)],
  ];
  const steps = Object.entries(results.steps).map(([name, s]) => [
    name,
    loc.t(s?.status === 'skipped' ? 'skipped' : 'done'),
    s?.reason ?? '',
    loc.int(s?.durationMs),
  ]);
  const facts = table({ head: [], rows, rowHeaders: true, className: 'facts' });
  const timings = table({
    head: [loc.t('step'), loc.t('status'), loc.t('message'), loc.t('duration')],
    rows: steps,
    numeric: [3],
    rowHeaders: true,
    className: 'compact',
  });
  return html`${facts}<h3>${loc.t('stepsTitle')}</h3>${timings}`;
}

/** "smartcity-eval 0.1.0", whether the run recorded the name or only the version. */
export function softwareName(version: string): string {
  return version.startsWith('smartcity-eval') ? version : `smartcity-eval ${version}`;
}
