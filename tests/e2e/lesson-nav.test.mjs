// Moving about a lesson (issue 27, "How every lesson teaches"): the basics lesson completed in
// Korean and the pause/resume lesson in English, with Back, the part of the page each step talks
// about marked (an outline and a label; the stage never scrolled away), the hint's command clicked
// into the terminal, a link that carries the lesson and its step (and a tampered one refused),
// and a lesson resumed on the next visit. The clock is driven by +10 s, never by waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import { servedApp, openPage, screenshot, byTestId, lessonStep, stepDone, atStep, skipUntilDone } from './harness.mjs';

const app = servedApp();

const LAPTOP = { width: 1280, height: 720 };
const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };

const step = lessonStep;

/** Types a command in the console and waits for its answer. */
async function type(page, line) {
  const before = await byTestId(page, 'console-entry').count();
  await byTestId(page, 'console-input').fill(line);
  await byTestId(page, 'console-input').press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="console-entry"]').length > n, before);
}

/** The marked part of the page: the elements with data-spot, and the lesson's line about it. */
async function marked(page) {
  const spots = await page.locator('.spot').evaluateAll((els) =>
    els.filter((el) => el.getClientRects().length > 0).map((el) => ({ spot: el.dataset.spot, label: el.dataset.spotLabel })),
  );
  const line = (await byTestId(page, 'lesson-spot').count()) ? await byTestId(page, 'lesson-spot').getAttribute('data-spot') : null;
  return { spots, line };
}

/** Asserts that `spot` is marked (outlined, labelled) and named in the lesson panel. */
async function assertMarked(page, spot, label) {
  const m = await marked(page);
  assert.equal(m.line, spot, `the lesson names ${spot}: ${JSON.stringify(m)}`);
  assert.ok(m.spots.length > 0 && m.spots.every((s) => s.spot === spot && s.label === label), JSON.stringify(m));
  // Not by colour alone: a dashed outline, and the label drawn beside it.
  const el = page.locator(`.spot[data-spot="${spot}"]`).first();
  const style = await el.evaluate((e) => {
    const s = getComputedStyle(e);
    return { outline: s.outlineStyle, width: s.outlineWidth, after: getComputedStyle(e, '::after').content };
  });
  assert.equal(style.outline, 'dashed');
  assert.equal(style.width, '3px');
  assert.equal(style.after, JSON.stringify(label));
}

/** Asserts the page did not scroll and every ReplicaSet and pod is inside the viewport. */
async function stageInView(page, what) {
  const { width, height } = page.viewportSize();
  assert.deepEqual(await page.evaluate(() => [window.scrollX, window.scrollY]), [0, 0], `${what}: the page scrolled`);
  const boxes = await page
    .locator('[data-testid="replicaset"], [data-testid="pod"]')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()));
  assert.ok(boxes.length > 0, `${what}: no ReplicaSet or pod`);
  for (const b of boxes) {
    assert.ok(b.x >= 0 && b.y >= 0 && b.right <= width && b.bottom <= height, `${what}: ${JSON.stringify(b)} outside ${width}x${height}`);
  }
}

async function next(page) {
  await byTestId(page, 'lesson-next').click();
}
async function back(page) {
  await byTestId(page, 'lesson-back').click();
}

