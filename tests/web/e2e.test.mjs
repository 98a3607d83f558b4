// e2e.test.mjs — the whole flow in the real Debian Chromium, driven by playwright-core:
// log in, edit an actual, see the score change, save, the department head sends back, the officer deletes a file, the head approves (submits), review, return, fix,
// approve, publish, see the report on the public page.  Every page is also shot at
// 1366×768 and at phone width; with JX_SHOTS=1 screenshots go to $JX_ARTIFACTS/screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, PASSWORD } from './lib.mjs';
import { shot as shotPage, SHOTS, launchChromium } from './browser.mjs';


let db, srv, browser;

before(async () => {
  db = freshDb('e2e');
  srv = await startServer(db.db);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
});

async function newPage(width, height) {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // the first /api/me before logging in answers 401: expected, not an error of the page
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 401/.test(m.text())) page.errors.push(m.text()); });
  return page;
}

/* Wait until the text of selector differs from `from` (polling: the page's CSP forbids
 * the eval that page.waitForFunction needs — as it should). */
async function textChange(page, selector, from) {
  for (let i = 0; i < 200; i++) {
    const t = await page.textContent(selector);
    if (t !== from && t !== '—') return t;
    await page.waitForTimeout(50);
  }
  throw new Error(`${selector} stayed "${from}"`);
}

const shot = (page, name) => shotPage(page, name, { screen: true });

async function logIn(page, user) {
  await page.goto(srv.url + '/app/#/login');
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#login');
  await page.waitForSelector('#logout');
}

async function logOut(page) {
  await page.click('#logout');
  await page.waitForSelector('#login');
}

async function openYear(page, name) {
  await page.goto(srv.url + '/app/#/years');
  await page.click(`a:text-is("${name}") >> nth=0`);
  await page.waitForSelector('#indicators');
}

const U1 = '政协峨边彝族自治县委员会办公室';

/* The public report's charts are images of their own: every one loaded, drawn, and no
 * wider than the page. */
async function chartsShown(page) {
  await page.waitForLoadState('load');
  const imgs = await page.$$eval('figure img', (els) => els.map((i) => ({
    src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0, w: i.getBoundingClientRect().width,
  })));
  assert.ok(imgs.length >= 2, `charts on the page: ${imgs.length}`);
  const vw = page.viewportSize().width;
  for (const i of imgs) {
    assert.ok(i.ok, `chart not shown: ${i.src}`);
    assert.match(i.src, /^\/public\/\d+\/charts\/\d+\/\d+\.svg$/);
    assert.ok(i.w > 100 && i.w <= vw, `${i.src} is ${i.w}px wide`);
  }
  assert.equal(await page.locator('figure svg').count(), 0, 'no inline SVG any more');
}

/* The login page, then officer1's list of years; both shot as PREFIX-01/02. */
async function startAsOfficer(page, prefix) {
  await page.goto(srv.url + '/app/');
  await page.waitForSelector('#login');
  await shot(page, prefix + '-01-login');
  await logIn(page, 'officer1');
  await shot(page, prefix + '-02-years');
}

