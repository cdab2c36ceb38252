// The Gateway API on the page: the Canary's plan moving the HTTPRoute's weights while it runs
// (the traffic panel and `kubectl get httproute -o yaml` read at the same moments), the
// comparison of the Canary on the Gateway and on the retired NGINX Ingress against the native
// engine's figures (tests/fixtures/compare-canary-routers.json, kept by tests/engine/sweep.rs),
// and a route deleted from the console. The clock is driven by "+10 s" (one hundred engine steps
// a click): no sleeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, openPage, screenshot, byTestId, showPane, openSetup, ROOT } from './harness.mjs';

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

/** Types `line` in the console and returns its answer (the newest entry's). */
async function kubectl(page, line) {
  const before = await byTestId(page, 'console-entry').count();
  await byTestId(page, 'console-input').fill(line);
  await byTestId(page, 'console-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-entry"]').length > n, before);
  const last = byTestId(page, 'console-entry').last();
  return { text: await last.locator('[data-testid="console-answer"]').textContent(), failed: (await last.getAttribute('data-failed')) === 'true' };
}

/** The weights the traffic panel shows for the route's one rule, by Service. */
const panelWeights = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="route-rule"] [data-service]')].map((b) => [b.dataset.service, Number(b.dataset.weight)]),
    ),
  );

/** The weights of `kubectl get httproute http-go -o yaml`, by Service (each backendRef's name then weight). */
function yamlWeights(yaml) {
  const out = {};
  let name = null;
  for (const line of yaml.split('\n')) {
    const n = line.match(/^ {6}name: (\S+)$/);
    if (n) name = n[1];
    const w = line.match(/^ {6}weight: (\d+)$/);
    if (w && name) out[name] = Number(w[1]);
  }
  return out;
}

/** The Canary on the Gateway, set up and two skips on (20 s), with the console shown. */
async function canaryOnTheGateway(page) {
  await openSetup(page);
  await byTestId(page, 'strategy').selectOption('canary');
  await byTestId(page, 'apply-setup').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="apply-setup"]').disabled);
  await skip(page);
  await skip(page);
  await showPane(page, 'terminal');
}

test("Canary on the Gateway: the plan's patches move the route's weights 10 → 50 → 100, in the panel and in kubectl", async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  await canaryOnTheGateway(page);
  assert.deepEqual(await panelWeights(page), { 'http-go': 100, 'http-go-canary': 0 });
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'kubectl-answer').waitFor();
  // The canary's share, read after every "+10 s" in the panel and from the console at that moment.
  const seen = [(await panelWeights(page))['http-go-canary']];
  for (let clicks = 0; clicks < 30; clicks++) {
    await skip(page);
    const panel = await panelWeights(page);
    const answer = await kubectl(page, 'kubectl get httproute http-go -o yaml');
    assert.equal(answer.failed, false, answer.text);
    assert.deepEqual(yamlWeights(answer.text), panel, `the panel and kubectl at ${await byTestId(page, 'sim-time').textContent()} s`);
    assert.equal(panel['http-go'] + panel['http-go-canary'], 100, JSON.stringify(panel));
    if (seen.at(-1) !== panel['http-go-canary']) seen.push(panel['http-go-canary']);
    if (panel['http-go-canary'] === 50) await screenshot(page, 'gateway-canary-50');
    const done = await page.evaluate(() => [...document.querySelectorAll('[data-testid="pod"][data-terminating="false"]')].every((p) => !p.dataset.name.startsWith('http-go-canary')));
    if (seen.at(-1) === 0 && seen.length > 1 && done) break;
  }
  // Every step of the plan was seen, in order: 0 before, 10, 50, 100, then back to the stable Service.
  assert.deepEqual(seen, [0, 10, 50, 100, 0]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the comparison runs the Canary on the Gateway and on the NGINX Ingress, with the native figures', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await showPane(page, 'compare');
  const want = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/compare-canary-routers.json'), 'utf8'));
  for (const id of ['recreate', 'rolling-update', 'blue-green']) await byTestId(page, `compare-${id}`).uncheck();
  for (const { choice } of want) await byTestId(page, `compare-${choice}`).check();
  await byTestId(page, 'compare-run').click();
  await byTestId(page, 'compare-table').waitFor();
  const rows = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="compare-row"]')].map((r) => ({
      strategy: r.dataset.strategy,
      router: r.dataset.router,
      name: r.querySelector('th').textContent,
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
  assert.deepEqual(
    rows.map(({ name, ...row }) => row),
    want.map(({ choice, ...row }) => row),
  );
  // Each row says which router it went through, the Ingress as the retired one.
  assert.match(rows[0].name, /Gateway/);
  assert.match(rows[1].name, /Ingress/);
  await byTestId(page, 'compare').screenshot({ path: join(ROOT, 'target/e2e/compare-canary-routers.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an HTTPRoute deleted from the console: kubectl says so, and the Gateway then answers 404', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  await canaryOnTheGateway(page);
  assert.deepEqual(await kubectl(page, 'kubectl delete httproute http-go'), {
    text: 'httproute.gateway.networking.k8s.io "http-go" deleted from default namespace',
    failed: false,
  });
  const failedBefore = Number(await byTestId(page, 'requests-failed').textContent());
  await skip(page);
  assert.equal(await byTestId(page, 'httproute').count(), 0);
  assert.equal(await byTestId(page, 'gateway').count(), 1, 'the Gateway is still there');
  assert.match(await byTestId(page, 'no-route').textContent(), /404/);
  // 10 requests a second, every one refused once the data plane has dropped the route (1 s later).
  const failed = Number(await byTestId(page, 'requests-failed').textContent()) - failedBefore;
  assert.ok(failed >= 9 * 10, `${failed} failed`);
  assert.deepEqual(await kubectl(page, 'kubectl delete httproute http-go'), {
    text: 'Error from server (NotFound): httproutes.gateway.networking.k8s.io "http-go" not found',
    failed: true,
  });
  await screenshot(page, 'gateway-route-deleted');
  assert.deepEqual(errors, []);
  await page.close();
});
