// The page's performance figures, in headless Chromium (`bash .ci/bench` runs it): the first
// render after navigation (`render`); with 200 pods and 200 requests per second playing at 8x
// through a rollout, the intervals between animation frames and the longest task that blocked
// the page (`play`); the largest comparison (`compare`) and the what-if sweep (`sweep`); a 5 MB
// paste of many manifests into the YAML panel (`paste`); and 10,000 replicas at 64x, the speed
// the clock reaches and how long Pause takes to stop it (`pause`). Prints figures; asserts nothing
// (a benchmark, not a test). `node bench.mjs paste pause` runs only the parts named.
import { serve, launch, openPage, byTestId, openSetup, showPane, manyDocuments, paste } from './harness.mjs';

const only = process.argv.slice(2);
const part = (name) => only.length === 0 || only.includes(name);

/** From now on, `window.__long` collects the durations of the page's tasks over 50 ms. */
const watchLongTasks = (page) =>
  page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });

/**
 * Runs `during()` under Chrome's tracing, which sees every task (the Long Tasks API reports only
 * those over 50 ms): { result, longest (the page's main-thread tasks, longest first, in ms, with
 * tracing's own overhead in them), count, over50 }.
 */
async function mainThreadTasks(page, during) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const traced = new Promise((ok) => cdp.on('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] } });
  const result = await during();
  await cdp.send('Tracing.end');
  await traced;
  await cdp.detach();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const longest = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main && e.pid === main.pid && e.tid === main.tid)
    .map((e) => e.dur / 1000)
    .sort((a, b) => b - a);
  return { result, longest, count: longest.length, over50: longest.filter((d) => d > 50).length };
}

const server = await serve();
const browser = await launch();

if (part('render')) {
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
}

if (part('play')) {
  const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
  await openSetup(page);
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

  // The same run again under Chrome's tracing: the longest tasks of the page's main thread.
  await byTestId(page, 'restart').click();
  await byTestId(page, 'skip').click();
  await byTestId(page, 'skip').click();
  const { longest: tasks } = await mainThreadTasks(page, async () => {
    await byTestId(page, 'deploy-new-version').click();
    await byTestId(page, 'play').click();
    await page.waitForTimeout(10_000);
    await byTestId(page, 'play').click();
  });
  console.log(
    `browser: the same, traced: ${tasks.length} main-thread tasks, longest ${tasks.slice(0, 3).map((d) => d.toFixed(0)).join(', ')} ms ` +
      `(${tasks.filter((d) => d > 50).length} over 50 ms)`,
  );
}

