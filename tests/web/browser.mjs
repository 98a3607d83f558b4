// browser.mjs — what the Chromium tests share: the accessibility check with axe-core (npm
// devDependency) that fails on any serious or critical violation of the page as it is.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { env } from './lib.mjs';

const require = createRequire(path.join(env.source, 'web', 'package.json')); // web/node_modules
const AXE = require.resolve('axe-core/axe.min.js');

// axe-core on the whole page: the serious and critical violations, each with up to three
// of its elements, must be none.
export async function axe(page, what) {
  await page.addScriptTag({ path: AXE });
  const v = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((x) => x.impact === 'serious' || x.impact === 'critical')
    .map((x) => `${x.id} (${x.impact}): ${x.help} — ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(v, [], `${what}: axe-core`);
}
