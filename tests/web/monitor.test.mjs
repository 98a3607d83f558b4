// monitor.test.mjs — 绩效运行监控 in the real Debian Chromium (playwright-core) and over the
// API: the officer's checkpoint form with the local rules as one types and the live check
// (a yellow then a red light with its derivation, the required 偏差原因/纠偏措施 flagged and
// then satisfied), a save, a refused save into a locked checkpoint with the store's Chinese
// message; the reviewer's desk with the unit under 红 and its figures, filters and sorting in
// the URL, the drill-down, the unit's chart and a follow-up closed with a reason; axe-core
// finds no serious or critical violation on each page, at 1280 px and at phone width (390).
// The seed (tests/web/seed.c) sets 2023's checkpoints with three 06-30 reports; the server
// runs as of 2023-10-05 (JIXIAO_NOW): 06-30 is locked, 09-30 open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login, PASSWORD } from './lib.mjs';
import { axe, openPage, logInAs, shot, launchChromium } from './browser.mjs';


let db, srv, browser;

before(async () => {
  db = freshDb('monitor');
  process.env.JIXIAO_NOW = '2023-10-05T02:00:00Z';
  srv = await startServer(db.db);
  delete process.env.JIXIAO_NOW;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
});

const newPage = (width, height) => openPage(browser, width, height);

const logIn = (page, user) => logInAs(page, srv.url, user, PASSWORD);

/* axe-core: no serious or critical violation on the page as it is now. */

/* No command-line wording, YAML keys or file names on the page. */
async function noCliWording(page) {
  const text = await page.textContent('main');
  assert.doesNotMatch(text, /jixiao |--[a-z]|deviation|can_complete|\bcause\b|\bfix\b|executed|budget|\.yaml/);
}

async function until(page, fn, what) {
  for (let i = 0; i < 200; i++) {
    if (await fn()) return;
    await page.waitForTimeout(50);
  }
  assert.fail('timed out: ' + what);
}

const text = (page, sel) => page.textContent(sel).then((t) => t || '');

/* ---- API ------------------------------------------------------------------------------------ */

const form = (extra = {}) => ({
  year: 2023, day: '09-30', cause: '', fix: '',
  sources: [{ source: '财政拨款', budget: '1000', executed: '650', forecast: '1000' }],
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '借阅服务人次', target: '≥20000人次', actual: '15000人次', can_complete: '是' }],
  ...extra,
});

