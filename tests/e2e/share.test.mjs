// A run as a link: a learner's run, shared at a moment, opens in a fresh browser as the same run
// at the same moment; a damaged link says so and shows the default run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { servedApp, openPage, screenshot, byTestId, openSetup, clockAt } from './harness.mjs';

const app = servedApp();


/** What the page shows of the run: the clock, every pod, every ReplicaSet and the engine's sample. */
const shown = (page) =>
  page.evaluate(() => ({
    time: document.querySelector('[data-testid="sim-time"]').textContent,
    pods: [...document.querySelectorAll('[data-testid="pod"]')].map((p) =>
      ['name', 'rs', 'phase', 'ready', 'available', 'image', 'terminating'].map((k) => p.dataset[k]).join(' '),
    ),
    replicaSets: [...document.querySelectorAll('[data-testid="replicaset"]')].map((r) =>
      ['name', 'revision', 'desired', 'current', 'ready', 'available'].map((k) => r.dataset[k]).join(' '),
    ),
    sent: document.querySelector('[data-testid="requests-sent"]').textContent,
    engine: document.querySelector('[data-testid="engine-state"]')?.dataset.json,
    slider: document.querySelector('[data-testid="time-slider"]').max,
    answer: document.querySelector('[data-testid="kubectl-answer"]')?.textContent,
    explanation: document.querySelector('[data-testid="explanation"]').textContent,
  }));

/** A run with settings, a deploy, a scale and a scrub back: everything a link must carry. */
async function playARun(page) {
  await openSetup(page);
  await byTestId(page, 'replicas').fill('6');
  await byTestId(page, 'max-surge').fill('2');
  await byTestId(page, 'apply-setup').click();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'skip').click();
  await clockAt(page, '20.0');
  await byTestId(page, 'deploy-new-version').click();
  for (let i = 0; i < 35; i++) await byTestId(page, 'step').click();
  await clockAt(page, '23.5');
  await byTestId(page, 'scale-replicas').fill('8');
  await byTestId(page, 'scale').click();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'skip').click();
  await clockAt(page, '43.5');
  // Back to a moment mid-rollout: the link must hold the moment and how far the run went.
  await byTestId(page, 'time-slider').fill('26000');
  await clockAt(page, '26.0');
  await byTestId(page, 'speed').fill('2');
  await byTestId(page, 'pod').first().focus();
}

test('a shared link opens the same run at the same moment in a fresh browser', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'sim-time').waitFor();
  await playARun(page);
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  assert.match(link, /#run=1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 600, `a link to paste in a chat: ${link.length} characters`);
  // The address bar holds the link too.
  assert.equal(page.url(), link);
  const before = await shown(page);
  assert.equal(before.time, '26.0');
  assert.ok(before.engine, 'the engine state is shown when paused');

  // A new browser context: nothing shared with the first page but the link.
  const fresh = await openPage(app.browser, link, { locale: 'en-US' });
  await clockAt(fresh.page, '26.0');
  const after = await shown(fresh.page);
  assert.deepEqual(after, before);
  assert.equal(await byTestId(fresh.page, 'speed').inputValue(), '2');
  assert.equal(await byTestId(fresh.page, 'replicas').inputValue(), '6');
  assert.equal(await byTestId(fresh.page, 'max-surge').inputValue(), '2');
  await screenshot(fresh.page, 'share-opened');
  assert.deepEqual(errors, []);
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
  await page.close();
});

test('a link keeps the language it was shared in', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'lang').selectOption('ko');
  await byTestId(page, 'step').click();
  await clockAt(page, '0.1');
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  const fresh = await openPage(app.browser, link, { locale: 'en-US' });
  await fresh.page.waitForFunction(() => document.documentElement.lang === 'ko');
  await clockAt(fresh.page, '0.1');
  assert.equal(await byTestId(fresh.page, 'step').textContent(), '+0.1초');
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.page.close();
  await page.close();
});

test('a damaged or refused link is explained and the default run is shown', async () => {
  const { page } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'sim-time').waitFor();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  await page.close();

  const cases = [
    [link.slice(0, link.length - 12), /incomplete or was changed/],
    [link.replace('#run=1.', '#run=7.'), /newer RolloutScope/],
    [link.replace(/#run=.*/, '#run=1.not-a-run'), /incomplete or was changed/],
  ];
  for (const [url, message] of cases) {
    const { page, errors } = await openPage(app.browser, url, { locale: 'en-US' });
    await byTestId(page, 'share-error').waitFor();
    assert.match(await byTestId(page, 'share-error').textContent(), message);
    assert.match(await byTestId(page, 'share-error').textContent(), /The default run is shown instead\./);
    // The default run, whole and working.
    assert.equal(await byTestId(page, 'sim-time').textContent(), '0.0');
    assert.equal(await byTestId(page, 'replicas').inputValue(), '4');
    await byTestId(page, 'skip').click();
    await clockAt(page, '10.0');
    assert.equal(await byTestId(page, 'pod').count(), 4);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a link to a long, large run opens a slice at a time with its progress, then shows the run at its moment', async () => {
  // 1,000 replicas, a deploy at 10 s, shown at 10 minutes: a replay of over a hundred slices.
  const wire = { k: { replicas: 1000 }, s: 1, t: [[10000, 'deploy']], e: 600000, a: 600000 };
  const payload = deflateSync(Buffer.from(JSON.stringify(wire)), { level: 9 }).toString('base64url');
  const { page, errors } = await openPage(app.browser, `${app.server.url}#run=1.${payload}`, { locale: 'en-US' });
  await byTestId(page, 'opening').waitFor();
  assert.equal(await byTestId(page, 'opening').getAttribute('role'), 'status');
  assert.match(await byTestId(page, 'opening').textContent(), /^Opening the shared run: \d+ s of 600 s replayed$/);
  // The time controls wait while the run opens.
  assert.equal(await page.locator('.dock[inert]').count(), 1);
  await byTestId(page, 'opening').waitFor({ state: 'detached', timeout: 120_000 });
  await clockAt(page, '600.0');
  assert.equal(await page.locator('.dock[inert]').count(), 0);
  const images = await page.evaluate(() => [...document.querySelectorAll('[data-testid="pod"]')].map((p) => p.dataset.image));
  assert.equal(images.length, 1000);
  assert.ok(images.every((i) => i.endsWith(':v2')), 'the deploy in the link was replayed');
  assert.deepEqual(errors, []);
  await page.close();
});
