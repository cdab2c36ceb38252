// The page's performance figures, in headless Chromium (`bash .ci/bench` runs it): the first
// render after navigation, and, with 200 pods and 200 requests per second playing at 8x through
// a rollout, the intervals between animation frames and the longest task that blocked the page.
// Then the largest comparison and the what-if sweep. Prints figures; asserts nothing (a
// benchmark, not a test).
import { serve, launch, openPage, byTestId } from './harness.mjs';

/** From now on, `window.__long` collects the durations of the page's tasks over 50 ms. */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });

const server = await serve();
const browser = await launch();

const renders = [];
for (let i = 0; i < 5; i++) {
  const { page } = await openPage(browser, 'about:blank');
  await page.goto(server.url);
  await byTestId(page, 'sim-time').waitFor();
  // The moment the first render's clock appeared, from the navigation's start.
  renders.push(await page.evaluate(() => performance.now()));
  await page.close();
}
renders.sort((a, b) => a - b);
console.log(`browser: first render after navigation: best ${renders[0].toFixed(0)} ms, median ${renders[2].toFixed(0)} ms (of 5)`);

const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
await byTestId(page, 'replicas').fill('200');
await byTestId(page, 'rate').fill('200');
await byTestId(page, 'apply-setup').click();
await byTestId(page, 'skip').click();
await byTestId(page, 'skip').click();
await byTestId(page, 'speed').fill('3'); // 2^3 = 8x
await watchLongTasks(page);
await page.evaluate(() => {
  window.__frames = [];
  let last = null;
  const tick = (t) => {
    if (last !== null) window.__frames.push(t - last);
    last = t;
    if (window.__frames.length < 100000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
await byTestId(page, 'deploy-new-version').click();
await byTestId(page, 'play').click();
await page.waitForTimeout(10_000);
await byTestId(page, 'play').click();
const { frames, long, simTime, pods } = await page.evaluate(() => ({
  frames: window.__frames,
  long: window.__long,
  simTime: document.querySelector('[data-testid="sim-time"]').textContent,
  pods: document.querySelectorAll('[data-testid="pod"]').length,
}));
frames.sort((a, b) => a - b);
const p = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
console.log(
  `browser: 200 replicas, 200 requests/s, 8x for 10 s of wall time (simulated ${simTime} s, ${pods} pods shown): ` +
    `${frames.length} frames, interval median ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${frames[frames.length - 1].toFixed(1)} ms; ` +
    (long.length ? `longest task ${Math.max(...long).toFixed(0)} ms (${long.length} over 50 ms)` : 'no task over 50 ms'),
);

// The same run again under Chrome's tracing, which sees every task (the Long Tasks API reports only
// those over 50 ms): the longest tasks of the page's main thread, with tracing's own overhead in them.
await byTestId(page, 'restart').click();
await byTestId(page, 'skip').click();
await byTestId(page, 'skip').click();
const cdp = await page.context().newCDPSession(page);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const traced = new Promise((ok) => cdp.on('Tracing.tracingComplete', ok));
await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] } });
await byTestId(page, 'deploy-new-version').click();
await byTestId(page, 'play').click();
await page.waitForTimeout(10_000);
await byTestId(page, 'play').click();
await cdp.send('Tracing.end');
await traced;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tasks = events
  .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid)
  .map((e) => e.dur / 1000)
  .sort((a, b) => b - a);
console.log(
  `browser: the same, traced: ${tasks.length} main-thread tasks, longest ${tasks.slice(0, 3).map((d) => d.toFixed(0)).join(', ')} ms ` +
    `(${tasks.filter((d) => d > 50).length} over 50 ms)`,
);

// The comparison at its largest: four whole rollouts of 200 replicas at 500 requests/s (A/B never
// completes, so it runs the whole 10 minutes). The page works in slices: the time until the table,
// and the longest task meanwhile.
{
  const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
  await byTestId(page, 'replicas').fill('200');
  await byTestId(page, 'rate').fill('500');
  await byTestId(page, 'apply-setup').click();
  await byTestId(page, 'compare-blue-green').uncheck();
  await byTestId(page, 'compare-canary').check();
  await byTestId(page, 'compare-ab').check();
  await watchLongTasks(page);
  const t0 = Date.now();
  await byTestId(page, 'compare-run').click();
  await byTestId(page, 'compare-table').waitFor({ timeout: 120_000 });
  const took = Date.now() - t0;
  const long = await page.evaluate(() => window.__long);
  console.log(
    `browser: comparison of 4 strategies at 200 replicas and 500 requests/s: table after ${(took / 1000).toFixed(1)} s; ` +
      (long.length ? `longest task ${Math.max(...long).toFixed(0)} ms (${long.length} over 50 ms)` : 'no task over 50 ms'),
  );
  await page.close();
}
// The what-if sweep (20 x 20 rollouts), in the page: maxSurge x maxUnavailable with the default
// settings, and with 20 replicas, where no two percentages resolve to the same pods and all 399
// valid cells run; and maxSurge x replicas 1 to 20. The page times it itself (from the click to
// the heatmap, slices and the page's turns included).
for (const [plane, replicas] of [['surge-unavailable', 4], ['surge-unavailable', 20], ['surge-replicas', 4]]) {
  const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
  if (replicas !== 4) {
    // (4 is the default: nothing to apply.)
    await byTestId(page, 'replicas').fill(String(replicas));
    await byTestId(page, 'apply-setup').click();
  }
  await byTestId(page, 'sweep-plane').selectOption(plane);
  await watchLongTasks(page);
  // Twice: the first sweep on a page runs code the browser has not compiled with its optimizing
  // compiler yet; the second (the page running it again) is what a learner's next sweeps take.
  const times = [];
  for (const _ of [1, 2]) {
    const before = await page.evaluate(() => document.querySelector('[data-testid="sweep-heatmap"]')?.dataset.ms ?? '');
    await byTestId(page, 'sweep-run').click();
    // Done when a heatmap with another time is shown (the earlier one stays until then).
    const ms = await page.waitForFunction(
      (before) => {
        const shown = document.querySelector('[data-testid="sweep-heatmap"]')?.dataset.ms;
        return shown && shown !== before && shown;
      },
      before,
      { timeout: 120_000 },
    );
    times.push(Number(await ms.jsonValue()));
  }
  const runs = await byTestId(page, 'sweep-heatmap').getAttribute('data-runs');
  const long = await page.evaluate(() => window.__long);
  console.log(
    `browser: what-if sweep 20x20, ${plane === 'surge-replicas' ? 'maxSurge x replicas 1-20' : `maxSurge x maxUnavailable with ${replicas} replicas`}: heatmap after ${times[0].toFixed(0)} ms, again ${times[1].toFixed(0)} ms (${runs} rollouts simulated); ` +
      (long.length ? `longest task ${Math.max(...long).toFixed(0)} ms (${long.length} over 50 ms)` : 'no task over 50 ms'),
  );
  await page.close();
}
await browser.close();
await server.close();
