// Accessibility (issue 32): axe-core (pinned in package.json) on the main page, a lesson in
// classroom mode, the embed view and the Korean page, with every rule axe runs by default (WCAG
// 2.0-2.2 A and AA and its best practices). Any violation fails, with its rule, its impact and the
// elements it names. Each view is checked once the app has drawn its stage (the clock, the
// ReplicaSets) and fetched the lessons' words, as a learner finds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { servedApp, openPage, byTestId, clockAt, screenshot, showPane, openSetup } from './harness.mjs';

const app = servedApp();
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LAPTOP = { width: 1280, height: 720 };

/** Runs axe on the page as it is now; resolves to its violations, one line each. */
async function violations(page) {
  // The page's Content-Security-Policy allows no other script; evaluate runs outside it.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  return found.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 8).join('\n    ')}`);
}

/** The page drawn (its clock, the app's ready signal) and played 10 s, so that pods are up. */
async function ready(page) {
  await clockAt(page, '0.0');
  await byTestId(page, 'skip').click();
  await clockAt(page, '10.0');
  await byTestId(page, 'pod').first().waitFor();
}

async function check(page, what) {
  // Checked as the learner reads it once things settle: a pod just created fades in over 0.4 s,
  // and axe measuring its text half-way would report the fade (animations that never end, such
  // as requests travelling, are not waited for).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  );
  const found = await violations(page);
  assert.deepEqual(found, [], `${what}: axe found\n  ${found.join('\n  ')}`);
}

test('axe: the main page, its first screen, after a deploy, each pane and the setup', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: LAPTOP });
  await ready(page);
  await byTestId(page, 'lesson').first().waitFor();
  await check(page, 'the first screen');
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'skip').click();
  await clockAt(page, '20.0');
  await check(page, 'after a deploy');
  // Each pane beside the stage in turn (a hidden one is not checked), and the setup drawer.
  for (const pane of ['terminal', 'yaml', 'events', 'charts', 'compare', 'sweep']) {
    await showPane(page, pane);
    await page.locator(`#pane-${pane}`).waitFor();
    await check(page, `the ${pane} pane`);
  }
  await openSetup(page);
  await check(page, 'the setup drawer');
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe: a lesson in classroom mode', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: { width: 1920, height: 1080 } });
  await ready(page);
  await page.locator('[data-testid="lesson"][data-lesson="rollout-commands"]').click();
  await byTestId(page, 'classroom').click();
  await byTestId(page, 'lesson-show-me').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  await check(page, 'classroom mode');
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe: the embed view', async () => {
  const { page } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: LAPTOP });
  await ready(page);
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'step').click();
  await byTestId(page, 'share').click();
  const link = (await byTestId(page, 'share-link').inputValue()).replace('#run=', '#embed&run=');
  await page.close();
  const embed = await openPage(app.browser, link, { locale: 'en-US', viewport: { width: 640, height: 400 } });
  await clockAt(embed.page, '10.1');
  await byTestId(embed.page, 'pod').first().waitFor();
  await check(embed.page, 'the embed view');
  assert.deepEqual(embed.errors, []);
  await embed.page.close();
});

test('axe: the Korean page', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR', viewport: LAPTOP });
  await ready(page);
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  await byTestId(page, 'lesson').first().waitFor();
  await check(page, 'the Korean page');
  await screenshot(page, 'a11y-ko');
  assert.deepEqual(errors, []);
  await page.close();
});
