// .ci/size fails the test command when the page's bundle (its wasm and JS, gzipped) is over its
// budget, and passes it at or under it. Checked on made-up builds: random bytes, which gzip cannot
// shrink, just over and well under the budget the script states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

/** Runs .ci/size on a build of a page wasm of `kb` KB of random bytes and a worker beside it. */
async function size(kb) {
  const dist = await mkdtemp(join(tmpdir(), 'rolloutscope-size-'));
  try {
    await writeFile(join(dist, 'rolloutscope-0123_bg.wasm'), randomBytes(Math.round(kb * 1024)));
    await writeFile(join(dist, 'rolloutscope-0123.js'), 'export default 1;\n');
    // The worker is loaded apart, and never counts against the page's budget.
    await writeFile(join(dist, 'rolloutscope-manifests_bg.wasm'), randomBytes(900 * 1024));
    const run = spawnSync('bash', [join(ROOT, '.ci', 'size')], {
      env: { ...process.env, ROLLOUTSCOPE_DIST: dist, PAGE_BUDGET_KB: '' },
      encoding: 'utf8',
    });
    return { status: run.status, out: run.stdout + run.stderr };
  } finally {
    await rm(dist, { recursive: true });
  }
}

test('.ci/size fails over the page budget and passes under it', async () => {
  const probe = await size(10);
  assert.equal(probe.status, 0, probe.out);
  const budget = Number(probe.out.match(/of (\d+) KB allowed/)[1]);
  assert.ok(budget > 0 && budget <= 1024, probe.out);
  const over = await size(budget + 2);
  assert.notEqual(over.status, 0, over.out);
  assert.match(over.out, new RegExp(`over its budget of ${budget} KB gzipped`));
  const under = await size(budget - 20);
  assert.equal(under.status, 0, under.out);
});