test('text that is not a number shows no "null", fields are named in Chinese, no command-line wording', async () => {
  const page = await newPage(1366, 768);
  await logIn(page, 'officer1');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.waitForSelector('#indicators');
  await textChange(page, '#indicator-total', '—');
  const diags = await page.textContent('#diags');
  // a cost indicator's actual as words, and a target with a letter o for a zero
  const cost = page.locator('tr:has(td.kind:has-text("成本"))').first();
  await cost.locator('input[data-key="actual"]').fill('六百万abc');
  await page.locator('input[data-key="target"]').nth(0).fill('12o.5');
  await textChange(page, '#diags', diags);
  await shot(page, 'desktop-02b-form-not-numbers');
  const cells = await page.$$eval('td[data-score]', (els) => els.map((e) => e.textContent));
  assert.ok(cells.length > 3);
  for (const c of cells) assert.doesNotMatch(c, /null|undefined/, `计算得分 cell: ${c}`);
  const labels = await page.$$eval('input[data-key]', (els) => els.map((e) => e.getAttribute('aria-label')));
  for (const l of labels) assert.doesNotMatch(l, /[a-z_]{3,}$/, `aria-label in English: ${l}`);
  assert.ok(labels.some((l) => l.endsWith(' 实际完成值')));
  const text = await page.textContent('body');
  assert.doesNotMatch(text, /jixiao (check|db)/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('officer edits, bureau returns, officer fixes, bureau approves and publishes, public sees it', async () => {
  const page = await newPage(1366, 768);
  await startAsOfficer(page, 'desktop');
  // the 2023 row (2022 is published already)
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.waitForSelector('#indicators');
  const before = await textChange(page, '#indicator-total', '—');
  await shot(page, 'desktop-03-form');

  // edit the first numeric actual: 0 scores nothing; the total drops live
  const input = page.locator('input[data-key="actual"]').nth(1);
  const original = await input.inputValue();
  await input.fill('0');
  await page.locator('input[data-key="deviation_note"]').nth(1).fill('受疫情影响未能开展，次年补足');
  const after = await textChange(page, '#indicator-total', before);
  assert.ok(Number(after) < Number(before), `score went from ${before} to ${after}`);
  await shot(page, 'desktop-04-form-edited');

  await page.click('#save');
  await page.waitForSelector('.flash:has-text("已保存")');
  // evidence for the edited indicator: uploaded from the form, listed as a link
  await page.setInputFiles('input[data-upload="1"]', { name: '会议纪要.txt', mimeType: 'text/plain', buffer: Buffer.from('纪要') });
  await page.waitForSelector('td.evidence a:text-is("会议纪要.txt")');
  await page.setInputFiles('input[data-upload="1"]', { name: '传错的文件.txt', mimeType: 'text/plain', buffer: Buffer.from('错') });
  await page.waitForSelector('td.evidence a:text-is("传错的文件.txt")');
  await logOut(page);

  // the department head reads it and sends it back to the officer with a comment
  await logIn(page, 'head1');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.waitForSelector('#send-back');
  assert.equal(await page.locator('#submit').count(), 0, 'the head approves, the plain submit is the officer\'s');
  await page.locator('textarea[data-comment]').nth(1).fill('请删除传错的文件');
  await shot(page, 'desktop-05a-head-review');
  await page.click('#send-back');
  await page.waitForSelector('.badge:has-text("已退回")');
  await logOut(page);

  // the officer sees the comment and deletes the wrong file (still editable: returned)
  await logIn(page, 'officer1');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.waitForSelector('.comment:has-text("请删除传错的文件")');
  page.once('dialog', (d) => d.accept());
  await page.click('button[aria-label="删除“传错的文件.txt”"]');
  await page.waitForSelector('.flash:has-text("已删除")');
  await page.waitForSelector('td.evidence a:text-is("会议纪要.txt")');
  assert.equal(await page.locator('td.evidence a:text-is("传错的文件.txt")').count(), 0);
  await shot(page, 'desktop-05b-evidence-deleted');
  await logOut(page);

  // the head approves: the year goes to the bureau
  await logIn(page, 'head1');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.click('#head-approve');
  await page.waitForSelector('.badge:has-text("已提交")');
  assert.equal(await page.locator('button.del').count(), 0, 'no deletion once submitted');
  await logOut(page);

  await logIn(page, 'reviewer');
  await page.waitForSelector('table.grid');
  await shot(page, 'desktop-05-desk');
  await page.click(`tr:has-text("已提交") a:text-is("${U1}")`);
  await page.waitForSelector('#return');
  await page.locator('textarea[data-comment]').nth(1).fill('实际完成值为 0，请核实并补充佐证');
  await shot(page, 'desktop-06-review');
  await page.click('#return');
  await page.waitForSelector('.badge:has-text("已退回")');
  await logOut(page);

  await logIn(page, 'officer1');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.waitForSelector('.comment:has-text("请核实")');
  await page.locator('input[data-key="actual"]').nth(1).fill(original);
  await textChange(page, '#indicator-total', after);
  await page.click('#save');
  await page.waitForSelector('.flash:has-text("已保存")');
  await page.waitForSelector('#submit');
  await page.click('#submit');
  await page.waitForSelector('.badge:has-text("已提交")');
  await logOut(page);

  // the officer's submission goes to the unit's head first (单位审核), then to the bureau
  await logIn(page, 'head1');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.click('#approve');
  await page.waitForSelector('#approval-state:text-is("待财政局审核")');
  await logOut(page);

  await logIn(page, 'reviewer');
  await page.click(`tr:has-text("已提交") a:text-is("${U1}")`);
  page.once('dialog', (d) => d.accept()); // the last level's approval is confirmed
  await page.click('#approve');
  await page.waitForSelector('#publish');
  page.once('dialog', (d) => d.accept()); // so is publishing
  await page.click('#publish');
  await page.waitForSelector('#public-link');
  await page.click('#public-link');
  await page.waitForSelector('.jx-public-bar');
  assert.match(await page.title(), /政协峨边彝族自治县委员会办公室2023年度/);
  await chartsShown(page);
  await shot(page, 'desktop-07-public-report');

  await page.goto(srv.url + '/app/#/dashboard');
  await page.waitForSelector('#c-yoy canvas');
  await page.waitForTimeout(300); // let the charts finish their first frame
  await shot(page, 'desktop-08-dashboard');
  await page.goto(srv.url + '/app/#/years');
  await page.click(`tr:has-text("2023") a:text-is("${U1}")`);
  await page.waitForSelector('#rect-item');
  await page.fill('#rect-item', '补齐会议纪要等佐证材料');
  await page.click('form.filters button');
  await page.waitForSelector('li:has-text("补齐会议纪要")');
  await page.goto(srv.url + '/app/#/rect');
  await page.waitForSelector('td:has-text("补齐会议纪要")');
  await shot(page, 'desktop-09-rectification');

  await page.goto(srv.url + '/public/');
  await page.waitForSelector('table.grid');
  await shot(page, 'desktop-10-public-index');

  // the administrator's accounts page: create an officer, who can then log in
  await page.goto(srv.url + '/app/#/years');
  await logOut(page);
  await logIn(page, 'admin');
  await page.goto(srv.url + '/app/#/users');
  await page.waitForSelector('form.card input[name="username"]');
  await page.fill('input[name="username"]', 'officer9');
  await page.fill('input[name="password"]', 'officer9-password');
  await page.selectOption('select[name="role"]', 'officer');
  await page.fill('input[name="department"]', 'U3');
  await page.click('form.card button[type="submit"]');
  await page.waitForSelector('td:text-is("officer9")');
  await shot(page, 'desktop-11-accounts');
  await logOut(page);
  await page.fill('#username', 'officer9');
  await page.fill('#password', 'officer9-password');
  await page.click('#login');
  await page.waitForSelector('#logout');
  assert.deepEqual(page.errors, []);
});

test('every page at phone width', async () => {
  const page = await newPage(390, 844);
  await startAsOfficer(page, 'phone');
  await openYear(page, U1);
  await shot(page, 'phone-03-form');
  await logOut(page);
  // the department head on a phone: comment boxes and the two buttons fit the screen
  await logIn(page, 'head1');
  await page.click(`tr:has-text("2021") a:text-is("${U1}")`);
  await page.waitForSelector('#send-back');
  await shot(page, 'phone-03b-head-review');
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 400, `the head's review is ${w}px wide on a 390px screen`);
  await logOut(page);
  await logIn(page, 'reviewer');
  await page.waitForSelector('table.grid');
  await shot(page, 'phone-04-desk');
  await page.goto(srv.url + '/app/#/dashboard');
  await page.waitForSelector('#c-yoy canvas');
  await page.waitForTimeout(300);
  await shot(page, 'phone-05-dashboard');
  await page.goto(srv.url + '/public/');
  await shot(page, 'phone-06-public-index');
  await page.click('td a >> nth=0');
  await page.waitForSelector('.jx-public-bar');
  await chartsShown(page);
  await shot(page, 'phone-07-public-report');
  // no page is wider than the screen (tables scroll inside their box)
  for (const p of ['/app/#/years', '/app/#/desk', '/public/']) {
    await page.goto(srv.url + p);
    await page.waitForTimeout(200);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 400, `${p} is ${w}px wide on a 390px screen`);
  }
  assert.deepEqual(page.errors, []);
  if (SHOTS) assert.ok(existsSync(path.join(SHOTS, 'phone-07-public-report.png')));
});
