// The YAML panel: the run's manifests, always current; an edit is kept until it is applied, and
// applied it is a step of the run (the page follows it, a shared link replays it); a refused
// manifest gets the apiserver's words at its line and loses nothing; the terminal's
// `kubectl apply|create -f manifests.yaml` applies the panel. Read by the YAML reader, a web worker
// the page starts on the first apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { servedApp, openPage, screenshot, byTestId, showPane, clockAt, manyDocuments, paste, ROOT } from './harness.mjs';

const app = servedApp();

const text = (page) => byTestId(page, 'yaml-text').inputValue();
const editing = async (page) => (await byTestId(page, 'yaml-mode').getAttribute('data-editing')) === 'true';

/** Presses a panel button and waits for the reader's answer: { text, failed }. */
const press = async (page, button) => {
  await showPane(page, 'yaml');
  await byTestId(page, button).click();
  const result = byTestId(page, 'yaml-result');
  await result.waitFor();
  return { text: await byTestId(page, 'yaml-answer').textContent(), failed: (await result.getAttribute('data-failed')) === 'true' };
};

/** Types `line` in the terminal and waits until it has answered (an apply waits for the reader). */
const run = async (page, line) => {
  const before = await byTestId(page, 'console-entry').count();
  await showPane(page, 'terminal');
  await byTestId(page, 'console-input').fill(line);
  await byTestId(page, 'console-input').press('Enter');
  await page.waitForFunction((n) => {
    const entries = document.querySelectorAll('[data-testid="console-entry"]');
    return entries.length > n && entries[entries.length - 1].dataset.reading === 'false';
  }, before);
  const last = byTestId(page, 'console-entry').last();
  return { text: await last.locator('[data-testid="console-answer"]').textContent(), failed: (await last.getAttribute('data-failed')) === 'true' };
};

/** The YAML panel's text field, its pane shown first (as a learner clicks its tab). */
const yamlText = async (page) => {
  await showPane(page, 'yaml');
  return byTestId(page, 'yaml-text');
};

const skip = (page) => byTestId(page, 'skip').click(); // +10 s

