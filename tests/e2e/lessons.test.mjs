// Lessons through the page: three lessons completed by typing commands, clicking buttons and
// changing settings (one in Korean, one in classroom mode), with the clock driven by +10 s, so
// that each step is checked at a simulated moment, never after a wait on the wall clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedApp, openPage, screenshot, byTestId, lessonStep, stepDone, atStep, skipUntilDone, clockAt } from './harness.mjs';

const app = servedApp();

const step = lessonStep;

/** Types a command in the console and waits for its answer. */
async function type(page, line) {
  const before = await byTestId(page, 'console-entry').count();
  await byTestId(page, 'console-input').fill(line);
  await byTestId(page, 'console-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-entry"]').length > n, before);
}

async function next(page) {
  await byTestId(page, 'lesson-next').click();
}

test('rollout-commands, in English, by typing kubectl: undo gives revision 4; finished lessons are kept', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await page.locator('[data-testid="lesson"][data-lesson="rollout-commands"]').click();
  assert.equal(await byTestId(page, 'lesson-panel').getAttribute('data-lesson'), 'rollout-commands');
  // The lesson's run starts with the app up.
  assert.equal(await byTestId(page, 'sim-time').textContent(), '20.0');

  // The monitor of the course, in the background: its answers come between the commands.
  await atStep(page, 0, 'do');
  await type(page, 'while true; do curl http-go; sleep 1; done &');
  assert.equal(await stepDone(page), true);
  await next(page);

  await atStep(page, 1, 'do');
  assert.equal(await stepDone(page), false);
  await type(page, 'kubectl set image deployment/http-go http-go=gasbugs/http-go:v2');
  assert.equal(await stepDone(page), true);
  await next(page);

  await atStep(page, 2, 'do');
  await type(page, 'kubectl rollout status deployment/http-go');
  assert.equal(await stepDone(page), true);
  await next(page);

  await atStep(page, 3, 'do');
  await skipUntilDone(page);
  // The page shows what the lesson saw: every pod runs v2.
  const images = await byTestId(page, 'pod').evaluateAll((pods) => pods.map((p) => p.dataset.image));
  assert.ok(images.length === 4 && images.every((i) => i.endsWith(':v2')), JSON.stringify(images));
  // The monitor's answers, wherever they were printed: between rollout status's lines while it
  // ran in the foreground (one screen, as a terminal), in entries of their own after it.
  const answers = await page
    .locator('[data-testid="console-entry"] [data-testid="console-answer"]')
    .evaluateAll((els) => els.flatMap((e) => e.textContent.split('\n')).filter((l) => l.startsWith('Welcome!')));
  assert.ok(answers.includes('Welcome! http-go:v1') && answers.at(-1) === 'Welcome! http-go:v2', JSON.stringify(answers));
  const status = await page
    .locator('[data-testid="console-entry"]', { hasText: 'kubectl rollout status deployment/http-go' })
    .first()
    .locator('[data-testid="console-answer"]')
    .textContent();
  assert.match(status, /Waiting for deployment[^]*Welcome! http-go[^]*successfully rolled out$/, status);
  await next(page);

  await atStep(page, 4, 'do');
  await type(page, 'kubectl set image deployment/http-go http-go=gasbugs/http-go:v3');
  await next(page);
  await atStep(page, 5, 'do');
  await skipUntilDone(page);
  await next(page);

  await atStep(page, 6, 'do');
  await type(page, 'kubectl rollout history deployment/http-go');
  await next(page);

  await atStep(page, 7, 'predict');
  // Not a number: told, and nothing is kept.
  await byTestId(page, 'lesson-prediction').fill('-1');
  await byTestId(page, 'lesson-predict').click();
  assert.equal(await byTestId(page, 'lesson-prediction').getAttribute('aria-invalid'), 'true');
  assert.equal(await stepDone(page), false);
  await byTestId(page, 'lesson-prediction').fill('2');
  await byTestId(page, 'lesson-predict').click();
  assert.equal(await stepDone(page), true);
  await next(page);

  await atStep(page, 8, 'do');
  await type(page, 'kubectl rollout undo deployment/http-go');
  await next(page);
  await atStep(page, 9, 'do');
  await skipUntilDone(page);
  await next(page);

  await atStep(page, 10, 'reveal');
  const reveal = byTestId(page, 'lesson-reveal');
  assert.equal(await reveal.getAttribute('data-predicted'), '2');
  assert.equal(await reveal.getAttribute('data-engine'), '4');
  assert.match(await reveal.textContent(), /^✗ You predicted 2; the engine: 4\.$/);
  // The figure is the cluster's: kubectl agrees.
  await type(page, 'kubectl rollout history deployment/http-go');
  const history = await byTestId(page, 'console-entry').last().locator('[data-testid="console-answer"]').textContent();
  assert.equal(history, 'deployment.apps/http-go \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>');
  await next(page);

  await atStep(page, 11, 'do');
  await byTestId(page, 'lesson-show-me').click();
  assert.equal(await stepDone(page), true);
  assert.equal(
    await byTestId(page, 'console-entry').last().locator('[data-testid="console-answer"]').textContent(),
    'deployment.apps/http-go rolled back',
  );
  await next(page);

  // Free play, with the lesson's run; the lesson is marked done, and stays so in this browser.
  assert.equal(await step(page).getAttribute('data-kind'), 'free-play');
  const done = page.locator('[data-testid="lesson"][data-lesson="rollout-commands"]');
  assert.equal(await done.getAttribute('data-done'), 'true');
  assert.match(await byTestId(page, 'lessons-done').textContent(), /^1 of \d+ done$/);
  await byTestId(page, 'lesson-exit').click();
  assert.equal(await byTestId(page, 'lesson-panel').count(), 0);
  assert.equal(await byTestId(page, 'pod').count(), 4, 'the run stays for free play');
  await page.reload();
  assert.equal(await done.getAttribute('data-done'), 'true');
  assert.deepEqual(errors, []);
  await page.close();
});

