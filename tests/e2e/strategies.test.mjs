// Each strategy run to completion through the page, the clock driven by the "+10 s" button (one
// hundred engine steps a click, deterministic), with what the page shows checked against the
// engine's own state at the same moment, and a screenshot of each mid-rollout under target/e2e.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, screenshot, byTestId, openSetup } from './harness.mjs';

const app = servedApp();

/** Clicks "+10 s" and waits until the page shows the later moment. */
async function skip(page) {
  const before = Number(await byTestId(page, 'sim-time').textContent());
  await byTestId(page, 'skip').click();
  await page.waitForFunction(
    (t) => Number(document.querySelector('[data-testid="sim-time"]')?.textContent) >= t,
    before + 10,
  );
}

/** The page against the engine: every ReplicaSet's counts and pod tiles, the requests, the conditions. */
async function assertPageShowsTheEngine(page) {
  const seen = await page.evaluate(() => {
    const engine = JSON.parse(document.querySelector('[data-testid="engine-state"]').dataset.json);
    const rows = [...document.querySelectorAll('[data-testid="replicaset"]')].map((r) => {
      const pods = [...r.querySelectorAll('[data-testid="pod"]')].filter((p) => p.dataset.terminating === 'false');
      return {
        name: r.dataset.name,
        desired: Number(r.dataset.desired),
        current: Number(r.dataset.current),
        ready: Number(r.dataset.ready),
        available: Number(r.dataset.available),
        tiles: pods.length,
        readyTiles: pods.filter((p) => p.dataset.ready === 'true').length,
        terminatingTiles: r.querySelectorAll('[data-testid="pod"][data-terminating="true"]').length,
      };
    });
    const conditions = [...document.querySelectorAll('[data-testid="deployment"]')].map((d) => ({
      name: d.dataset.name,
      conditions: [...d.querySelectorAll('[data-testid="condition"]')].map((c) => `${c.dataset.type}=${c.dataset.status}/${c.dataset.reason}`),
    }));
    const counter = (id) => Number(document.querySelector(`[data-testid="${id}"]`).textContent);
    return {
      engine,
      rows,
      conditions,
      requests: { sent: counter('requests-sent'), succeeded: counter('requests-succeeded'), failed: counter('requests-failed') },
      time: Number(document.querySelector('[data-testid="sim-time"]').textContent),
    };
  });
  assert.equal(seen.engine.t, Math.floor(seen.time));
  const shown = new Map(seen.rows.map((r) => [r.name, r]));
  for (const rs of seen.engine.replicaSets) {
    const row = shown.get(rs.name);
    if (!row) continue; // a Deployment of another strategy's objects would not be shown; none here
    assert.deepEqual(
      [row.desired, row.current, row.ready, row.available, row.tiles, row.readyTiles, row.terminatingTiles],
      [rs.specReplicas, rs.statusReplicas, rs.readyReplicas, rs.availableReplicas, rs.statusReplicas, rs.readyReplicas, rs.terminating],
      `rs/${rs.name} at ${seen.time}s`,
    );
  }
  assert.equal(seen.rows.length, seen.engine.replicaSets.length, 'every ReplicaSet is shown');
  assert.deepEqual(seen.requests, {
    sent: seen.engine.requests.sent,
    succeeded: seen.engine.requests.succeeded,
    failed: seen.engine.requests.failed,
  });
  for (const d of seen.conditions) {
    const engine = seen.engine.deployments.find((e) => e.name === d.name);
    assert.deepEqual(d.conditions, engine.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`), d.name);
  }
}

/** Ready, non-terminating pods by image tag. */
async function readyByTag(page) {
  return page.evaluate(() => {
    const out = {};
    for (const p of document.querySelectorAll('[data-testid="pod"][data-ready="true"][data-terminating="false"]')) {
      const tag = p.dataset.image.split(':').pop();
      out[tag] = (out[tag] ?? 0) + 1;
    }
    return out;
  });
}

const STRATEGIES = [
  ['recreate', { v2: 4 }],
  ['rolling-update', { v2: 4 }],
  ['blue-green', { v2: 4 }],
  ['canary', { v2: 4 }],
  // A/B ends with both running: the group's version beside the stable one.
  ['ab', { v1: 4, v2: 1 }],
];

for (const [strategy, done] of STRATEGIES) {
  test(`${strategy}: runs to completion through the page, which shows the engine's state`, async () => {
    const { page, errors } = await openPage(app.browser, app.server.url, { viewport: { width: 1400, height: 1000 } });
    await openSetup(page);
    await byTestId(page, 'strategy').selectOption(strategy);
    // RollingUpdate is the default: nothing to apply then.
    if (await byTestId(page, 'apply-setup').isEnabled()) await byTestId(page, 'apply-setup').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="apply-setup"]').disabled);
    await skip(page);
    await skip(page);
    await assertPageShowsTheEngine(page);
    assert.deepEqual(await readyByTag(page), { v1: 4 });
    // Blue/Green, Canary and A/B go through a Gateway by default: the traffic panel shows it, the
    // HTTPRoute's rules (A/B's header rule and the rest), and the canary's weight, 0 before a deploy.
    const rules = { 'blue-green': 1, canary: 1, ab: 2 }[strategy] ?? 0;
    assert.equal(await byTestId(page, 'gateway').count(), rules > 0 ? 1 : 0);
    assert.equal(await byTestId(page, 'route-rule').count(), rules);
    if (strategy === 'canary') {
      const weight = await page.locator('[data-testid="route-rule"] [data-service="http-go-canary"]').getAttribute('data-weight');
      assert.equal(weight, '0');
    }
    await byTestId(page, 'deploy-new-version').click();
    await byTestId(page, 'kubectl-answer').waitFor();
    assert.doesNotMatch(await byTestId(page, 'kubectl-answer').textContent(), /error/i);
    for (let i = 0; i < 5; i++) await byTestId(page, 'step').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]').textContent === '20.5');
    await skip(page);
    await assertPageShowsTheEngine(page);
    await screenshot(page, `strategy-${strategy}`);
    let clicks = 0;
    for (; clicks < 40; clicks++) {
      const now = await readyByTag(page);
      const settled = await page.evaluate(
        () => document.querySelectorAll('[data-testid="pod"][data-terminating="true"]').length === 0,
      );
      if (settled && JSON.stringify(now) === JSON.stringify(done)) break;
      await skip(page);
    }
    assert.ok(clicks < 40, `${strategy} did not finish: ${JSON.stringify(await readyByTag(page))}`);
    await assertPageShowsTheEngine(page);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('scrubbing: forward, a new version, the slider dragged back shows the earlier pods exactly', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url);
  const pods = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="pod"]')]
        .map((p) => `${p.dataset.name} ${p.dataset.phase} ${p.dataset.ready} ${p.dataset.image}`)
        .sort(),
    );
  await skip(page);
  const atTen = await pods();
  await byTestId(page, 'deploy-new-version').click();
  await skip(page);
  await skip(page);
  const atThirty = await pods();
  assert.notDeepEqual(atTen, atThirty);
  await byTestId(page, 'time-slider').fill('10000');
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]').textContent === '10.0');
  assert.deepEqual(await pods(), atTen);
  await byTestId(page, 'time-slider').fill('30000');
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]').textContent === '30.0');
  assert.deepEqual(await pods(), atThirty);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [name, viewport] of [
  ['phone', { width: 390, height: 844 }],
  ['laptop', { width: 1280, height: 800 }],
  ['projector', { width: 1920, height: 1080 }],
]) {
  test(`the page fits a ${name} (${viewport.width}x${viewport.height}) without sideways scrolling`, async () => {
    const { page, errors } = await openPage(app.browser, app.server.url, { viewport });
    await skip(page);
    await byTestId(page, 'deploy-new-version').click();
    for (let i = 0; i < 30; i++) await byTestId(page, 'step').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]').textContent === '13.0');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow}px wider than the ${name}`);
    await screenshot(page, `layout-${name}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