test('an edited manifest is kept, applied as a step of the run, and the page follows it', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await skip(page);
  const live = await text(page);
  assert.match(live, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.match(live, /^ {2}replicas: 4$/m);
  assert.match(live, /^---\napiVersion: v1\nkind: Service\n/m);
  assert.equal(await editing(page), false);

  // An edit stays while the clock runs: the live view does not write over it.
  await (await yamlText(page)).fill(live.replace('  replicas: 4\n', '  replicas: 6\n'));
  assert.equal(await editing(page), true);
  await skip(page);
  assert.match(await text(page), /^ {2}replicas: 6$/m);

  assert.deepEqual(await press(page, 'yaml-apply'), { text: 'deployment.apps/http-go configured\nservice/http-go unchanged', failed: false });
  assert.equal(await editing(page), false);
  await skip(page);
  await skip(page);
  assert.equal(await byTestId(page, 'pod').count(), 6);
  assert.match(await text(page), /^ {2}replicas: 6$/m);
  assert.match(await text(page), /^ {2}readyReplicas: 6$/m);

  // What the panel shows applies back unchanged.
  assert.deepEqual(await press(page, 'yaml-apply'), { text: 'deployment.apps/http-go unchanged\nservice/http-go unchanged', failed: false });

  // A refused manifest: the apiserver's words, the line marked, the text kept, nothing changed.
  const shown = await text(page);
  const bad = shown.replace('  replicas: 6\n', '  replicas: -1\n');
  await (await yamlText(page)).fill(bad);
  const refused = await press(page, 'yaml-apply');
  assert.equal(refused.failed, true);
  assert.match(refused.text, /The Deployment "http-go" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
  const line = bad.split('\n').indexOf('  replicas: -1') + 1;
  assert.equal(await byTestId(page, 'yaml-bad-line').textContent(), `▶${line}`);
  assert.equal(await text(page), bad);
  await showPane(page, 'yaml');
  await byTestId(page, 'yaml-goto').click();
  const selected = await byTestId(page, 'yaml-text').evaluate((el) => [document.activeElement === el, el.value.slice(el.selectionStart, el.selectionEnd)]);
  assert.deepEqual(selected, [true, '  replicas: -1']);
  await screenshot(page, 'yaml-refused');

  // kubectl's strict field validation: a typo is an unknown field.
  await (await yamlText(page)).fill(shown.replace('  replicas: 6\n', '  replica: 6\n'));
  const typo = await press(page, 'yaml-apply');
  assert.equal(typo.failed, true);
  assert.match(typo.text, /unknown field "spec\.replica"/);

  // Back to the live manifests: the learner's text goes, the cluster's comes.
  await showPane(page, 'yaml');
  await byTestId(page, 'yaml-revert').click();
  assert.equal(await editing(page), false);
  assert.match(await text(page), /^ {2}replicas: 6$/m);
  assert.equal(await byTestId(page, 'pod').count(), 6);

  // The terminal applies the panel; create refuses what exists, as kubectl does.
  const created = await run(page, 'kubectl create -f manifests.yaml');
  assert.equal(created.failed, true);
  assert.match(created.text, /^Error from server \(AlreadyExists\): error when creating "manifests\.yaml": deployments\.apps "http-go" already exists$/m);
  assert.deepEqual(await run(page, 'kubectl apply -f deploy.yaml'), {
    text: 'error: the path "deploy.yaml" does not exist\n(the YAML panel is the file: kubectl apply -f manifests.yaml)',
    failed: true,
  });
  await (await yamlText(page)).fill((await text(page)).replace('image: gasbugs/http-go:v1', 'image: gasbugs/http-go:v2'));
  assert.deepEqual(await run(page, 'kubectl apply -f manifests.yaml'), { text: 'deployment.apps/http-go configured\nservice/http-go unchanged', failed: false });
  for (let i = 0; i < 6; i++) await skip(page);
  const history = await run(page, 'kubectl rollout history deployment/http-go');
  assert.match(history.text, /^2 {9}<none>$/m);
  assert.match((await run(page, 'kubectl get rs -o wide')).text, /gasbugs\/http-go:v2/);

  // A shared link replays the applies: the same manifests in a fresh browser.
  const before = await text(page);
  const moment = await byTestId(page, 'sim-time').textContent();
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  const context = await app.browser.newContext({ locale: 'en-US' });
  const fresh = await context.newPage();
  await fresh.goto(link);
  // The link is replayed a slice per frame; the clock shows its moment once the run is there.
  await clockAt(fresh, moment);
  await byTestId(fresh, 'yaml-text').waitFor({ state: 'attached' }); // (in its pane, behind the terminal's tab)
  assert.equal(await text(fresh), before);
  await context.close();
  assert.deepEqual(errors, []);
});

test('in Korean, a real cluster\'s kubectl get deploy,rs,pods output starts a new run from that state, and the controllers carry on', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR' });
  assert.equal(await page.locator('#yaml-title').textContent(), '매니페스트 (실시간 YAML)');
  await skip(page);
  const pasted = await readFile(join(ROOT, 'tests', 'fixtures', 'kubectl', 'mid-rollout.json'), 'utf8');
  await (await yamlText(page)).fill(pasted);
  assert.equal(await byTestId(page, 'yaml-mode').textContent(), '편집됨: 적용하거나 돌아갈 때까지 입력한 내용을 유지합니다.');
  const applied = await press(page, 'yaml-apply');
  assert.deepEqual(applied, {
    text: [
      'deployment.apps/http-go created',
      'replicaset.apps/http-go-5b8c4d7f9 created',
      'replicaset.apps/http-go-7d4f8b6c5 created',
      'pod/http-go-5b8c4d7f9-4xk2p created',
      'pod/http-go-5b8c4d7f9-9sd7q created',
      'pod/http-go-5b8c4d7f9-tq8mz created',
      'pod/http-go-7d4f8b6c5-x7q2w created',
    ].join('\n'),
    failed: false,
  });
  assert.match(await byTestId(page, 'yaml-restored').textContent(), /^붙여 넣은 클러스터 상태에서 새 실행을 시작했습니다/);
  // A new run, at 0 s, with the cluster's pods on the board under their own names.
  assert.equal(await byTestId(page, 'sim-time').textContent(), '0.0');
  assert.equal(await editing(page), false);
  const pods = await byTestId(page, 'pod').evaluateAll((nodes) => nodes.map((n) => n.dataset.name).sort());
  assert.deepEqual(pods, ['http-go-5b8c4d7f9-4xk2p', 'http-go-5b8c4d7f9-9sd7q', 'http-go-5b8c4d7f9-tq8mz', 'http-go-7d4f8b6c5-x7q2w']);
  assert.match((await run(page, 'kubectl rollout history deployment/http-go')).text, /^2 {9}/m);

  // The rollout the cluster was in goes on: revision 2 (v2) takes over every replica.
  for (let i = 0; i < 12; i++) await skip(page);
  const rs = (await run(page, 'kubectl get rs')).text;
  assert.match(rs, /^http-go-5b8c4d7f9 +0 +0 +0 /m);
  assert.match(rs, /^http-go-7d4f8b6c5 +3 +3 +3 /m);
  assert.match(await text(page), /image: gasbugs\/http-go:v2/);
  await screenshot(page, 'yaml-pasted-ko');
  assert.deepEqual(errors, []);
});

