// Shared pieces of the end-to-end tests: a static server for dist/ on a free loopback port, and
// Debian's Chromium started the way this machine needs (no background networking, no sandbox as root).
import { createServer } from 'node:http';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.ROLLOUTSCOPE_DIST ?? join(ROOT, 'dist');
export const SHOTS = join(ROOT, 'target', 'e2e');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 at a free port, under the path `prefix` (a static host serving the
 * site from a sub-path); resolves to { url, close }, `url` ending in the prefix. With `gzip`, it
 * answers a client that accepts gzip with each file compressed (`gzip -9`, once per file), as a
 * static host serves the page.
 */
export async function serve(dir = DIST, prefix = '/', { gzip = false } = {}) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const requested = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!requested.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const path = normalize('/' + requested.slice(prefix.length));
    const file = join(dir, path.endsWith('/') ? join(path, 'index.html') : path);
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(await readFile(file), { level: 9 }));
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
        res.end(compressed.get(file));
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** A page that records every console error and uncaught exception into `errors`. */
export async function openPage(browser, url, options = {}) {
  const page = await browser.newPage(options);
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, errors };
}

/**
 * A screenshot into target/e2e/: the screen as the learner sees it a moment later (`fullPage` for
 * the whole page). Animations are finished first: a pod created by the action just taken fades in
 * over 0.4 s, and a shot in the middle of that showed it faint.
 */
export async function screenshot(page, name, { fullPage = false } = {}) {
  await mkdir(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  return path;
}

/** The element with `data-testid="id"`. */
export const byTestId = (page, id) => page.locator(`[data-testid="${id}"]`);

/**
 * Shows a pane beside the stage by clicking its tab, as a learner would (`terminal`, `yaml`,
 * `events`, `charts`, `compare`, `sweep`).
 */
export async function showPane(page, pane) {
  const tab = page.locator(`[data-testid="tab-${pane}"]`);
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Opens the setup panel (closed on a first visit) with its button in the header. */
export async function openSetup(page) {
  const toggle = page.locator('[data-testid="setup-toggle"]');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

/** Resolves once the page (or frame) shows the simulated clock at `text` seconds ("10.0"). */
export const clockAt = (frame, text) =>
  frame.waitForFunction((t) => document.querySelector('[data-testid="sim-time"]')?.textContent === t, text);

/**
 * For a test file: serves the release build (under the path `prefix`) and starts Chromium before
 * its tests, and stops both after them. Returns { server, browser }, filled in once the tests run.
 */
export function servedApp(prefix = '/') {
  const app = {};
  before(async () => {
    app.server = await serve(DIST, prefix);
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/**
 * YAML of many small Deployment manifests, `---` between them, at least `bytes` long: what a
 * careless paste of a whole cluster's worth of manifests looks like (about 300 bytes and 18 lines
 * a document, so 5 MB is some 17,000 documents and 300,000 lines).
 */
export function manyDocuments(bytes) {
  const docs = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc =
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: 1\n` +
      `  selector:\n    matchLabels:\n      app: web-${i}\n  template:\n    metadata:\n      labels:\n` +
      `        app: web-${i}\n    spec:\n      containers:\n      - name: web\n        image: registry.example/web:v1\n`;
    docs.push(doc);
    size += doc.length + 4;
  }
  return docs.join('---\n');
}

/**
 * Pastes `text` into the element `locator` as a learner does: the text put on the clipboard,
 * the field focused, all of it selected (with `selectAll`) and Ctrl+V pressed. The browser's
 * context must have been granted `clipboard-read` and `clipboard-write`.
 */
export async function paste(page, locator, text, { selectAll = false } = {}) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await locator.focus();
  if (selectAll) await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

/** A lesson's current step, and whether the page shows it done. */
export const lessonStep = (page) => byTestId(page, 'lesson-step');
export const stepDone = async (page) => (await lessonStep(page).getAttribute('data-done')) === 'true';

/** Waits until the lesson's step shows `index` (0-based) of kind `kind`. */
export const atStep = (page, index, kind) =>
  page.waitForFunction(
    ([i, k]) => {
      const s = document.querySelector('[data-testid="lesson-step"]');
      return s && s.dataset.step === String(i) && s.dataset.kind === k;
    },
    [index, kind],
  );

/** Presses +10 s until the step is done (at most `limit` times): the lesson stops the clock there. */
export async function skipUntilDone(page, limit = 30) {
  for (let i = 0; i < limit && !(await stepDone(page)); i++) await byTestId(page, 'skip').click();
  assert.equal(await stepDone(page), true, 'the step was not done within the time given');
}