if (part('compare')) {
  // The comparison at its largest: four whole rollouts of 200 replicas at 500 requests/s (A/B never
  // completes, so it runs the whole 10 minutes). The page works in slices: the time until the table,
  // and the longest task meanwhile.
  {
    const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
    await openSetup(page);
    await byTestId(page, 'replicas').fill('200');
    await byTestId(page, 'rate').fill('500');
    await byTestId(page, 'apply-setup').click();
    await showPane(page, 'compare');
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
}
if (part('sweep')) {
  // The what-if sweep (20 x 20 rollouts), in the page: maxSurge x maxUnavailable with the default
  // settings, and with 20 replicas, where no two percentages resolve to the same pods and all 399
  // valid cells run; and maxSurge x replicas 1 to 20. The page times it itself (from the click to
  // the heatmap, slices and the page's turns included).
  for (const [plane, replicas] of [['surge-unavailable', 4], ['surge-unavailable', 20], ['surge-replicas', 4]]) {
    const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
    if (replicas !== 4) {
      // (4 is the default: nothing to apply.)
      await openSetup(page);
      await byTestId(page, 'replicas').fill(String(replicas));
      await byTestId(page, 'apply-setup').click();
    }
    await showPane(page, 'sweep');
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
}
// Pastes of many manifests into the YAML panel, over a learner's edit: 5 MB (past the 512 KiB
// the YAML reader reads) and 250 KiB (under it). For each, how long the page's main thread is
// blocked (every task, seen by Chrome's tracing) from the paste until the page answers, what it
// answers, and what the panel holds then.
if (part('paste')) {
  const { page } = await openPage(browser, server.url, {
    viewport: { width: 1400, height: 1000 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await showPane(page, 'yaml');
  const area = byTestId(page, 'yaml-text');
  const edited = (await area.inputValue()).replace(/replicas: \d+/, 'replicas: 6');
  await area.fill(edited);
  for (const bytes of [5 * 1024 * 1024, 250 * 1024]) {
    const text = manyDocuments(bytes);
    const lines = text.split('\n').length;
    const documents = text.split('---\n').length;
    const tasks = await mainThreadTasks(page, async () => {
      const t0 = Date.now();
      await paste(page, area, text, { selectAll: true });
      // The page answers: a frame is drawn (the main thread is free again).
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
      const answered = Date.now() - t0;
      // Its message, if it gave one at once; past the limit, else the Apply button's (the YAML reader's).
      let message = await byTestId(page, 'yaml-answer').textContent({ timeout: 100 }).catch(() => null);
      let applied = null;
      if (message === null && text.length > 512 * 1024) {
        const t1 = Date.now();
        await byTestId(page, 'yaml-apply').click();
        message = await byTestId(page, 'yaml-answer').textContent({ timeout: 120_000 });
        applied = Date.now() - t1;
      }
      return { answered, applied, message };
    });
    const now = await area.inputValue();
    const holds = now === edited ? 'the edit as it was' : now === text ? 'the text pasted' : `${now.length} other characters`;
    const { answered, applied, message } = tasks.result;
    console.log(
      `browser: paste of ${(text.length / 1024).toFixed(0)} KiB (${documents} documents, ${lines} lines) over an edit in the YAML panel: ` +
        `the page answered after ${answered} ms` +
        (applied === null ? '' : `, Apply's answer ${applied} ms later`) +
        (message === null ? '' : `: ${JSON.stringify(message.slice(0, 90))}`) +
        `; the panel holds ${holds}; ` +
        `main-thread tasks meanwhile: longest ${tasks.longest.slice(0, 3).map((d) => d.toFixed(0)).join(', ')} ms (${tasks.over50} over 50 ms)`,
    );
  }
  await page.close();
}

// 10,000 replicas at 64x through a rollout: the speed the clock really reaches (what the page
// says when it falls behind), the longest task while playing, and Pause: from the press (the
// input event's own time stamp, taken when the browser received it) to the button showing the
// clock paused, and the first frame after; then the clock must not move.
if (part('pause')) {
  const { page } = await openPage(browser, server.url, { viewport: { width: 1400, height: 1000 } });
  await openSetup(page);
  await byTestId(page, 'replicas').fill('10000');
  await byTestId(page, 'apply-setup').click();
  await byTestId(page, 'sim-time').waitFor();
  await byTestId(page, 'speed').fill('6'); // 2^6 = 64x
  await byTestId(page, 'deploy-new-version').click();
  const play = byTestId(page, 'play');
  const box = await play.boundingBox();
  const press = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(() => {
    window.__pause = null;
    document.addEventListener('pointerdown', (e) => (window.__pressed = e.timeStamp), { capture: true });
    const button = document.querySelector('[data-testid="play"]');
    new MutationObserver(() => {
      if (button.getAttribute('aria-pressed') === 'false' && window.__pressed !== undefined && window.__pause === null) {
        const shown = performance.now();
        requestAnimationFrame(() => (window.__pause = { shown: shown - window.__pressed, frame: performance.now() - window.__pressed }));
      }
    }).observe(button, { attributes: true });
  });
  await watchLongTasks(page);
  const pauses = [];
  let achieved = [];
  let simulated = [];
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => {
      window.__pause = null;
      window.__pressed = undefined;
    });
    const wall0 = Date.now();
    const sim0 = Number(await byTestId(page, 'sim-time').textContent());
    await press();
    await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'true');
    await page.evaluate(() => (window.__pressed = undefined));
    await page.waitForTimeout(8_000);
    achieved.push(await byTestId(page, 'falling-behind').getAttribute('data-achieved', { timeout: 100 }).catch(() => null));
    await press();
    const pause = await page.waitForFunction(() => window.__pause, null, { timeout: 120_000 });
    pauses.push(await pause.jsonValue());
    const wall = (Date.now() - wall0) / 1000;
    const sim1 = Number(await byTestId(page, 'sim-time').textContent());
    await page.waitForTimeout(1_000);
    const sim2 = Number(await byTestId(page, 'sim-time').textContent());
    simulated.push(`${(sim1 - sim0).toFixed(1)} s in ${wall.toFixed(1)} s${sim2 === sim1 ? '' : ` (and moved ${(sim2 - sim1).toFixed(1)} s after the pause!)`}`);
  }
  const long = await page.evaluate(() => window.__long);
  const shown = pauses.map((p) => p.shown).sort((a, b) => a - b);
  const frame = pauses.map((p) => p.frame).sort((a, b) => a - b);
  console.log(
    `browser: 10,000 replicas at 64x through a rollout, 3 plays of 8 s: simulated ${simulated.join(', ')}; ` +
      `the page said it ran at ${achieved.map((a) => (a === null ? 'speed (no notice)' : `${a}x`)).join(', ')}; ` +
      `Pause: paused shown after ${shown.map((d) => d.toFixed(0)).join(', ')} ms, next frame ${frame.map((d) => d.toFixed(0)).join(', ')} ms; ` +
      (long.length ? `longest task ${Math.max(...long).toFixed(0)} ms (${long.length} over 50 ms)` : 'no task over 50 ms'),
  );
  await page.close();
}
await browser.close();
await server.close();
