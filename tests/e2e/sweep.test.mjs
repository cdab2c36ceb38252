// The what-if sweep: 20 x 20 rollouts made in the page in slices, drawn as a heatmap with its
// numbers, which equal those of the native engine (tests/fixtures/sweep-default.json, kept by
// tests/engine/sweep.rs, which checks the cells against whole runs and `rolloutscope simulate`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, openPage, screenshot, byTestId, showPane, openSetup, ROOT } from './harness.mjs';

const app = servedApp();

const cells = (page) =>
  page.$$eval('[data-testid="sweep-cell"]', (tds) =>
    tds.map((td) => [
      parseInt(td.dataset.surge, 10),
      parseInt(td.dataset.unavailable, 10),
      td.dataset.value === '' ? null : +td.dataset.value,
    ]),
  );

test('the sweep shows the native engine figures in every cell, for each measure', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await showPane(page, 'sweep');
  const want = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/sweep-default.json'), 'utf8'));
  await byTestId(page, 'sweep-run').click();
  await byTestId(page, 'sweep-heatmap').waitFor();
  // The table is made when it is opened.
  assert.equal(await byTestId(page, 'sweep-cell').count(), 0);
  await byTestId(page, 'sweep-numbers').click();
  await byTestId(page, 'sweep-cell').first().waitFor();
  for (const [metric, key] of [
    ['complete-after', 'completeAfter'],
    ['peak-pods', 'peakPods'],
    ['failed-requests', 'failedRequests'],
  ]) {
    await byTestId(page, 'sweep-metric').selectOption(metric);
    await page.waitForFunction(
      (m) => document.querySelector('[data-testid="sweep-metric"]').value === m,
      metric,
    );
    assert.deepEqual(await cells(page), want.map((c) => [c.surge, c.unavailable, c[key]]), metric);
  }
  // The heatmap writes every value in its square, and marks the refused 0% / 0%.
  const svg = await byTestId(page, 'sweep-heatmap').locator('svg').innerHTML();
  assert.ok(svg.includes('✗'), 'the refused cell is marked');
  assert.equal((svg.match(/<text[^>]*font-size="8"/g) ?? []).length, 399, 'a number in each valid square');
  const ms = Number(await byTestId(page, 'sweep-heatmap').getAttribute('data-ms'));
  assert.ok(ms > 0, 'the time it took is shown');
  await byTestId(page, 'sweep').screenshot({ path: join(ROOT, 'target/e2e/sweep.png') });

  // Too big a run for 400 rollouts is refused with the reason.
  await openSetup(page);
  await byTestId(page, 'replicas').fill('100');
  await byTestId(page, 'apply-setup').click();
  assert.equal(await byTestId(page, 'sweep-run').isDisabled(), true);
  assert.match(await byTestId(page, 'sweep').textContent(), /at most 40 replicas/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the sweep over replicas shows the native figures, and refuses a kept value the apiserver would', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await showPane(page, 'sweep');
  const want = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/sweep-replicas.json'), 'utf8'));
  await byTestId(page, 'sweep-plane').selectOption('surge-replicas');
  assert.match(await byTestId(page, 'sweep-kept').textContent(), /maxUnavailable stays 25%/);
  await byTestId(page, 'sweep-run').click();
  await byTestId(page, 'sweep-heatmap').waitFor();
  await byTestId(page, 'sweep-metric').selectOption('failed-requests');
  await page.waitForFunction(() => document.querySelector('[data-testid="sweep-metric"]').value === 'failed-requests');
  await byTestId(page, 'sweep-numbers').click();
  await byTestId(page, 'sweep-cell').first().waitFor();
  const got = await page.$$eval('[data-testid="sweep-cell"]', (tds) =>
    tds.map((td) => [td.dataset.surge, td.dataset.unavailable, +td.dataset.replicas, td.dataset.value === '' ? null : +td.dataset.value]),
  );
  assert.deepEqual(got, want.map((c) => [c.surge, c.unavailable, c.replicas, c.failedRequests]));
  const svg = await byTestId(page, 'sweep-heatmap').locator('svg').innerHTML();
  const rowLabels = [...svg.matchAll(/<text[^>]*text-anchor="end" font-size="11"[^>]*>([^<]*)</g)].map((m) => m[1]);
  assert.deepEqual(rowLabels.filter((l) => !l.includes('→')), ['1', '6', '11', '16'], 'the rows are labelled by replicas');
  assert.match(await byTestId(page, 'sweep-heatmap').textContent(), /maxSurge × replicas/);
  await byTestId(page, 'sweep').screenshot({ path: join(ROOT, 'target/e2e/sweep-replicas.png') });

  // Another plane hides this heatmap; back again, it is shown as it was.
  await byTestId(page, 'sweep-plane').selectOption('surge-unavailable');
  assert.equal(await byTestId(page, 'sweep-heatmap').count(), 0);
  await byTestId(page, 'sweep-plane').selectOption('surge-replicas');
  await byTestId(page, 'sweep-heatmap').waitFor();

  // A Recreate run may hold any maxSurge; a sweep that keeps it refuses it, in the apiserver's words.
  await openSetup(page);
  await byTestId(page, 'max-surge').fill('lots');
  await byTestId(page, 'strategy').selectOption('recreate');
  await byTestId(page, 'apply-setup').click();
  await byTestId(page, 'sweep-plane').selectOption('unavailable-replicas');
  assert.match(await byTestId(page, 'sweep-refused').textContent(), /maxSurge: Invalid value: "lots"/);
  assert.equal(await byTestId(page, 'sweep-run').isDisabled(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the sweep speaks Korean', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR' });
  await showPane(page, 'sweep');
  await byTestId(page, 'sweep-run').click();
  await byTestId(page, 'sweep-heatmap').waitFor();
  assert.match(await byTestId(page, 'sweep').textContent(), /만약에.*완료까지.*셀 400개/s);
  await screenshot(page, 'sweep-ko');
  assert.deepEqual(errors, []);
  await page.close();
});