test('surge-and-unavailable, in Korean, by buttons: predictions next to the engine figures', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR' });
  await page.locator('[data-testid="lesson"][data-lesson="surge-and-unavailable"]').click();
  await atStep(page, 0, 'read');
  assert.match(await byTestId(page, 'lesson-narration').textContent(), /레플리카 4개/);
  assert.equal(await byTestId(page, 'lesson-next').textContent(), '다음');
  await next(page);

  await atStep(page, 1, 'predict');
  await byTestId(page, 'lesson-prediction').fill('5');
  await byTestId(page, 'lesson-predict').click();
  assert.equal(await byTestId(page, 'lesson-predicted').textContent(), '예측: 5. 이제 지켜보세요.');
  await next(page);

  await atStep(page, 2, 'do');
  await byTestId(page, 'deploy-new-version').click();
  assert.equal(await stepDone(page), true);
  await next(page);
  await atStep(page, 3, 'do');
  await skipUntilDone(page);
  await next(page);

  await atStep(page, 4, 'reveal');
  assert.equal(await byTestId(page, 'lesson-reveal').textContent(), '✓ 예측 5, 엔진의 결과 5. 맞았습니다.');
  await next(page);

  // What the bound counts: the ReplicaSets' replicas, not pods still shutting down.
  await atStep(page, 5, 'read');
  assert.match(await byTestId(page, 'lesson-narration').textContent(), /종료 중인 파드는 세지 않습니다/);
  await next(page);

  await atStep(page, 6, 'predict');
  await byTestId(page, 'lesson-prediction').fill('2');
  await byTestId(page, 'lesson-predict').click();
  await next(page);
  await atStep(page, 7, 'do');
  await byTestId(page, 'deploy-new-version').click();
  await next(page);
  await atStep(page, 8, 'do');
  await skipUntilDone(page);
  await next(page);
  await atStep(page, 9, 'reveal');
  assert.equal(await byTestId(page, 'lesson-reveal').getAttribute('data-engine'), '3');
  assert.equal(await byTestId(page, 'lesson-reveal').textContent(), '✗ 예측 2, 엔진의 결과 3.');
  await screenshot(page, 'lesson-ko');
  await next(page);

  // Back to the middle of the v3 rollout, by "show me": the stage shows that moment's 5 pods,
  // 3 of them available, and the clock stays there.
  await atStep(page, 10, 'do');
  await byTestId(page, 'lesson-show-me').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  assert.equal(await byTestId(page, 'sim-time').textContent(), '34.0');
  assert.equal(await page.locator('[data-testid="pod"]').count(), 5);
  assert.equal(await page.locator('[data-testid="pod"][data-available="true"]').count(), 3);
  assert.equal(await byTestId(page, 'play').getAttribute('aria-pressed'), 'false');
  await next(page);

  // A v3 pod not Ready, clicked by the learner, opens its explanation; a v2 pod does not do it.
  await atStep(page, 11, 'do');
  await page.locator('[data-testid="pod"][data-image$=":v2"]').first().click();
  assert.equal(await stepDone(page), false);
  await page.locator('[data-testid="pod"][data-image$=":v3"][data-ready="false"]').first().click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  assert.match(
    await byTestId(page, 'explanation').textContent(),
    /Ready: 아니요\. 레디니스 프로브를 통과할 때까지 서비스가 요청을 보내지 않습니다\./,
  );
  await next(page);
  assert.equal(await step(page).getAttribute('data-kind'), 'free-play');
  assert.match(await byTestId(page, 'lessons-done').textContent(), /개 중 1개 완료$/);

  // The language can change at any moment without losing the run or the lesson.
  const clock = await byTestId(page, 'sim-time').textContent();
  await byTestId(page, 'lang').selectOption('en');
  assert.equal(await byTestId(page, 'sim-time').textContent(), clock);
  assert.match(await byTestId(page, 'lesson-narration').textContent(), /^Free play/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('zero-and-zero, in classroom mode: the refused settings, then one step per key press', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: { width: 1920, height: 1080 } });
  await page.locator('[data-testid="lesson"][data-lesson="zero-and-zero"]').click();
  await byTestId(page, 'classroom').click();
  assert.equal(await byTestId(page, 'classroom').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.app.classroom').count(), 1);

  // Step 1: the learner types 0 and 0; the apiserver's words are shown, and the step is done.
  await atStep(page, 0, 'do');
  await byTestId(page, 'max-surge').fill('0');
  await byTestId(page, 'max-unavailable').fill('0');
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  assert.match(await byTestId(page, 'setup-errors').textContent(), /maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0/);

  // From here the presenter's key does each step: Next, or Show me while a step waits.
  // (The focus stays on the last button pressed, as it would for a presenter.)
  const key = async () => {
    if (await page.evaluate(() => ['INPUT', 'SELECT'].includes(document.activeElement?.tagName))) {
      await byTestId(page, 'classroom').focus();
    }
    await page.keyboard.press('PageDown');
  };
  await key(); // next
  await atStep(page, 1, 'do');
  await key(); // show me: maxUnavailable 10%, applied
  assert.equal(await stepDone(page), true);
  assert.equal(await byTestId(page, 'max-unavailable').inputValue(), '10%');
  // 10% of 4 rounds down to 0: with maxSurge 0 that is 0 and 0, and the controller takes 1.
  assert.match(await byTestId(page, "resolved").textContent(), /surge 0, unavailable 1: at most 4 pods, at least 3 available/);
  await key(); // next
  await atStep(page, 2, 'predict');
  await byTestId(page, 'lesson-prediction').fill('3');
  await byTestId(page, 'lesson-predict').click();
  await key(); // next
  await atStep(page, 3, 'do');
  await key(); // show me: deploy
  assert.equal(await stepDone(page), true);
  await key(); // next
  await atStep(page, 4, 'do');
  await skipUntilDone(page, 40);
  await key(); // next
  await atStep(page, 5, 'reveal');
  assert.equal(await byTestId(page, 'lesson-reveal').getAttribute('data-engine'), '3');
  await screenshot(page, 'lesson-classroom');
  await key(); // next: free play
  assert.equal(await step(page).getAttribute('data-kind'), 'free-play');
  assert.deepEqual(errors, []);
  await page.close();
});

