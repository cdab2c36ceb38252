// The comparison: the page runs the strategies on the engine and shows what each rollout cost;
// the figures equal those the native engine gives (tests/fixtures/compare-default.json, kept by
// the unit test in src/compare.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, openPage, screenshot, byTestId, showPane, openSetup, ROOT } from './harness.mjs';

const app = servedApp();

const rows = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="compare-row"]')].map((r) => ({
      strategy: r.dataset.strategy,
      summary: {
        completeAfter: r.dataset.complete === '' ? null : Number(r.dataset.complete),
        extraPodSeconds: Number(r.dataset.extra),
        failedRequests: Number(r.dataset.failed),
        fewestAvailable: Number(r.dataset.fewest),
        mixedSeconds: Number(r.dataset.mixed),
        peakPods: Number(r.dataset.peak),
      },
    })),
  );

test('the comparison shows the native engine figures for each strategy', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await showPane(page, 'compare');
  await byTestId(page, 'compare-run').click();
  await byTestId(page, 'compare-table').waitFor();
  const want = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/compare-default.json'), 'utf8'));
  assert.deepEqual(await rows(page), want);
  // Text for people, not only data: the completion time is written out.
  assert.match(await byTestId(page, 'compare-table').textContent(), /Recreate.*6 s/s);

  // Side by side on one clock: scrubbing it through each rollout shows the same peak and the same
  // fewest available pods as the table.
  const seen = {};
  for (let t = 10; t <= 10 + Math.max(...want.map((w) => w.summary.completeAfter)); t++) {
    await byTestId(page, 'compare-clock').fill(String(t));
    await page.waitForFunction((t) => document.querySelector('[data-testid="compare-time"]').textContent === `${t} s`, t);
    const views = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="compare-view"]')].map((v) => [v.dataset.strategy, +v.dataset.pods, +v.dataset.available]),
    );
    for (const [strategy, pods, available] of views) {
      const w = want.find((w) => w.strategy === strategy).summary;
      if (t > 10 + w.completeAfter) continue;
      seen[strategy] ??= { peak: 0, fewest: Infinity };
      seen[strategy].peak = Math.max(seen[strategy].peak, pods);
      seen[strategy].fewest = Math.min(seen[strategy].fewest, available);
    }
  }
  for (const { strategy, summary } of want) {
    assert.deepEqual(seen[strategy], { peak: summary.peakPods, fewest: summary.fewestAvailable }, strategy);
  }
  await byTestId(page, 'compare-clock').fill('13');
  await byTestId(page, 'compare').screenshot({ path: join(ROOT, 'target/e2e/compare.png') });

  // Two to four strategies: one alone cannot be compared.
  for (const id of ['recreate', 'rolling-update']) await byTestId(page, `compare-${id}`).uncheck();
  assert.equal(await byTestId(page, 'compare-run').isDisabled(), true);
  await byTestId(page, 'compare-canary').check();
  assert.equal(await byTestId(page, 'compare-run').isDisabled(), false);

  // Settings too big for four rollouts at once are refused with the reason.
  await openSetup(page);
  await byTestId(page, 'replicas').fill('300');
  await byTestId(page, 'apply-setup').click();
  assert.equal(await byTestId(page, 'compare-run').isDisabled(), true);
  assert.match(await byTestId(page, 'compare').textContent(), /at most 200 replicas/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the comparison speaks Korean', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR' });
  await showPane(page, 'compare');
  await byTestId(page, 'compare-run').click();
  await byTestId(page, 'compare-table').waitFor();
  assert.match(await byTestId(page, 'compare').textContent(), /전략 비교.*최대 파드 수/s);
  await screenshot(page, 'compare-ko');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a RollingUpdate with its own maxSurge and maxUnavailable is compared too, with the native figures', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await showPane(page, 'compare');
  const want = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/compare-variants.json'), 'utf8'));
  for (const id of ['recreate', 'blue-green']) await byTestId(page, `compare-${id}`).uncheck();
  await byTestId(page, 'compare-variant').check();
  // Both 0: refused in the apiserver's words, and nothing runs.
  await byTestId(page, 'compare-variant-surge').fill('0');
  await byTestId(page, 'compare-variant-unavailable').fill('0');
  assert.match(await byTestId(page, 'compare-variant-errors').textContent(), /may not be 0 when `maxSurge` is 0/);
  assert.equal(await byTestId(page, 'compare-run').isDisabled(), true);
  for (const { variant, summary } of want) {
    const [, surge, unavailable] = variant.match(/maxSurge=(\w+),maxUnavailable=(\w+)/);
    await byTestId(page, 'compare-variant-surge').fill(surge);
    await byTestId(page, 'compare-variant-unavailable').fill(unavailable);
    await byTestId(page, 'compare-run').click();
    await page.waitForSelector(`[data-testid="compare-row"][data-variant="${variant}"]`);
    assert.equal((await rows(page)).length, 2, 'the applied RollingUpdate and the variant');
    const row = await page.$eval(`[data-testid="compare-row"][data-variant="${variant}"]`, (r) => ({
      completeAfter: Number(r.dataset.complete),
      extraPodSeconds: Number(r.dataset.extra),
      failedRequests: Number(r.dataset.failed),
      fewestAvailable: Number(r.dataset.fewest),
      mixedSeconds: Number(r.dataset.mixed),
      peakPods: Number(r.dataset.peak),
      name: r.querySelector('th').textContent,
    }));
    assert.deepEqual(row, { ...summary, name: `RollingUpdate (maxSurge ${surge}, maxUnavailable ${unavailable})` });
  }
  assert.deepEqual(errors, []);
  await page.close();
});