test('basics, in Korean at 1280x720: Back, the marked parts, the hint command clicked into the terminal, to the end', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'ko-KR', viewport: LAPTOP });
  await page.locator('[data-testid="lesson"][data-lesson="basics"]').click();
  const mark = '◆ 이 단계';

  // Step 1 reads about the pods: they are marked; there is no step before.
  await atStep(page, 0, 'read');
  await assertMarked(page, 'pods', mark);
  assert.match(await byTestId(page, 'lesson-spot').textContent(), /^◆ 볼 곳: 파드$/);
  assert.equal(await byTestId(page, 'lesson-back').isDisabled(), true);
  assert.equal(await byTestId(page, 'lesson-back').textContent(), '← 이전');
  await stageInView(page, 'step 1');
  await next(page);

  // Step 2 asks for a command: the terminal is marked, and the hint's command, clicked, waits in
  // its prompt, focused and not run (as Killercoda does); Enter runs it.
  await atStep(page, 1, 'do');
  await assertMarked(page, 'terminal', mark);
  const entries = await byTestId(page, 'console-entry').count();
  await byTestId(page, 'lesson-command').click();
  assert.equal(await byTestId(page, 'console-input').inputValue(), 'kubectl get pods --show-labels');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'console-input');
  assert.equal(await byTestId(page, 'console-entry').count(), entries, 'a click does not run it');
  assert.equal(await stepDone(page), false);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  assert.match(await byTestId(page, 'console-entry').last().textContent(), /app=http-go/);
  await stageInView(page, 'step 2, a command run');
  await next(page);

  await atStep(page, 2, 'do');
  await byTestId(page, 'lesson-command').click();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  const typed = await byTestId(page, 'console-entry').count();

  // Back, by keyboard: the step before is shown done, and nothing is run again.
  await byTestId(page, 'lesson-back').focus();
  await page.keyboard.press('Enter');
  await atStep(page, 1, 'do');
  assert.equal(await stepDone(page), true);
  assert.equal(await byTestId(page, 'lesson-show-me').isDisabled(), true);
  assert.equal(await byTestId(page, 'console-entry').count(), typed);
  await next(page);
  await atStep(page, 2, 'do');
  assert.equal(await stepDone(page), true);
  await next(page);

  await atStep(page, 3, 'read');
  await assertMarked(page, 'pods', mark);
  await next(page);

  // The prediction: where its figure is seen (the pods) is marked.
  await atStep(page, 4, 'predict');
  await assertMarked(page, 'pods', mark);
  await page.locator('[data-testid="lesson-choice"][data-choice="3"]').click();
  await next(page);

  // Delete a pod: its button is marked.
  await atStep(page, 5, 'do');
  await assertMarked(page, 'delete-pod', mark);
  await screenshot(page, 'lesson-spot-ko-1280');
  await byTestId(page, 'delete-pod').click();
  assert.equal(await stepDone(page), true);
  await next(page);

  await atStep(page, 6, 'do');
  await assertMarked(page, 'play', mark);
  await skipUntilDone(page);
  await stageInView(page, 'step 7, played');
  await next(page);

  await atStep(page, 7, 'reveal');
  assert.equal(await byTestId(page, 'lesson-reveal').textContent(), '✓ 예측 3, 엔진의 결과 3. 맞았습니다.');

  // Back to the prediction: the answer given is shown, and cannot be changed.
  await back(page);
  await back(page);
  await back(page);
  await atStep(page, 4, 'predict');
  assert.equal(await stepDone(page), true);
  const three = page.locator('[data-testid="lesson-choice"][data-choice="3"]');
  assert.equal(await three.getAttribute('aria-pressed'), 'true');
  assert.equal(await three.isDisabled(), true);
  assert.equal(await byTestId(page, 'lesson-predicted').textContent(), '예측: 3. 이제 지켜보세요.');
  await next(page);
  await next(page);
  await next(page);
  await atStep(page, 7, 'reveal');
  assert.equal(await byTestId(page, 'lesson-reveal').getAttribute('data-engine'), '3');
  await next(page);

  assert.equal(await step(page).getAttribute('data-kind'), 'free-play');
  assert.equal(await page.locator('.spot').count(), 0, 'free play marks nothing');
  assert.equal(await page.locator('[data-testid="lesson"][data-lesson="basics"]').getAttribute('data-done'), 'true');
  // Finished: nothing is offered to resume on the next visit.
  await page.reload();
  await byTestId(page, 'lessons-done').waitFor();
  assert.equal(await byTestId(page, 'resume-offer').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

/** The link's JSON, changed by `edit`, written back as the page writes links. */
function tampered(fragment, edit) {
  const [, schema, payload] = fragment.match(/run=(\d+)\.([A-Za-z0-9_-]+)/);
  const json = JSON.parse(inflateSync(Buffer.from(payload, 'base64url')).toString());
  edit(json);
  return `#run=${schema}.${deflateSync(Buffer.from(JSON.stringify(json))).toString('base64url')}`;
}

test('pause-resume, in English at 1920x1080: to the end, with a link that carries the lesson and a lesson resumed on the next visit', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: PROJECTOR });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await page.goto(app.server.url);
  await page.locator('[data-testid="lesson"][data-lesson="pause-resume"]').click();
  const mark = '◆ this step';

  await atStep(page, 0, 'read');
  await next(page);
  await atStep(page, 1, 'do');
  await assertMarked(page, 'deploy', mark);
  await byTestId(page, 'deploy-new-version').click();
  await next(page);
  await atStep(page, 2, 'do');
  await skipUntilDone(page);
  await next(page);
  await atStep(page, 3, 'do');
  await type(page, 'kubectl rollout pause deployment/http-go');
  assert.equal(await stepDone(page), true);
  await next(page);

  // The revision is seen on the ReplicaSets: they are marked.
  await atStep(page, 4, 'predict');
  await assertMarked(page, 'replicasets', mark);
  await stageInView(page, 'the prediction');
  await screenshot(page, 'lesson-spot-1920');
  await page.locator('[data-testid="lesson-choice"][data-choice="3"]').click();
  await next(page);
  await atStep(page, 5, 'do');
  await type(page, 'kubectl set image deployment/http-go http-go=gasbugs/http-go:v3');
  await next(page);
  await atStep(page, 6, 'do');
  const clock = await byTestId(page, 'sim-time').textContent();

  // A link made here carries the lesson, its step and the prediction.
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  assert.match(link, /#run=2\./);
  const fragment = link.slice(link.indexOf('#'));
  const other = await app.browser.newPage({ locale: 'en-US', viewport: LAPTOP });
  await other.goto(app.server.url + fragment);
  await atStep(other, 6, 'do');
  await other.waitForFunction((t) => document.querySelector('[data-testid="sim-time"]')?.textContent === t, clock);
  assert.equal(await byTestId(other, 'lesson-panel').getAttribute('data-lesson'), 'pause-resume');
  assert.equal(await byTestId(other, 'lesson-progress').textContent(), 'Step 7 of 12');
  await assertMarked(other, 'play', mark);
  await stageInView(other, 'a lesson link opened');
  // Back there shows the prediction the link carried.
  await back(other);
  await back(other);
  await atStep(other, 4, 'predict');
  assert.equal(await other.locator('[data-testid="lesson-choice"][data-choice="3"]').getAttribute('aria-pressed'), 'true');

  // Tampered: a lesson the page does not have, a step it does not have. Refused with the reason.
  for (const [edit, reason] of [
    [(j) => (j.L.i = 'pause-and-resume'), 'it names a lesson this page does not have ("pause-and-resume")'],
    [(j) => (j.L.n = 99), 'the lesson "pause-resume" has 12 steps, and the link asks for step 100'],
  ]) {
    await other.goto('about:blank');
    await other.goto(app.server.url + tampered(fragment, edit));
    await byTestId(other, 'share-error').waitFor();
    assert.equal(
      await byTestId(other, 'share-error').textContent(),
      `This shared link cannot be opened: ${reason}. The default run is shown instead.`,
    );
    assert.equal(await byTestId(other, 'lesson-panel').count(), 0);
  }
  await other.close();

  // The next visit (the same browser): the lesson is offered where it was left.
  await page.goto('about:blank');
  await page.goto(app.server.url);
  const offer = byTestId(page, 'resume-offer');
  await offer.waitFor();
  assert.equal(await offer.getAttribute('data-lesson'), 'pause-resume');
  assert.equal(await offer.getAttribute('data-step'), '6');
  await page.waitForFunction(() => /Resume the lesson “Pause and resume a rollout” at step 7 of 12/.test(document.querySelector('[data-testid="resume-lesson"]')?.textContent ?? ''));
  await byTestId(page, 'resume-lesson').click();
  await atStep(page, 6, 'do');
  await page.waitForFunction((t) => document.querySelector('[data-testid="sim-time"]')?.textContent === t, clock);
  assert.equal(await byTestId(page, 'resume-offer').count(), 0);
  await skipUntilDone(page);
  await next(page);

  await atStep(page, 7, 'do');
  await type(page, 'kubectl set image deployment/http-go http-go=gasbugs/http-go:v4');
  await next(page);
  await atStep(page, 8, 'do');
  await type(page, 'kubectl rollout undo deployment/http-go');
  assert.match(await byTestId(page, 'console-entry').last().textContent(), /paused/);
  await next(page);
  await atStep(page, 9, 'do');
  await type(page, 'kubectl rollout resume deployment/http-go');
  await next(page);
  await atStep(page, 10, 'do');
  await skipUntilDone(page);
  await stageInView(page, 'rolled out');
  await next(page);
  await atStep(page, 11, 'reveal');
  await assertMarked(page, 'replicasets', mark);
  assert.equal(await byTestId(page, 'lesson-reveal').getAttribute('data-engine'), '3');
  assert.equal(await byTestId(page, 'lesson-reveal').getAttribute('data-predicted'), '3');
  await next(page);
  assert.equal(await step(page).getAttribute('data-kind'), 'free-play');

  // Finished: the next visit offers nothing.
  await page.goto('about:blank');
  await page.goto(app.server.url);
  await byTestId(page, 'lessons-done').waitFor();
  assert.equal(await byTestId(page, 'resume-offer').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('progress-deadline, in English at 1280x720: the time slider taken back by "show me" and forward by hand, the stage showing the pods of each moment', async () => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US', viewport: LAPTOP });
  await page.locator('[data-testid="lesson"][data-lesson="progress-deadline"]').click();
  const mark = '◆ this step';
  const clock = () => byTestId(page, 'sim-time').textContent();
  /** The pods on the stage: [image tag, ready] of each, not shutting down, in a stable order. */
  const pods = async () =>
    (
      await page.locator('[data-testid="pod"][data-terminating="false"]').evaluateAll((els) =>
        els.map((el) => `${el.dataset.image.split(':').pop()} ${el.dataset.ready === 'true' ? 'ready' : 'not ready'}`),
      )
    ).sort();

  await atStep(page, 0, 'read');
  await next(page);
  await atStep(page, 1, 'predict');
  await page.locator('[data-testid="lesson-choice"][data-choice="3"]').click();
  await next(page);
  await atStep(page, 2, 'do');
  await byTestId(page, 'lesson-show-me').click();
  await next(page);
  await atStep(page, 3, 'do');
  await skipUntilDone(page);
  await next(page);
  await atStep(page, 4, 'do');
  await skipUntilDone(page);
  const deadline = await clock();
  assert.equal(deadline, '50.6', 'the step stops the clock the moment the deadline passes');
  await next(page);
  await atStep(page, 5, 'reveal');
  await next(page);
  await atStep(page, 6, 'read');
  await next(page);

  // Back to the last progress: the slider is marked; "show me" moves it, and the clock stays.
  await atStep(page, 7, 'do');
  await assertMarked(page, 'time-slider', mark);
  assert.equal(await stepDone(page), false);
  await byTestId(page, 'lesson-show-me').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  assert.equal(await clock(), '22.0');
  assert.equal(await byTestId(page, 'time-slider').inputValue(), '22000');
  assert.equal(await byTestId(page, 'play').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(await pods(), ['v1 ready', 'v1 ready', 'v1 ready', 'v2 not ready', 'v2 not ready']);
  await stageInView(page, 'back at 22 s');
  await next(page);

  // Forward again by hand, as a learner drags it: short of the deadline is not it; the slider's
  // end, the very moment the run stopped at, is.
  await atStep(page, 8, 'do');
  await assertMarked(page, 'time-slider', mark);
  const drag = (ms) =>
    byTestId(page, 'time-slider').evaluate((el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, ms);
  await drag(50000);
  await page.waitForFunction(() => document.querySelector('[data-testid="sim-time"]')?.textContent === '50.0');
  assert.equal(await stepDone(page), false);
  assert.equal(await byTestId(page, 'time-slider').getAttribute('max'), '50600');
  await drag(50600);
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  assert.equal(await clock(), deadline);
  assert.deepEqual(await pods(), ['v1 ready', 'v1 ready', 'v1 ready', 'v2 not ready', 'v2 not ready']);
  await stageInView(page, 'forward at the deadline');
  await screenshot(page, 'lesson-time-slider');
  await next(page);

  // The rollback happens from there, as before.
  await atStep(page, 9, 'do');
  await byTestId(page, 'lesson-show-me').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="lesson-step"]')?.dataset.done === 'true');
  await next(page);
  await atStep(page, 10, 'do');
  await skipUntilDone(page);
  await next(page);
  assert.equal(await step(page).getAttribute('data-kind'), 'free-play');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a stored place that was edited is passed over; the offer can be put away', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', viewport: LAPTOP });
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('rolloutscope.lessons.at', '#run=2.not-a-run');
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(app.server.url);
  await byTestId(page, 'lessons-done').waitFor();
  assert.equal(await byTestId(page, 'resume-offer').count(), 0);
  assert.equal(await byTestId(page, 'share-error').count(), 0, 'no message for what the browser kept');

  // A lesson left at its second step; "Not now" puts the offer away and keeps it for later.
  await page.locator('[data-testid="lesson"][data-lesson="basics"]').click();
  await next(page);
  await atStep(page, 1, 'do');
  await page.reload();
  await byTestId(page, 'resume-offer').waitFor();
  await byTestId(page, 'resume-dismiss').click();
  assert.equal(await byTestId(page, 'resume-offer').count(), 0);
  await page.reload();
  await byTestId(page, 'resume-offer').waitFor();
  assert.equal(await byTestId(page, 'resume-offer').getAttribute('data-step'), '1');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the mark respects reduced motion and sits on the phone and the embed layouts', async () => {
  // Motion: a short pulse, none when less motion is asked for.
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const page = await app.browser.newPage({ locale: 'en-US', viewport: LAPTOP, reducedMotion });
    await page.goto(app.server.url);
    await page.locator('[data-testid="lesson"][data-lesson="basics"]').click();
    await atStep(page, 0, 'read');
    const animation = await page.locator('.spot').first().evaluate((e) => getComputedStyle(e).animationName);
    assert.equal(animation, reducedMotion === 'reduce' ? 'none' : 'spot-pulse', reducedMotion);
    await page.close();
  }

  // The phone: the lesson and its mark, the stage first.
  const phone = await app.browser.newPage({ locale: 'ko-KR', viewport: PHONE });
  await phone.goto(app.server.url);
  await phone.locator('[data-testid="lesson"][data-lesson="basics"]').click();
  await atStep(phone, 0, 'read');
  await assertMarked(phone, 'pods', '◆ 이 단계');
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scroll');
  await screenshot(phone, 'lesson-spot-phone-ko');
  await phone.close();

  // The embed (640x400) of a lesson's link: the run, compact, with no lesson chrome.
  const page = await app.browser.newPage({ locale: 'en-US', viewport: LAPTOP });
  await page.goto(app.server.url);
  await page.locator('[data-testid="lesson"][data-lesson="basics"]').click();
  await next(page);
  await byTestId(page, 'share').click();
  const link = await byTestId(page, 'share-link').inputValue();
  await page.close();
  const embed = await app.browser.newPage({ locale: 'en-US', viewport: { width: 640, height: 400 } });
  await embed.goto(`${app.server.url}#embed&${link.slice(link.indexOf('#') + 1)}`);
  await byTestId(embed, 'pod').first().waitFor();
  await embed.waitForFunction(() => !document.querySelector('[data-testid="opening"]'));
  assert.equal(await byTestId(embed, 'lesson-panel').count(), 0);
  assert.equal(await embed.locator('.spot').count(), 0);
  await screenshot(embed, 'lesson-embed-640');
  await embed.close();
});