test('the terminal\'s own kubectl get deploy,rs,pods -o yaml, applied back, starts a run from where this one is', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await skip(page);
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'step').click();
  const listing = (await run(page, 'kubectl get deploy,rs,pods -o yaml')).text;
  const pods = async () => byTestId(page, 'pod').evaluateAll((nodes) => nodes.map((n) => n.dataset.name).sort());
  const before = await pods();
  await (await yamlText(page)).fill(listing);
  const applied = await run(page, 'kubectl apply -f manifests.yaml');
  assert.equal(applied.failed, false);
  assert.match(applied.text, /^deployment\.apps\/http-go created$/m);
  assert.match(applied.text, /A new run started from the pasted cluster state/);
  assert.equal(await byTestId(page, 'sim-time').textContent(), '0.0');
  assert.deepEqual(await pods(), before);
  assert.deepEqual(errors, []);
});

// Issue 28 #10: a careless paste of megabytes (5 MB of many small manifests, some 17,000 of
// them) is refused at once in the YAML reader's own words, before the page copies, draws or
// sends it, and the learner's edit stays as it was, to apply. (How long the page is blocked is a
// figure of the benchmark, `node bench.mjs paste`, not asserted here.)
test('a 5 MB paste of many manifests is refused at once with the reader\'s words, and the learner\'s edit is kept', async () => {
  const clipboard = ['clipboard-read', 'clipboard-write'];
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', permissions: clipboard });
  await skip(page);
  const area = await yamlText(page);
  const edited = (await text(page)).replace('  replicas: 4\n', '  replicas: 6\n');
  await area.fill(edited);
  const huge = manyDocuments(5 * 1024 * 1024);
  assert.ok(huge.length >= 5 * 1024 * 1024 && huge.split('---\n').length > 10_000);
  // Counts each time the browser put a text past the reader's limit into the field: the page
  // must refuse the paste before that (laying out 100,000 lines blocks the page for seconds).
  // Counted on the window, while capturing, so before any handler of the page puts a text back.
  await page.evaluate(() => {
    window.__inserted = 0;
    const field = document.querySelector('[data-testid="yaml-text"]');
    const inserted = (e) => e.target === field && field.textLength > 512 * 1024 && window.__inserted++;
    window.addEventListener('input', inserted, { capture: true });
  });
  await paste(page, area, huge, { selectAll: true });
  const result = byTestId(page, 'yaml-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-failed'), 'true');
  assert.equal(
    await byTestId(page, 'yaml-answer').textContent(),
    'error: manifests.yaml: the file is larger than the 512 KiB the simulator reads',
  );
  assert.equal(await byTestId(page, 'yaml-kept').textContent(), 'Nothing was pasted: the panel keeps your text as it was before.');
  // Nothing of the paste is in the panel, its gutter or the reader's queue: the edit is as it was.
  assert.equal(await page.evaluate(() => window.__inserted), 0, 'the paste went into the field before it was refused');
  assert.equal(await text(page), edited);
  assert.equal(await editing(page), true);
  assert.equal(await byTestId(page, 'yaml-reading').count(), 0);
  await screenshot(page, 'yaml-paste-refused');

  // The page goes on answering: the clock moves, and the edit applies.
  const moment = await byTestId(page, 'sim-time').textContent();
  await skip(page);
  assert.notEqual(await byTestId(page, 'sim-time').textContent(), moment);
  assert.deepEqual(await press(page, 'yaml-apply'), { text: 'deployment.apps/http-go configured\nservice/http-go unchanged', failed: false });
  assert.equal(await byTestId(page, 'yaml-kept').count(), 0);

  // Pasted into the live manifests, in Korean: the same refusal, the note in Korean, the live
  // manifests still shown and following the cluster.
  await byTestId(page, 'lang').selectOption('ko');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  await paste(page, area, huge);
  await byTestId(page, 'yaml-kept').waitFor();
  assert.equal(await byTestId(page, 'yaml-kept').textContent(), '붙여 넣지 않았습니다: 패널의 텍스트는 붙여 넣기 전 그대로입니다.');
  assert.equal(await editing(page), false);
  assert.match(await text(page), /^ {2}replicas: 6$/m);
  assert.ok((await text(page)).length < 10_000);
  assert.deepEqual(errors, []);
});

// A text dragged into the panel is measured as a paste is: megabytes are refused before the
// browser inserts them, with the same words; a short one goes in as the browser puts it.
test('text dropped into the YAML panel past the reader\'s limit is refused before it is inserted', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  const area = await yamlText(page);
  const before = await text(page);
  const drop = (size) =>
    page.evaluate((size) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'x'.repeat(size));
      const event = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      document.querySelector('[data-testid="yaml-text"]').dispatchEvent(event);
      return event.defaultPrevented;
    }, size);
  assert.equal(await drop(100), false, 'a short drop is left to the browser');
  assert.equal(await byTestId(page, 'yaml-kept').count(), 0);
  assert.equal(await drop(2 * 1024 * 1024), true, 'a drop of 2 MiB was not stopped');
  await byTestId(page, 'yaml-kept').waitFor();
  assert.equal(
    await byTestId(page, 'yaml-answer').textContent(),
    'error: manifests.yaml: the file is larger than the 512 KiB the simulator reads',
  );
  assert.equal(await area.inputValue(), before);
  assert.deepEqual(errors, []);
});