test('API: the check answers lights and derivations; bad JSON, an oversized body and another unit are refused in Chinese', async () => {
  const o = await login(srv.url, 'librarian');
  let r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form() });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.exec.light, 'yellow');
  assert.equal(r.json.exec.schedule, '74.79');
  assert.equal(r.json.exec.rate, '65.00');
  assert.equal(r.json.exec.behind, '9.79');
  assert.match(r.json.exec.derivation, /序时进度 = 273 ÷ 365 = 74\.79%/);
  // a field problem names its field; no key of the file in any message
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form({ sources: [{ source: '财政拨款', budget: '1000', executed: '-3' }] }) });
  assert.equal(r.status, 200);
  const f = r.json.findings.find((x) => x.field === 'ms-0-executed');
  assert.ok(f, JSON.stringify(r.json.findings));
  assert.match(f.message, /不能为负数/);
  for (const x of r.json.findings) assert.doesNotMatch(x.message, /executed|budget|deviation|can_complete|\.yaml/);
  // red without 偏差原因: JX850 at the field
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form({ sources: [{ source: '财政拨款', budget: '1000', executed: '500' }] }) });
  assert.equal(r.json.exec.light, 'red');
  assert.ok(r.json.findings.some((x) => x.field === 'mf-cause' && x.severity === 'error' && /偏差原因和纠偏措施/.test(x.message)), JSON.stringify(r.json.findings));
  // bad JSON
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: '{"year": 2023,' });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /[\u4e00-\u9fff]/);
  // amounts as JSON numbers are refused (money travels as decimal text)
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form({ sources: [{ source: '财政拨款', budget: 1000, executed: '1' }] }) });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /文字/);
  // oversized body
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form({ cause: 'x'.repeat(300 * 1024) }) });
  assert.equal(r.status, 413);
  assert.match(r.json.message, /请求体过大/);
  // another unit
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form({ unit: 'U1' }) });
  assert.equal(r.status, 403);
  assert.match(r.json.message, /本单位/);
  r = await req(srv.url, 'GET', '/api/monitor/form?unit=U1', { session: o });
  assert.equal(r.status, 403);
  // not a checkpoint date
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form({ day: '02-30' }) });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /监控时点/);
  // without the CSRF token
  r = await req(srv.url, 'POST', '/api/monitor/check', { session: o, body: form(), csrf: false });
  assert.equal(r.status, 403);
  // the desk, the reopening and the follow-ups are the bureau's
  assert.equal((await req(srv.url, 'GET', '/api/monitor/desk', { session: o })).status, 403);
  assert.equal((await req(srv.url, 'POST', '/api/monitor/followups/1/close', { session: o, body: { reason: 'x' } })).status, 403);
  const hd = await login(srv.url, 'head1');
  assert.equal((await req(srv.url, 'POST', '/api/monitor/reports', { session: hd, body: form() })).status, 403);
  const rv = await login(srv.url, 'reviewer');
  r = await req(srv.url, 'POST', '/api/monitor/units/U1/reopen', { session: rv, body: { year: 2023, day: '06-30', reason: '' } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /原因/);
  r = await req(srv.url, 'GET', '/api/monitor/units/U1?year=2023', { session: rv });
  assert.equal(r.status, 200);
  assert.equal(r.json.points[0].light, 'red');
  assert.equal(r.json.followups[0].open, true);
  // the desk a page at a time, sorted by the server: red first by default, a missing figure last
  const desk = async (q) => (await req(srv.url, 'GET', '/api/monitor/desk?year=2023&day=06-30' + q, { session: rv })).json;
  const all = await desk('');
  assert.equal(all.total, all.units.length);
  assert.ok(all.total >= 2, JSON.stringify(all.counts));
  const rank = { red: 0, yellow: 1, green: 2, none: 3 };
  assert.deepEqual(all.units.map((u) => rank[u.light]), all.units.map((u) => rank[u.light]).sort((a, b) => a - b));
  const first = await desk('&per=1');
  assert.deepEqual([first.units.length, first.total, first.page, first.per], [1, all.total, 1, 1]);
  assert.equal(first.units[0].code, all.units[0].code);
  const second = await desk('&per=1&page=2');
  assert.equal(second.units[0].code, all.units[1].code);
  const byBudget = (await desk('&sort=budget&dir=desc')).units.map((u) => Number(u.budget));
  assert.deepEqual(byBudget, [...byBudget].sort((a, b) => b - a));
  assert.equal((await req(srv.url, 'GET', '/api/monitor/desk?year=2023&sort=nothing', { session: rv })).status, 400);
  assert.equal((await req(srv.url, 'GET', '/api/monitor/desk?year=2023&per=100000', { session: rv })).status, 400);
  assert.equal(typeof all.missing_total, 'number');
  assert.ok(all.missing.length <= all.missing_total);
});

/* ---- the officer's form --------------------------------------------------------------------- */