test('kubectl rolling-update answers as modern kubectl does and points to the lesson about it', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await type(page, 'kubectl rolling-update http-go');
  const entry = byTestId(page, 'console-entry').last();
  assert.match(await entry.locator('[data-testid="console-answer"]').textContent(), /^error: unknown command "rolling-update" for "kubectl"/);
  await entry.locator('[data-testid="console-lesson"]').click();
  assert.equal(await byTestId(page, 'lesson-panel').getAttribute('data-lesson'), 'kubectl-rolling-update');
  await atStep(page, 0, 'read');
  await next(page);
  await atStep(page, 1, 'do');
  await type(page, 'kubectl rolling-update http-go');
  assert.equal(await stepDone(page), true);
  // Inside the lesson, the answer points nowhere else.
  assert.equal(await byTestId(page, 'console-lesson').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the lessons words come after the first render; without them the picker says why and the page goes on', async () => {
  // The words are fetched from lessons.json; the simulator itself needs none of them.
  const page = await app.browser.newPage({ locale: 'en-US' });
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.route('**/lessons.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(app.server.url);
  const alert = byTestId(page, 'lessons-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^The lessons could not be loaded \(lessons\.json: HTTP 404\)/);
  assert.equal(await byTestId(page, 'lesson').count(), 0);
  await byTestId(page, 'step').click();
  await clockAt(page, '0.1');
  assert.deepEqual(errors, []);
  await page.close();

  // A file from another build of the page is refused, in the learner's language.
  const ko = await app.browser.newPage({ locale: 'ko-KR' });
  await ko.route('**/lessons.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{}' }));
  await ko.goto(app.server.url);
  await byTestId(ko, 'lessons-error').waitFor();
  assert.match(await byTestId(ko, 'lessons-error').textContent(), /^레슨을 불러오지 못했습니다\(lessons\.json: the texts of the lesson "[a-z-]+" do not match this page\)/);
  await ko.close();
});
