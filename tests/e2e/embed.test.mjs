// The embed view, for an <iframe> in a blog post: the Embed button's snippet, the view at 640x400,
// and the example blog page of static/ served from a sub-path, as a static host would.
import { test } from 'node:test';
import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { servedApp, openPage, screenshot, byTestId, clockAt } from './harness.mjs';

const SUB_PATH = '/courses/kubernetes/rolloutscope/';
const app = servedApp(SUB_PATH);

/** Fails when the document scrolls sideways. */
async function assertNoSidewaysScroll(frame, what) {
  const { scroll, client } = await frame.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what}: ${scroll} px wide in ${client} px`);
}

test('the Embed button gives an <iframe> that shows the run, at 640x400, with a way to the full tool', async (t) => {
  const { page, errors } = await openPage(app.browser, app.server.url, { locale: 'en-US' });
  await byTestId(page, 'sim-time').waitFor();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'deploy-new-version').click();
  await byTestId(page, 'step').click();
  await byTestId(page, 'step').click();
  await clockAt(page, '10.2');
  await byTestId(page, 'embed').click();
  const snippet = await byTestId(page, 'share-link').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/courses\/kubernetes\/rolloutscope\/#embed&amp;run=1\.[\w-]+" title="RolloutScope: RollingUpdate, \d+\.\d s" width="640" height="400"/);
  const pods = await page.evaluate(() => [...document.querySelectorAll('[data-testid="pod"]')].map((p) => p.dataset.name + ' ' + p.dataset.phase));

  // A blog post made of the snippet alone, on a site of its own (another origin).
  const blog = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html lang="en"><title>A post</title><link rel="icon" href="data:,"><h1>A post</h1>${snippet}<p>After.</p></html>`);
  });
  await new Promise((ok) => blog.listen(0, '127.0.0.1', ok));
  t.after(() => new Promise((ok) => blog.close(ok)));
  const postUrl = `http://localhost:${blog.address().port}/post.html`;
  const post = await openPage(app.browser, postUrl, { viewport: { width: 800, height: 600 } });
  const frame = await (await post.page.waitForSelector('iframe')).contentFrame();
  await clockAt(frame, '10.2');
  assert.deepEqual(
    await frame.evaluate(() => [...document.querySelectorAll('[data-testid="pod"]')].map((p) => p.dataset.name + ' ' + p.dataset.phase)),
    pods,
  );
  // Compact: the time controls and the view; no setup panel, action row or charts.
  for (const id of ['play', 'step', 'speed', 'time-slider', 'replicaset']) assert.ok(await frame.locator(`[data-testid="${id}"]`).count(), id);
  for (const id of ['strategy', 'deploy-new-version', 'chart-pods', 'share', 'embed']) {
    assert.equal(await frame.locator(`[data-testid="${id}"]`).count(), 0, id);
  }
  await assertNoSidewaysScroll(frame, 'the embed at 640x400');
  // The clock and the play button are in the first 400 px, without scrolling.
  for (const id of ['play', 'sim-time']) {
    const box = await frame.locator(`[data-testid="${id}"]`).boundingBox();
    assert.ok(box && box.y + box.height <= 400 + (await post.page.locator('iframe').boundingBox()).y, `${id} is visible`);
  }
  // Playing inside the post moves the run and leaves the post as it was.
  await frame.locator('[data-testid="play"]').click();
  await frame.waitForFunction(() => Number(document.querySelector('[data-testid="sim-time"]').textContent) > 11);
  await frame.locator('[data-testid="play"]').click();
  assert.equal(post.page.url(), postUrl);
  assert.equal(await post.page.title(), 'A post');
  assert.equal(await post.page.evaluate(() => window.scrollY), 0);
  // "Open in the full tool" opens this run at this moment, not the embed.
  const time = await frame.locator('[data-testid="sim-time"]').textContent();
  const [full] = await Promise.all([post.page.context().waitForEvent('page'), frame.locator('[data-testid="open-full"]').click()]);
  await full.waitForLoadState();
  assert.match(full.url(), /\/courses\/kubernetes\/rolloutscope\/#run=1\.[\w-]+$/);
  await clockAt(full, time);
  assert.equal(await full.locator('[data-testid="strategy"]').count(), 1, 'the full tool has its setup panel');
  await screenshot(post.page, 'embed-640x400');
  assert.deepEqual([...errors, ...post.errors], []);
  await full.close();
  await post.page.close();
  await page.close();
});

test('the example blog post embeds three runs from a sub-path', async () => {
  const { page, errors } = await openPage(app.browser, `${app.server.url}embed-example.html`, {
    viewport: { width: 900, height: 1400 },
    locale: 'en-US',
  });
  await page.locator('iframe').nth(2).waitFor();
  const frames = await Promise.all((await page.locator('iframe').elementHandles()).map((h) => h.contentFrame()));
  assert.equal(frames.length, 3);
  const shown = [];
  for (const frame of frames) {
    await clockAt(frame, '8.0');
    await assertNoSidewaysScroll(frame, frame.url());
    shown.push(await frame.evaluate(() => [...document.querySelectorAll('[data-testid="deployment"]')].map((d) => d.dataset.name).join(',')));
  }
  assert.deepEqual(shown, ['http-go', 'http-go', 'http-go-blue,http-go-green']);
  // Each run deploys the new version at 10 s, as its link says: play the first past it.
  const first = frames[0];
  await first.locator('[data-testid="speed"]').fill('4');
  await first.locator('[data-testid="play"]').click();
  await first.waitForFunction(() => Number(document.querySelector('[data-testid="sim-time"]').textContent) >= 14);
  await first.locator('[data-testid="play"]').click();
  assert.ok(await first.locator('[data-testid="replicaset"][data-revision="2"]').count(), 'the deploy at 10 s happened');
  await screenshot(page, 'embed-example');
  assert.deepEqual(errors, []);
  await page.close();
});
