// The stage (issue 32): the cluster and its traffic stay on screen while the learner acts. At a
// laptop's 1280x720 and a projector's 1920x1080, with each pane open in turn, every ReplicaSet
// and pod is inside the viewport, uncovered, after each time control, action, lesson "Show me"
// and terminal command; on a phone Play and Deploy are on the first screen with no sideways
// scroll; the embed is the same stage, compact. Screenshots of each layout go to target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, screenshot, byTestId, clockAt, showPane, openSetup } from './harness.mjs';

const app = servedApp();

const LAPTOP = { width: 1280, height: 720 };
const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
const PANES = ['terminal', 'yaml', 'events', 'charts', 'compare', 'sweep'];

/** The clock's text. */
const clock = (page) => byTestId(page, 'sim-time').textContent();

/** Asserts the page did not scroll and that every ReplicaSet and pod is in the viewport and on top. */
async function stageInView(page, what) {
  const { width, height } = page.viewportSize();
  assert.deepEqual(await page.evaluate(() => [window.scrollX, window.scrollY]), [0, 0], `${what}: the page scrolled`);
  for (const id of ['replicaset', 'pod']) {
    const items = byTestId(page, id);
    const n = await items.count();
    assert.ok(n > 0, `${what}: no ${id} on the page`);
    for (let i = 0; i < n; i++) {
      const box = await items.nth(i).boundingBox();
      assert.ok(
        box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height,
        `${what}: ${id} ${i} at ${JSON.stringify(box)} is outside the ${width}x${height} viewport`,
      );
    }
  }
  // Seen, not only placed there: the top-left and bottom-right corners of each are its own (not
  // under a panel, nor clipped by the stage's box).
  const hidden = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="replicaset"], [data-testid="pod"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const mine = (x, y) => {
          const hit = document.elementFromPoint(x, y);
          return hit && (hit === el || el.contains(hit));
        };
        return !(mine(r.left + 3, r.top + 3) && mine(r.right - 3, r.bottom - 3));
      })
      .map((el) => el.dataset.name),
  );
  assert.deepEqual(hidden, [], `${what}: covered or clipped`);
}

/** Play until the clock moves, then pause. */
async function playAWhile(page) {
  const before = await clock(page);
  await byTestId(page, 'play').click();
  await page.waitForFunction((t) => document.querySelector('[data-testid="sim-time"]').textContent !== t, before);
  await byTestId(page, 'play').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'false');
}

/** Types a command in the terminal (its pane shown first) and waits for its answer. */
async function type(page, line) {
  await showPane(page, 'terminal');
  const before = await byTestId(page, 'console-entry').count();
  await byTestId(page, 'console-input').fill(line);
  await byTestId(page, 'console-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-entry"]').length > n, before);
}

for (const [name, viewport] of [
  ['laptop', LAPTOP],
  ['projector', PROJECTOR],
]) {
  test(`${name} ${viewport.width}x${viewport.height}: the pods and ReplicaSets stay in view with each pane open, whatever the learner does`, async () => {
    const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport });
    await clockAt(page, '0.0');
    await byTestId(page, 'skip').click();
    await clockAt(page, '10.0');
    await stageInView(page, 'first screen');
    // Each pane, and the setup panel, open in turn; each time control and action with it.
    for (const pane of [...PANES, 'setup']) {
      if (pane === 'setup') await openSetup(page);
      else await showPane(page, pane);
      await playAWhile(page);
      await stageInView(page, `${pane}: play`);
      await byTestId(page, 'deploy-new-version').click();
      await byTestId(page, 'step').click();
      await stageInView(page, `${pane}: deploy a new version`);
      await byTestId(page, 'skip').click();
      await stageInView(page, `${pane}: +10 s`);
      await byTestId(page, 'rollback').click();
      await byTestId(page, 'skip').click();
      await stageInView(page, `${pane}: roll back`);
    }
    await screenshot(page, `stage-${name}-setup`);
    await byTestId(page, 'setup-close').click();
    // A command in the terminal, then a watch that keeps running as the clock runs.
    await type(page, 'kubectl set image deployment/http-go http-go=gasbugs/http-go:v3');
    await byTestId(page, 'step').click();
    await stageInView(page, 'a command typed in the terminal');
    await type(page, 'kubectl get pods -w');
    await byTestId(page, 'skip').click();
    await stageInView(page, 'a watch in the terminal');
    await screenshot(page, `stage-${name}`);
    // Its stop button reads as a button, not a greyed-out one (contrast of at least 4.5:1).
    const stop = await byTestId(page, 'console-stop').evaluate((el) => {
      const s = getComputedStyle(el);
      return [s.color, s.backgroundColor];
    });
    assert.ok(contrast(...stop) >= 4.5, `the stop button's contrast ${contrast(...stop).toFixed(2)} (${stop})`);
    await byTestId(page, 'console-stop').click();

    // A lesson: its narration beside the stage, and "Show me" with each pane open.
    await page.locator('[data-testid="lesson"][data-lesson="rollout-commands"]').click();
    for (const pane of PANES.slice(1, 3)) {
      await showPane(page, pane);
      await byTestId(page, 'lesson-show-me').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
      await stageInView(page, `${pane}: a lesson's Show me`);
      await byTestId(page, 'lesson-next').click();
    }
    await screenshot(page, `stage-${name}-lesson`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('projector: classroom mode shows the stage with narration of 28 px or more and pod labels of 18 px or more', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: PROJECTOR });
  await page.locator('[data-testid="lesson"][data-lesson="rollout-commands"]').click();
  await byTestId(page, 'classroom').click();
  await byTestId(page, 'lesson-show-me').click();
  await byTestId(page, 'lesson-next').click();
  await byTestId(page, 'lesson-show-me').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  await byTestId(page, 'skip').click();
  await stageInView(page, 'classroom mode');
  const px = (sel) => page.locator(sel).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok((await px('[data-testid="lesson-narration"]')) >= 28, `narration ${await px('[data-testid="lesson-narration"]')} px`);
  assert.ok((await px('.pod .pod-tag')) >= 18, `pod label ${await px('.pod .pod-tag')} px`);
  assert.ok((await px('.pod .pod-status')) >= 18, `pod status ${await px('.pod .pod-status')} px`);
  await screenshot(page, 'stage-projector-classroom');
  assert.deepEqual(errors, []);
  await page.close();
});

