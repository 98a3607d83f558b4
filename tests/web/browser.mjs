// browser.mjs — what the Chromium tests share: the accessibility check with axe-core (npm
// devDependency) that fails on any serious or critical violation of the page as it is.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
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

// The real Debian Chromium (JX_CHROMIUM, default /usr/bin/chromium), headless, with
// DEPENDENCIES.md's flags; playwright adds --headless and an empty --user-data-dir of its own.
export function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.JX_CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page in a fresh browser context at width × height (zh-CN; CSP bypassed for axe-core,
// injected inline; ctx adds options such as acceptDownloads or timezoneId).  page.errors
// collects script errors and console errors other than an expected 40x answer.
export async function openPage(browser, width, height, ctx = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', bypassCSP: true, ...ctx });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[0-9]/.test(m.text())) page.errors.push(m.text()); });
  return page;
}

// Log in through the form at base as user, and wait for the landing page to be drawn (a
// page asked for next is then not overdrawn by it).
export async function logInAs(page, base, user, password) {
  await page.goto(base + '/app/#/login');
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#login');
  await page.waitForSelector('#logout');
  await page.waitForSelector('main h1');
}

// Screenshots for a person to look at, taken only when JX_SHOTS=1 (into
// $JX_ARTIFACTS/screenshots): nothing is asserted on them, and a full-page PNG costs
// Chromium about a second of CPU — the e2e test took 41 s with them and 24 s without.
export const SHOTS = process.env.JX_SHOTS === '1' ? path.join(env.artifacts, 'screenshots') : null;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

// The page (full length; screen: also what the first screen shows as NAME.screen.png;
// full: false for the first screen only; clip: a region) or one element (a locator).
export async function shot(target, name, { full = true, screen = false, clip } = {}) {
  if (!SHOTS) return;
  const file = path.join(SHOTS, name + '.png');
  if (typeof target.goto !== 'function') return target.screenshot({ path: file }); // a locator
  await target.screenshot({ path: file, fullPage: full, ...(clip ? { clip } : {}) });
  if (screen) await target.screenshot({ path: path.join(SHOTS, name + '.screen.png') });
}
