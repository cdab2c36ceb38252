// The release build, served on localhost, in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, screenshot, byTestId } from './harness.mjs';

const app = servedApp();

test('the app renders with no console error', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url);
  await byTestId(page, 'sim-time').waitFor();
  assert.equal(await page.locator('h1').textContent(), 'RolloutScope');
  assert.equal(await byTestId(page, 'sim-time').textContent(), '0.0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicking Step advances the simulated clock by one tick', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url);
  const clock = byTestId(page, 'sim-time');
  await clock.waitFor();
  await byTestId(page, 'step').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '0.1');
  await byTestId(page, 'step').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '0.2');
  assert.equal(await clock.textContent(), '0.2');
  await screenshot(page, 'app');
  assert.deepEqual(errors, []);
  await page.close();
});

test("deploying a new version rolls it out in the engine's event log", async () => {
  const { page, errors } = await openPage(app.browser, app.server.url);
  await byTestId(page, 'step').waitFor();
  for (let i = 0; i < 20; i++) await byTestId(page, 'step').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '2.0');
  await byTestId(page, 'deploy-new-version').click();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="kubectl-answer"]')?.textContent === 'deployment.apps/http-go image updated',
  );
  for (let i = 0; i < 5; i++) await byTestId(page, 'step').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '2.5');
  const log = await byTestId(page, 'event-log').textContent();
  const names = new Set([...log.matchAll(/Scaled up replica set (http-go-\w+)/g)].map((m) => m[1]));
  assert.equal(names.size, 2, log);
  await screenshot(page, 'app-rollout');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the language switch turns the page to Korean and back', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'lang').waitFor();
  assert.equal(await byTestId(page, 'step').textContent(), 'Step');
  await byTestId(page, 'lang').selectOption('ko');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.equal(await byTestId(page, 'step').textContent(), '한 단계');
  await screenshot(page, 'app-ko');
  assert.deepEqual(errors, []);
  await page.close();
});