test('phone 390x844: Play and Deploy on the first screen, no sideways scroll, the setup a sheet', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: PHONE });
  await clockAt(page, '0.0');
  const first = async (what) => {
    for (const id of ['play', 'deploy-new-version']) {
      const box = await byTestId(page, id).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width, `${what}: ${id} at ${JSON.stringify(box)}`);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= PHONE.width, `${what}: ${wide} px wide`);
  };
  await first('first screen');
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await byTestId(page, 'skip').click();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'skip').click();
  await clockAt(page, '20.0');
  await page.evaluate(() => window.scrollTo(0, 0));
  await first('after a deploy');
  await screenshot(page, 'stage-phone');
  await openSetup(page);
  await byTestId(page, 'max-surge').fill('0');
  await byTestId(page, 'max-unavailable').fill('0');
  await byTestId(page, 'setup-errors').waitFor();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= PHONE.width, `with the setup's 0/0 error: ${wide} px wide`);
  await screenshot(page, 'stage-phone-setup');
  assert.deepEqual(errors, []);
  await page.close();
});

test('embed 640x400: the same stage, compact, with the pods and ReplicaSets in view', async () => {
  const { page } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: LAPTOP });
  await byTestId(page, 'skip').click();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'step').click();
  await byTestId(page, 'share').click();
  const link = (await byTestId(page, 'share-link').inputValue()).replace('#run=', '#embed&run=');
  await page.close();
  const embed = await openPage(app.browser, link, { locale: 'en-US', viewport: { width: 640, height: 400 } });
  await clockAt(embed.page, '10.1');
  await stageInView(embed.page, 'the embed');
  await embed.page.locator('[data-testid="play"]').click();
  await embed.page.waitForFunction(() => Number(document.querySelector('[data-testid="sim-time"]').textContent) > 11);
  await embed.page.locator('[data-testid="play"]').click();
  await stageInView(embed.page, 'the embed, played');
  await screenshot(embed.page, 'stage-embed-640x400');
  assert.deepEqual(embed.errors, []);
  await embed.page.close();
});

test('Korean: the stage in Korean, lines broken between words', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR', viewport: LAPTOP });
  await byTestId(page, 'skip').click();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'skip').click();
  await stageInView(page, 'in Korean');
  assert.equal(await page.locator('.tagline').evaluate((el) => getComputedStyle(el).wordBreak), 'keep-all');
  assert.equal(await byTestId(page, 'step').textContent(), '+0.1초');
  await screenshot(page, 'stage-laptop-ko');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the keyboard: a skip link first, Deploy a few Tabs on, each pane by its number, reduced motion respected', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: LAPTOP });
  await clockAt(page, '0.0');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  let presses = 1;
  while (presses < 40 && (await page.evaluate(() => document.activeElement.dataset.testid)) !== 'deploy-new-version') {
    await page.keyboard.press('Tab');
    presses += 1;
  }
  assert.ok(presses <= 15, `${presses} Tab presses reach "Deploy a new version"`);
  // The number keys show the panes (not from a field that takes them).
  await page.locator('body').press('2');
  assert.equal(await byTestId(page, 'tab-yaml').getAttribute('aria-selected'), 'true');
  await page.locator('body').press('3');
  assert.equal(await byTestId(page, 'tab-events').getAttribute('aria-selected'), 'true');
  // Along the tabs, the arrow keys.
  await byTestId(page, 'tab-events').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await byTestId(page, 'tab-charts').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tab-charts');
  // Every pane's content stays in the page, hidden, while another is shown.
  for (const id of ['console-input', 'yaml-text', 'event-log', 'chart-pods', 'compare', 'sweep', 'strategy']) {
    assert.equal(await byTestId(page, id).count(), 1, id);
  }
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await byTestId(page, 'skip').click();
  assert.equal(await byTestId(page, 'pod').first().evaluate((el) => getComputedStyle(el).animationName), 'none');
  assert.deepEqual(errors, []);
  await page.close();
});

/** WCAG contrast of two CSS `rgb()` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