test('officer: the form checks as one types — yellow, then red with its derivation, 纠偏 required then satisfied; saves', async () => {
  const page = await newPage(1280, 800);
  await logIn(page, 'librarian');
  await page.click('nav a:text-is("运行监控")');
  await page.waitForSelector('#mon-sources');
  // the first open checkpoint, prefilled from the unit's 06-30 report
  assert.equal(await page.inputValue('#mon-day'), '09-30');
  assert.match(await text(page, '#mon-from'), /06-30 监控点的报告/);
  assert.equal(await page.inputValue('#ms-0-budget'), '1000.00');
  assert.equal(await page.inputValue('#mi-0-name'), '借阅服务人次');
  assert.equal(await text(page, '#mon-schedule'), '74.79%');
  // the local rule, at once: a number, not negative
  await page.fill('#ms-0-executed', '六百');
  assert.equal(await page.getAttribute('#ms-0-executed', 'aria-invalid'), 'true');
  assert.match(await text(page, '#ms-0-executed-msg'), /请填写数字/);
  await page.fill('#ms-0-executed', '-1');
  assert.match(await text(page, '#ms-0-executed-msg'), /不能为负数/);
  // green: 70.00% is less than 5 points behind 74.79%
  await page.fill('#ms-0-executed', '700');
  assert.equal(await text(page, '#ms-0-rate'), '70.00%');
  await until(page, async () => /绿灯/.test(await text(page, '#mon-exec-light')), 'green');
  assert.match(await text(page, '#mon-exec-deriv'), /落后序时进度 4\.79 个百分点/);
  assert.equal(await page.getAttribute('#ms-0-executed', 'aria-invalid'), null);
  // yellow: 65.00%
  await page.fill('#ms-0-executed', '650');
  await until(page, async () => /落后序时进度 9\.79 个百分点 ≥ 5\.00 → 黄灯/.test(await text(page, '#mon-exec-deriv')), 'yellow derivation');
  assert.equal(await text(page, '#mon-rate'), '65.00%');
  await shot(page, 'monitor-01-yellow');
  // red: 50.00%, 偏差原因 and 纠偏措施 required, flagged at the fields and in the summary
  await page.fill('#ms-0-executed', '500');
  await until(page, async () => /红灯/.test(await text(page, '#mon-exec-light')), 'red');
  assert.match(await text(page, '#mon-exec-deriv'), /执行进度 = 累计执行数 500\.00 ÷ 全年预算数 1000\.00 = 50\.00%；落后序时进度 24\.79 个百分点 ≥ 15\.00 → 红灯/);
  assert.match(await text(page, '#mf-cause-label'), /必填/);
  assert.equal(await page.getAttribute('#mf-cause', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#mf-fix', 'aria-invalid'), 'true');
  assert.match(await text(page, '#mf-cause-msg'), /须填写偏差原因和纠偏措施/);
  assert.match(await text(page, '#mf-fix-msg'), /红灯须填写纠偏措施/);
  assert.equal(await page.getAttribute('#mf-cause', 'aria-describedby'), 'mf-cause-msg');
  await page.click('#mon-summary a:has-text("偏差原因")');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mf-cause');
  await shot(page, 'monitor-02-red');
  await noCliWording(page);
  await axe(page, 'the form, red');
  // the indicators: completed so far, can complete
  await page.fill('#mi-0-actual', '16000人次');
  await page.selectOption('#mi-0-can_complete', '是');
  await page.fill('#mi-1-actual', '95%');
  await page.selectOption('#mi-1-can_complete', '是');
  // satisfied
  await page.fill('#mf-cause', '新馆装修，借阅服务暂停一个月，图书采购延后');
  await page.fill('#mf-fix', '十月完成图书采购并恢复全部借阅服务');
  await until(page, async () => !(await page.isVisible('#mf-cause-msg li')) && !(await page.isVisible('#mf-fix-msg li')), 'cause and fix satisfied');
  assert.equal(await page.getAttribute('#mf-cause', 'aria-invalid'), null);
  assert.equal(await page.getAttribute('#mf-fix', 'aria-invalid'), null);
  await until(page, async () => /绿灯|黄灯|红灯/.test(await text(page, '#mi-0-light')), 'indicator light');
  assert.match(await text(page, '#mi-0-light'), /完成进度 = 完成值 16000人次 ÷ 年度指标值 ≥20000人次 = 80\.00%/);
  // save: busy, then the stored report
  const saving = page.click('#mon-save');
  await saving;
  await page.waitForSelector('#flash:has-text("已报送（第 1 版，红灯）")');
  await page.waitForSelector('#mon-from:has-text("已报送的本时点报告")');
  assert.equal(await page.inputValue('#ms-0-executed'), '500.00');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('officer: a save into the locked 06-30 checkpoint is refused with the store\'s Chinese message', async () => {
  const page = await newPage(1280, 800);
  await logIn(page, 'librarian');
  await page.goto(srv.url + '/app/#/monitor?year=2023&day=06-30');
  await page.waitForSelector('#mon-locked');
  assert.match(await text(page, '#mon-locked'), /已锁定/);
  await page.fill('#ms-0-executed', '510');
  await page.click('#mon-save');
  await page.waitForSelector('#mon-save-msg.error');
  const msg = await text(page, '#mon-save-msg');
  assert.match(msg, /未保存：监控时点 06-30 的数据已锁定/);
  assert.doesNotMatch(msg, /\.yaml|jixiao/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mon-save-msg');
  assert.equal(await page.isDisabled('#mon-save'), false);
  await shot(page, 'monitor-03-locked');
  await axe(page, 'the form, locked');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/* ---- the bureau ----------------------------------------------------------------------------- */

test('reviewer: the desk shows the unit under 红 with its figures, filters and sorts in the URL, drills down, closes a follow-up', async () => {
  const page = await newPage(1280, 800);
  await logIn(page, 'reviewer');
  await page.click('nav a:text-is("运行监控")');
  await page.waitForSelector('#md-units');
  assert.match(await text(page, 'h1'), /2023 年度 09-30 监控点/);
  const row = page.locator('#md-units tr[data-unit="U3"]');
  const cells = await row.locator('td').allTextContents();
  assert.deepEqual(cells.slice(0, 7), ['红灯', '某县图书馆U3', '1000.00', '500.00', '50.00', '74.79', '24.79']);
  assert.match(cells[8], /#\d+ 未关闭/);
  assert.match(await text(page, '#md-missing'), /政协峨边彝族自治县委员会办公室/);
  await axe(page, 'the desk');
  // the 06-30 checkpoint: three units, red first
  await page.selectOption('#md-day', '06-30');
  await page.click('#md-filters button[type=submit]');
  await page.waitForURL(/day=06-30/);
  await until(page, async () => (await page.locator('#md-units tbody tr').count()) === 3, 'three units');
  assert.deepEqual(await page.locator('#md-units tbody tr').evaluateAll((t) => t.map((r) => r.dataset.unit)), ['U1', 'U4', 'U3']);
  // sorted by 执行进度, ascending then descending, in the URL
  await page.click('button[data-sort="rate"]');
  await page.waitForURL(/sort=rate&dir=asc/);
  await until(page, async () => (await page.getAttribute('th:has(button[data-sort="rate"])', 'aria-sort')) === 'ascending', 'sorted');
  assert.deepEqual(await page.locator('#md-units tbody tr').evaluateAll((t) => t.map((r) => r.dataset.unit)), ['U1', 'U4', 'U3']);
  await page.click('button[data-sort="rate"]');
  await page.waitForURL(/dir=desc/);
  await until(page, async () => (await page.getAttribute('th:has(button[data-sort="rate"])', 'aria-sort')) === 'descending', 'sorted desc');
  assert.deepEqual(await page.locator('#md-units tbody tr').evaluateAll((t) => t.map((r) => r.dataset.unit)), ['U3', 'U4', 'U1']);
  // a page at a time: the server's pager (one unit a page here), in the address
  await page.evaluate(() => { location.hash = '#/mondesk?year=2023&day=06-30&sort=rate&dir=desc&per=1'; });
  await until(page, async () => /第 1 \/ 3 页（共 3 条）/.test(await text(page, '#page-info').catch(() => '')), 'the pager');
  assert.deepEqual(await page.locator('#md-units tbody tr').evaluateAll((t) => t.map((r) => r.dataset.unit)), ['U3']);
  await page.click('#page-next');
  await page.waitForURL(/page=2/);
  await until(page, async () => (await page.locator('#md-units tr[data-unit="U4"]').count()) === 1, 'page 2');
  await page.evaluate(() => { location.hash = '#/mondesk?year=2023&day=06-30'; });
  await until(page, async () => (await page.locator('#md-units tbody tr').count()) === 3, 'all three again');
  // only the yellow ones
  await page.selectOption('#md-light', 'yellow');
  await page.click('#md-filters button[type=submit]');
  await page.waitForURL(/light=yellow/);
  await until(page, async () => (await page.locator('#md-units tbody tr').count()) === 1, 'yellow only');
  // the URL alone gives the same page (reload)
  await page.reload();
  await page.waitForSelector('#md-units tr[data-unit="U4"]');
  assert.equal(await page.inputValue('#md-light'), 'yellow');
  // drill down: the bureau, then the unit
  await page.evaluate(() => { location.hash = '#/mondesk?year=2023'; });
  await page.waitForSelector('#md-children a');
  await page.click('#md-children a:text-is("某县财政局")');
  await page.waitForURL(/under=B/);
  await page.waitForSelector('nav.crumbs a:text-is("某县财政局")');
  await page.click('#md-units a:text-is("某县图书馆")');
  await page.waitForURL(/#\/monunit\/U3/);
  await page.waitForSelector('#mu-chart canvas');
  assert.match(await page.getAttribute('#mu-chart', 'aria-label'), /06-30 执行 50\.00%，序时 49\.59%；09-30 执行 50\.00%，序时 74\.79%/);
  assert.equal(await page.locator('#mu-points tbody tr').count(), 2);
  await shot(page, 'monitor-04-unit');
  await axe(page, 'the unit');
  // close the open follow-up: a reason is required, then a confirmation
  const open = page.locator('#mu-followups li.open').first();
  const id = (await open.getAttribute('id')).slice(3);
  await page.click(`#fu-${id}-close`);
  await page.click(`#fu-${id}-confirm`);
  assert.match(await text(page, `#fu-${id}-err`), /请写明关闭原因/);
  assert.equal(await page.getAttribute(`#fu-${id}-reason`, 'aria-invalid'), 'true');
  await page.fill(`#fu-${id}-reason`, '已约谈单位，十月完成采购');
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await page.click(`#fu-${id}-confirm`);
  await page.waitForSelector('#flash:has-text("已关闭跟进事项")');
  assert.match(asked, /关闭跟进事项/);
  await page.waitForSelector(`#fu-${id}:has-text("已关闭")`);
  assert.match(await text(page, `#fu-${id}`), /已约谈单位，十月完成采购/);
  // reopen 06-30 for U3 (reason, confirmation); the officer's corrected 06-30 report is then accepted
  await page.fill('#ro-reason', '单位申请更正 06-30 数据');
  page.once('dialog', (d) => d.accept());
  await page.click('#ro-submit');
  await page.waitForSelector('#flash:has-text("已重新开放 06-30 监控时点")');
  const o = await login(srv.url, 'librarian');
  const r = await req(srv.url, 'POST', '/api/monitor/reports', { session: o, body: {
    year: 2023, day: '06-30', cause: '', fix: '', sources: [{ source: '财政拨款', budget: '1000', executed: '480', forecast: '1000' }], indicators: [] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.reopen_used, true);
  await noCliWording(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// the phone's layout is the same on both backends: against SQLite only (the -pg run is the
// desktop flows' SQL)
if (!env.pg) test('phone width: the form, the desk and the unit fit 390 px; axe-core finds nothing serious', async () => {
  for (const [user, hash, sel] of [['librarian', '#/monitor?year=2023&day=11-30', '#mon-sources'], ['reviewer', '#/mondesk?year=2023&day=06-30', '#md-units'],
    ['reviewer', '#/mondesk?year=2023&day=06-30&per=1&page=2', '#page-info'], ['reviewer', '#/monunit/U1?year=2023', '#mu-points']]) {
    const page = await newPage(390, 844);
    await logIn(page, user);
    await page.goto(srv.url + '/app/' + hash);
    await page.waitForSelector(sel);
    await page.waitForTimeout(500);
    if (sel === '#md-units') { // the order, chosen without the table's headings
      await page.selectOption('#md-sort', 'rate:asc');
      await page.click('#md-filters button[type=submit]');
      await page.waitForURL(/sort=rate&dir=asc/);
      await until(page, async () => (await page.inputValue('#md-sort')) === 'rate:asc', 'sorted on a phone');
      assert.deepEqual(await page.locator('#md-units tbody tr').evaluateAll((t) => t.map((r) => r.dataset.unit)), ['U1', 'U4', 'U3']);
    }
    if (sel === '#page-info') { // the pager on a phone: both ways, reachable and in the width
      await until(page, async () => /第 2 \/ 3 页（共 3 条）/.test(await text(page, '#page-info')), 'page 2 of 3 on a phone');
      assert.equal(await page.inputValue('#per'), '1', 'the page size of the address is the one shown');
      for (const b of ['#page-prev', '#page-next']) {
        const box = await page.locator(b).boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.height >= 24, `${b} within 390 px and tappable: ${JSON.stringify(box)}`);
      }
      await page.click('#page-next');
      await page.waitForURL(/page=3/);
      await until(page, async () => /第 3 \/ 3 页/.test(await text(page, '#page-info')), 'page 3 on a phone');
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${hash}: ${wide} px wide`);
    await shot(page, 'monitor-phone-' + sel.slice(1));
    await axe(page, hash + ' at 390 px');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('待办: the officer sees its unit\'s checkpoint due with its deadline; the reviewer the units not reported; each links to where it is done', async () => {
  // 09-30 is reported by now (the form's test); 11-30 is due within 90 days of 2023-10-05
  const none = await req(srv.url, 'GET', '/api/todo?before=0', { session: await login(srv.url, 'librarian') });
  assert.equal(none.status, 200, none.text);
  const api = await req(srv.url, 'GET', '/api/todo?before=90', { session: await login(srv.url, 'librarian') });
  assert.equal(api.status, 200, api.text);
  const due = api.json.items.filter((x) => x.kind === 'checkpoint');
  assert.ok(due.length >= 1, api.text);
  assert.equal(due[0].unit, 'U3');
  assert.equal((await req(srv.url, 'GET', '/api/todo?before=abc', { session: await login(srv.url, 'librarian') })).status, 400);
  assert.equal((await req(srv.url, 'GET', '/api/todo')).status, 401);
  for (const [user, width] of [['librarian', 1280], ['reviewer', 390]]) {
    const page = await newPage(width, 844);
    await logIn(page, user);
    await page.click('nav a:text-is("待办")');
    await page.waitForSelector('#todo-summary');
    await page.goto(srv.url + '/app/#/todo?before=90');
    await until(page, async () => /共 \d+ 项/.test(await text(page, '#todo-summary')), '待办 within 90 days');
    assert.match(await text(page, '#todo-summary'), /共 \d+ 项/);
    assert.match(await text(page, '#todo-checkpoint'), /监控报送（\d+）/);
    const item = await text(page, 'section.todo li');
    assert.match(item, user === 'librarian' ? /报送期限 2023-\d\d-\d\d/ : /个单位未报/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= width, `待办 at ${width}: ${wide} px wide`);
    await axe(page, `待办 (${user}, ${width} px)`);
    await noCliWording(page);
    await page.click('section.todo li a');
    await page.waitForSelector(user === 'librarian' ? '#mon-sources' : '#md-filters');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
