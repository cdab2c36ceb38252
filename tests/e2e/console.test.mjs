// The kubectl console: commands that read are answered from the simulated cluster as kubectl
// prints them, and agree with what the page shows; commands that change it are steps of the run
// (a shared link replays them); kubectl's errors are kubectl's; ↑ brings back a command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, screenshot, byTestId } from './harness.mjs';

const app = servedApp();

/** Types `line` and returns the answer it got (the newest entry's). */
const run = async (page, line) => {
  const before = await byTestId(page, 'console-entry').count();
  await byTestId(page, 'console-input').fill(line);
  await byTestId(page, 'console-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-entry"]').length > n, before);
  const last = byTestId(page, 'console-entry').last();
  return { text: await last.locator('[data-testid="console-answer"]').textContent(), failed: (await last.getAttribute('data-failed')) === 'true' };
};

/** The rows of a kubectl table (its header left out), as arrays of cells. */
const rows = (text) => text.split('\n').slice(1).map((l) => l.trim().split(/\s+/));

test('the console reads the cluster the page shows, and its changes are steps of the run', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'skip').click(); // +10 s
  assert.equal(await byTestId(page, 'sim-time').textContent(), '10.0');

  const deployments = await run(page, 'kubectl get deployments');
  assert.equal(deployments.failed, false);
  assert.match(deployments.text, /^NAME {6}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nhttp-go {3}4\/4 {5}4 {12}4 {11}10s$/);

  // `get pods` lists the pods the page shows, with the same readiness.
  const pods = rows((await run(page, 'get pods')).text);
  assert.equal(pods.length, await byTestId(page, 'pod').count());
  assert.ok(pods.every((r) => r[1] === '1/1' && r[2] === 'Running'), JSON.stringify(pods));

  // A change is a step: the page follows it.
  const scaled = await run(page, 'kubectl scale deployment/http-go --replicas=6');
  assert.deepEqual(scaled, { text: 'deployment.apps/http-go scaled', failed: false });
  await byTestId(page, 'skip').click();
  await byTestId(page, 'skip').click();
  assert.equal(await byTestId(page, 'pod').count(), 6);
  assert.equal(rows((await run(page, 'get pods -o wide')).text).length, 6);
  assert.match((await run(page, 'kubectl get rs')).text, /http-go-\S+ {3,}6 {9}6 {9}6 /);
  assert.equal((await run(page, 'rollout history deployment/http-go')).text, 'deployment.apps/http-go \nREVISION  CHANGE-CAUSE\n1         <none>');
  const yaml = (await run(page, 'kubectl get deployment http-go -o yaml')).text;
  assert.match(yaml, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.match(yaml, /^ {2}replicas: 6$/m);
  const described = (await run(page, 'kubectl describe deploy http-go')).text;
  assert.match(described, /^Replicas: {15}6 desired \| 6 updated \| 6 total \| 6 available \| 0 unavailable$/m);
  assert.match(described, /Normal {2}ScalingReplicaSet {2}\S+ +deployment-controller {2}Scaled up replica set http-go-\S+ from 4 to 6/);

  // kubectl's errors, as kubectl prints them.
  assert.deepEqual(await run(page, 'kubectl frobnicate'), { text: 'error: unknown command "frobnicate" for "kubectl"', failed: true });
  assert.deepEqual(await run(page, 'kubectl get pod nothing'), { text: 'Error from server (NotFound): pods "nothing" not found', failed: true });
  assert.match((await run(page, 'kubectl rolling-update http-go')).text, /^error: unknown command "rolling-update" for "kubectl"\n\n\(kubectl rolling-update was removed in Kubernetes 1.18/);

  // ↑ brings back the commands typed before, newest first; ↓ goes forward again.
  await byTestId(page, 'console-input').press('ArrowUp');
  assert.equal(await byTestId(page, 'console-input').inputValue(), 'kubectl rolling-update http-go');
  await byTestId(page, 'console-input').press('ArrowUp');
  assert.equal(await byTestId(page, 'console-input').inputValue(), 'kubectl get pod nothing');
  await byTestId(page, 'console-input').press('ArrowDown');
  assert.equal(await byTestId(page, 'console-input').inputValue(), 'kubectl rolling-update http-go');
  // Tab completes commands and names from the cluster; with several choices it shows them.
  await byTestId(page, 'console-input').fill('kubectl rollout hi');
  await byTestId(page, 'console-input').press('Tab');
  assert.equal(await byTestId(page, 'console-input').inputValue(), 'kubectl rollout history ');
  await byTestId(page, 'console-input').press('Tab');
  assert.equal(await byTestId(page, 'console-input').inputValue(), 'kubectl rollout history deployment/http-go ');
  await byTestId(page, 'console-input').fill('kubectl s');
  await byTestId(page, 'console-input').press('Tab');
  assert.equal(await byTestId(page, 'console-choices').textContent(), 'scale   set');
  // On an empty line Tab moves the focus on, as everywhere (the keyboard is not trapped).
  await byTestId(page, 'console-input').fill('');
  await byTestId(page, 'console-input').press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'console-input');
  await byTestId(page, 'console-input').focus();
  // Typing in the console does not drive the page's keyboard shortcuts (space plays).
  await byTestId(page, 'console-input').fill('');
  await byTestId(page, 'console-input').press('Space');
  assert.equal(await byTestId(page, 'play').getAttribute('aria-pressed'), 'false');
  await screenshot(page, 'console');

  // The typed change travels with the run's link: opened afresh, the run has six pods.
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  const fresh = await openPage(app.browser, link, { locale: 'en-US' });
  await byTestId(fresh.page, 'sim-time').waitFor();
  assert.equal(await byTestId(fresh.page, 'sim-time').textContent(), '30.0');
  assert.equal(await byTestId(fresh.page, 'pod').count(), 6);
  assert.deepEqual([...errors, ...fresh.errors], []);
  await fresh.page.close();
  await page.close();
});

