// Downloads: each chart as SVG and as PNG, the run's trace as JSON, the run as a scenario file
// and as a script for a real cluster, made in the page from what it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { servedApp, openPage, byTestId, showPane, clockAt, openSetup, ROOT } from './harness.mjs';

const run = promisify(execFile);

const app = servedApp();

/** Clicks `id` and resolves to the download's { name, bytes }. */
async function download(page, id) {
  await showPane(page, 'charts'); // the downloads are in the charts' pane
  const [dl] = await Promise.all([page.waitForEvent('download'), byTestId(page, id).click()]);
  return { name: dl.suggestedFilename(), bytes: await readFile(await dl.path()) };
}

test('the charts download as SVG and PNG, and the trace as JSON', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'sim-time').waitFor();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'skip').click();
  await clockAt(page, '30.0');

  for (const chart of ['pods', 'requests']) {
    const svg = await download(page, `download-${chart}-svg`);
    assert.equal(svg.name, `rolloutscope-${chart}-30.0s.svg`);
    const text = svg.bytes.toString('utf8');
    // The file is the chart the page shows: the same elements, in the same order.
    const same = await page.evaluate(
      ([text, chart]) => {
        const file = new DOMParser().parseFromString(text, 'image/svg+xml');
        const shown = document.querySelector(`[data-testid="chart-${chart}"] svg`);
        const tags = (root) => [...root.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()).join(' ');
        return !file.querySelector('parsererror') && tags(file.documentElement) === tags(shown);
      },
      [text, chart],
    );
    assert.ok(same, `${chart}: the SVG file is the chart shown`);

    const png = await download(page, `download-${chart}-png`);
    assert.equal(png.name, `rolloutscope-${chart}-30.0s.png`);
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: twice the chart's 560x220 CSS pixels.
    assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], [1120, 440]);
  }

  const trace = await download(page, 'download-trace');
  assert.equal(trace.name, 'rolloutscope-trace-30.0s.json');
  const { events, samples } = JSON.parse(trace.bytes.toString('utf8'));
  assert.equal(samples.length, 31, 'one sample per second, 0 to 30');
  assert.ok(events.every((e) => e.t <= 30 && e.type && e.object && e.message));
  assert.ok(events.some((e) => e.type === 'ScalingReplicaSet' && e.why), 'decisions carry their reason');
  // The page's event log ends with the trace's last event.
  const lastShown = await page.evaluate(() => [...document.querySelectorAll('[data-testid="event-log"] li')].pop().textContent);
  const last = events[events.length - 1];
  assert.ok(lastShown.includes(last.object) && lastShown.includes(last.message), `${lastShown} / ${JSON.stringify(last)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the run downloads as a scenario file that rolloutscope simulate runs, and as a script for a real cluster', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'sim-time').waitFor();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'scale-replicas').fill('6');
  await byTestId(page, 'scale').click();
  await byTestId(page, 'skip').click();
  await clockAt(page, '30.0');

  const scenario = await download(page, 'download-scenario');
  assert.equal(scenario.name, 'rolloutscope-rolling-update.yaml');
  const yaml = scenario.bytes.toString('utf8');
  for (const line of [
    '- at: 10s\n  kubectl: set image deployment/http-go http-go=gasbugs/http-go:v2',
    '- at: 20s\n  kubectl: scale deployment/http-go --replicas=6',
    'traffic:\n  ratePerSecond: 10\n  service: http-go',
  ]) {
    assert.ok(yaml.includes(line), `${JSON.stringify(line)} in\n${yaml}`);
  }
  // The native tool runs the file to the same moment and finds the page's ReplicaSets' counts.
  const dir = await mkdtemp(join(tmpdir(), 'rolloutscope-'));
  const file = join(dir, scenario.name);
  await writeFile(file, yaml);
  const cli = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'rolloutscope');
  const { stdout } = await run(cli, ['simulate', file, '--until', '30s', '--format', 'json']);
  const native = JSON.parse(stdout).samples.pop();
  const shown = await page.$$eval('[data-testid="replicaset"]', (rs) =>
    rs.map((r) => [r.dataset.revision, r.dataset.desired, r.dataset.current, r.dataset.ready, r.dataset.available].join(' ')).sort(),
  );
  const fromFile = native.replicaSets
    .map((r) => [r.revision, r.specReplicas, r.statusReplicas, r.readyReplicas, r.availableReplicas].join(' '))
    .sort();
  assert.deepEqual(fromFile, shown);

  const script = await download(page, 'download-script');
  assert.equal(script.name, 'rolloutscope-rolling-update.sh');
  const sh = script.bytes.toString('utf8');
  assert.ok(sh.startsWith('#!/usr/bin/env bash\n'), sh);
  assert.ok(sh.includes("kubectl apply -f - <<'MANIFESTS'"), sh);
  assert.ok(sh.includes('at 10  # 10.0s\nkubectl set image deployment/http-go http-go=gasbugs/http-go:v2'), sh);
  await writeFile(join(dir, script.name), sh);
  await run('bash', ['-n', join(dir, script.name)]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('for every strategy, the downloaded scenario file runs in rolloutscope simulate to what the page shows', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'sim-time').waitFor();
  await openSetup(page);
  const strategies = await page.$$eval('[data-testid="strategy"] option', (os) => os.map((o) => o.value));
  assert.ok(strategies.length >= 5, strategies.join(' '));
  const cli = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'rolloutscope');
  const dir = await mkdtemp(join(tmpdir(), 'rolloutscope-'));
  for (const strategy of strategies) {
    await openSetup(page);
    await byTestId(page, 'strategy').selectOption(strategy);
    if (await byTestId(page, 'apply-setup').isEnabled()) await byTestId(page, 'apply-setup').click();
    await clockAt(page, '0.0');
    // Deployed at 10 s (the plans' steps then run at the page's moments), shown at 60 s.
    await byTestId(page, 'skip').click();
    await clockAt(page, '10.0');
    await byTestId(page, 'deploy-new-version').click();
    for (let i = 0; i < 5; i++) await byTestId(page, 'skip').click();
    await clockAt(page, '60.0');
    const shown = JSON.parse(await page.locator('[data-testid="engine-state"]').getAttribute('data-json'));

    const scenario = await download(page, 'download-scenario');
    const file = join(dir, scenario.name);
    await writeFile(file, scenario.bytes);
    const { stdout } = await run(cli, ['simulate', file, '--until', '60s', '--format', 'json']);
    const native = JSON.parse(stdout).samples.pop();
    // The ReplicaSets' names carry a pod-template-hash of the file's manifests; the rest is equal:
    // every count, every Service's endpoints, every request by version and outcome.
    const unnamed = (sample) => ({ ...sample, replicaSets: sample.replicaSets.map((r) => ({ ...r, name: '' })) });
    assert.deepEqual(unnamed(native), unnamed(shown), `${strategy}: simulate and the page at 60 s`);
    await byTestId(page, 'restart').click();
  }
  assert.deepEqual(errors, []);
  await page.close();
});