test('the console speaks Korean around kubectl, which answers as kubectl does', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR' });
  assert.match(await byTestId(page, 'console').textContent(), /터미널.*kubectl 명령을 입력하세요/s);
  const { text } = await run(page, 'kubectl get deploy');
  assert.match(text, /^NAME {6}READY/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('commands that keep running print as the clock runs, and Ctrl+C stops them', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  const svc = await run(page, 'kubectl get svc');
  const [name, type, ip, external, ports] = rows(svc.text)[0];
  assert.deepEqual([name, type, external, ports], ['http-go', 'ClusterIP', '<none>', '80/TCP']);
  assert.match(ip, /^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);

  // The course's monitor: one curl a second, answered by the pods the Service routes to.
  await run(page, `while true; do curl ${ip}; sleep 1; done`);
  const monitor = byTestId(page, 'console-entry').last();
  assert.equal(await monitor.getAttribute('data-running'), 'true');
  assert.equal(await byTestId(page, 'console-running').count(), 1);
  await byTestId(page, 'skip').click(); // +10 s
  const answers = (await monitor.locator('[data-testid="console-answer"]').textContent()).split('\n');
  assert.ok(answers.length >= 10 && answers.length <= 11, JSON.stringify(answers));
  assert.equal(answers.at(-1), 'Welcome! http-go:v1');
  assert.ok(answers.every((a) => a === 'Welcome! http-go:v1' || a.startsWith(`curl: (7) Failed to connect to ${ip} port 80`)), JSON.stringify(answers));
  // Ctrl+C, as in a terminal: nothing more is printed.
  await byTestId(page, 'console-input').press('Control+c');
  assert.equal(await monitor.getAttribute('data-running'), 'false');
  assert.equal(await byTestId(page, 'console-running').count(), 0);
  const stopped = await monitor.locator('[data-testid="console-answer"]').textContent();
  assert.ok(stopped.endsWith('\n^C'), stopped);
  await byTestId(page, 'skip').click();
  assert.equal(await monitor.locator('[data-testid="console-answer"]').textContent(), stopped);

  // rollout status waits for the rollout and returns by itself; the stop button also stops a watch.
  await byTestId(page, 'deploy-new-version').click();
  await run(page, 'kubectl rollout status deployment/http-go');
  const status = byTestId(page, 'console-entry').last();
  for (let i = 0; i < 12 && (await status.getAttribute('data-running')) === 'true'; i++) {
    await byTestId(page, 'skip').click();
  }
  assert.equal(await status.getAttribute('data-running'), 'false');
  const waited = (await status.locator('[data-testid="console-answer"]').textContent()).split('\n');
  assert.match(waited[0], /^Waiting for deployment/);
  assert.equal(waited.at(-1), 'deployment "http-go" successfully rolled out');
  await run(page, 'kubectl get deploy -w');
  const watch = byTestId(page, 'console-entry').last();
  assert.equal(await watch.getAttribute('data-running'), 'true');
  await byTestId(page, 'console-stop').click();
  assert.equal(await watch.getAttribute('data-running'), 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pod labelled out of its ReplicaSet is shown on its own, runs on, and is replaced', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR' });
  await byTestId(page, 'skip').click(); // +10 s: all four up
  const pod = await byTestId(page, 'pod').first().getAttribute('data-name');
  const refused = await run(page, `kubectl label pod ${pod} app=debug`);
  assert.deepEqual(refused, { text: "error: 'app' already has a value (http-go), and --overwrite is false", failed: true });
  assert.deepEqual(await run(page, `kubectl label pod ${pod} app=debug --overwrite`), { text: `pod/${pod} labeled`, failed: false });
  await byTestId(page, 'skip').click();
  const orphans = byTestId(page, 'orphans');
  assert.match(await orphans.textContent(), /어느 레플리카셋도 소유하지 않은 파드/);
  assert.equal(await orphans.locator('[data-testid="pod"]').count(), 1);
  assert.equal(await orphans.locator(`[data-testid="pod"][data-name="${pod}"]`).getAttribute('data-ready'), 'true');
  assert.equal(await byTestId(page, 'pod').count(), 5, 'four owned, one orphan');
  const debug = rows((await run(page, 'kubectl get pods -l app=debug --show-labels')).text);
  assert.deepEqual(debug.map((r) => [r[0], r.at(-1)]), [[pod, `app=debug,pod-template-hash=${pod.split('-').at(-2)}`]]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the monitor runs in the background with &, its answers between the commands, until kill %1', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'skip').click(); // +10 s: v1 up
  const started = await run(page, 'while true; do curl http-go; sleep 1; done &');
  assert.deepEqual(started, { text: '[1]\nWelcome! http-go:v1', failed: false });
  assert.match(await byTestId(page, 'console-job').textContent(), /while true; do curl http-go; sleep 1; done &/);
  // A command typed meanwhile is answered; the job goes on printing after it.
  await run(page, 'kubectl set image deployment/http-go http-go=gasbugs/http-go:v2');
  for (let i = 0; i < 6; i++) await byTestId(page, 'skip').click();
  const printed = await page
    .locator('[data-testid="console-entry"][data-job="true"] [data-testid="console-answer"]')
    .evaluateAll((els) => els.flatMap((e) => e.textContent.split('\n')));
  assert.ok(printed.length >= 55, String(printed.length));
  assert.ok(printed.includes('Welcome! http-go:v1') && printed.at(-1) === 'Welcome! http-go:v2', JSON.stringify(printed.slice(-5)));
  // While v1 and v2 pods both serve, the answers mix: the rolling update is visible in curl.
  const firstV2 = printed.indexOf('Welcome! http-go:v2');
  assert.ok(printed.slice(firstV2).includes('Welcome! http-go:v1'), 'both versions answer for a while');
  assert.equal((await run(page, 'jobs')).text, '[1]+  Running                 while true; do curl http-go; sleep 1; done &');
  assert.deepEqual(await run(page, 'kill %1'), { text: '[1]+  Terminated              while true; do curl http-go; sleep 1; done', failed: false });
  assert.equal(await byTestId(page, 'console-job').count(), 0);
  const count = await page.locator('[data-testid="console-entry"][data-job="true"]').count();
  await byTestId(page, 'skip').click();
  assert.equal(await page.locator('[data-testid="console-entry"][data-job="true"]').count(), count);
  assert.deepEqual(await run(page, 'kill %1'), { text: 'bash: kill: %1: no such job', failed: true });
  assert.deepEqual(errors, []);
  await page.close();
});
