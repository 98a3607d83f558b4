// approval.test.mjs — the approval chain by level in the real Debian Chromium (playwright-core)
// and over the API: the officer's 提交审核 goes to the unit's head (单位审核), who has the
// buttons (the bug of issue #19); then 主管部门 and 财政局, a return with a comment at EACH
// level and the resubmission, a new version, an unapproval with its reason, the final
// approval and the publication behind confirmations; the thread of steps by version on the
// year's page; each level's 待办 and the batch approval with a refusal listed.  axe-core
// finds no serious or critical violation at 1280 px and at phone width (390).
// The seed (tests/web/seed.c): 主管部门 A 某县教育局 with unit U5 某县实验小学 (drafts 2021–2023),
// accounts officer5 and head5 (U5), authhead (head of A) and reviewer (the bureau).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login, PASSWORD } from './lib.mjs';
import { axe, openPage, shot, launchChromium } from './browser.mjs';

const U5 = '某县实验小学';

let db, srv, base, browser;
const S = {};
const ids = {};

before(async () => {
  db = freshDb('approval');
  srv = await startServer(db.db);
  base = srv.url;
  for (const u of ['officer5', 'head5', 'authhead', 'reviewer', 'officer1', 'head1']) S[u] = await login(base, u);
  const years = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years;
  for (const y of years) if (y.department === 'U5') ids[y.year] = y.id;
  assert.ok(ids[2021] && ids[2022] && ids[2023], JSON.stringify(years.map((y) => [y.department, y.year])));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
});

async function newPage(width, height) {
  const page = await openPage(browser, width, height);
  page.dialogs = [];
  // every confirmation is recorded and accepted; a test says which ones it expects
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.accept(); });
  return page;
}

async function logIn(page, user) {
  await page.context().clearCookies();
  await page.goto(srv.url + '/app/#/login');
  await page.reload();
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#login');
  await page.waitForFunction(() => !location.hash.startsWith('#/login'));
  await page.waitForSelector('#logout');
}

async function openYear(page, id) {
  await page.goto(`${srv.url}/app/#/year/${id}`);
  await page.waitForSelector('#approval:not([aria-busy]) #approval-state');
}

const stateOf = (page) => page.textContent('#approval-state');

/* user opens year id, writes comment (if any) and clicks button; the card then says want. */
async function step(page, user, id, button, want, comment) {
  await logIn(page, user);
  await openYear(page, id);
  if (comment) await page.fill('#general-comment', comment);
  const n = page.dialogs.length;
  await page.click(button);
  await page.waitForFunction((w) => document.querySelector('#approval:not([aria-busy]) #approval-state')?.textContent === w, want);
  return page.dialogs.slice(n);
}

async function chainApi(user, id) {
  const r = await req(base, 'GET', `/api/years/${id}/approval`, { session: S[user] });
  assert.equal(r.status, 200, r.text);
  return r.json;
}

test('the chain by level: a return at each level, a new version, an unapproval, publish; the thread', async () => {
  const page = await newPage(1280, 900);
  const id = ids[2023];

  // the bug: the officer's 提交审核 goes to the unit's head …
  await logIn(page, 'officer5');
  // while the chain is on its way the card says so, and its text keeps full contrast (a
  // busy card was drawn at 75 % opacity: its grey line failed axe-core's contrast check)
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/\/api\/years\/\d+\/approval$/, async (r) => { await held; await r.continue(); });
  await page.goto(`${srv.url}/app/#/year/${id}`);
  await page.waitForSelector('#approval[aria-busy="true"] p:has-text("正在读取审核流程")');
  await axe(page, 'the officer\'s year, the chain loading');
  release();
  await page.waitForSelector('#approval:not([aria-busy]) #approval-state');
  await page.unroute(/\/api\/years\/\d+\/approval$/);
  assert.equal(await stateOf(page), '草稿');
  assert.deepEqual(await page.locator('#chain li').evaluateAll((l) => l.map((x) => x.dataset.level)), ['unit', 'authority', 'bureau', 'publish']);
  assert.equal(await page.locator('#approve, #return, #publish').count(), 0, 'the officer only submits');
  await shot(page, 'approval-desktop-01-officer');
  await axe(page, 'the officer\'s year');
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#approval:not([aria-busy]) #approval-state')?.textContent === '待单位审核');
  assert.equal(await page.locator('#chain li[data-state="awaiting"]').getAttribute('data-level'), 'unit');

  // … who finds it in 待办 and has the buttons
  await logIn(page, 'head5');
  await page.goto(srv.url + '/app/#/todo');
  await page.waitForSelector('#todo-approval');
  await page.click(`section.todo a:has-text("${U5} · 2023")`);
  await page.waitForSelector('#approval:not([aria-busy]) #approval-state');
  assert.equal(await stateOf(page), '待单位审核');
  assert.equal(await page.locator('#approve').count(), 1, 'the head approves');
  assert.equal(await page.locator('#return').count(), 1, 'the head returns');
  assert.match(await page.textContent('#approve'), /单位审核/);
  // a return needs a comment: said at the card, nothing sent
  await page.click('#return');
  await page.waitForSelector('#approval-msg:has-text("请写明意见")');
  assert.equal(await stateOf(page), '待单位审核');
  await page.locator('textarea[data-comment]').first().fill('请补充本单位会议纪要');
  await shot(page, 'approval-desktop-02-head');
  await axe(page, 'the head\'s review');

  // return at the unit level
  await page.fill('#general-comment', '单位审核：佐证不全');
  await page.click('#return');
  await page.waitForFunction(() => document.querySelector('#approval:not([aria-busy]) #approval-state')?.textContent === '已退回');
  // the officer resubmits; the head approves: on to 主管部门
  await step(page, 'officer5', id, '#submit', '待单位审核');
  assert.ok(await page.locator('#thread li[data-action="return"][data-level="unit"]:has-text("单位审核：佐证不全")').count(), 'the officer reads the return');
  await step(page, 'head5', id, '#approve', '待主管部门审核');

  // 主管部门: in its 待办, a return with a comment
  await logIn(page, 'authhead');
  await page.goto(srv.url + '/app/#/todo');
  await page.waitForSelector(`#todo-approval ~ ul a:has-text("${U5} · 2023")`);
  assert.match(await page.textContent('section.todo'), /待主管部门审核/);
  // its list of years holds its unit's, under a title that says so
  await page.goto(srv.url + '/app/#/years');
  await page.waitForSelector(`main table a:has-text("${U5}")`);
  assert.match(await page.textContent('main h1'), /^本部门及下属单位填报（某县教育局）$/);
  // the row says whose approval the year awaits, as the list's answer does
  assert.equal(await page.textContent(`main tr:has(a:text-is("${U5}")):has(td:text-is("2023")) .badge`), '已提交（待主管部门审核）');
  assert.equal((await req(base, 'GET', '/api/years', { session: S.authhead })).json.years.find((y) => y.id === id).awaiting, '待主管部门审核');
  assert.equal((await req(base, 'GET', '/api/years', { session: S.authhead })).json.years.find((y) => y.status === 'draft').awaiting, null);
  await axe(page, 'years of a 主管部门');
  await step(page, 'authhead', id, '#return', '已退回', '主管部门：请核实指标值');
  // the officer saves a new version (version 2) and resubmits it; the head and 主管部门 approve
  let y = (await req(base, 'GET', `/api/years/${id}`, { session: S.officer5 })).json;
  let r = await req(base, 'PUT', `/api/years/${id}`, { session: S.officer5, body: { base_version: y.year.version, indicators: [{ index: 0, deviation_note: '已按主管部门意见补充说明' }] } });
  assert.equal(r.status, 200, r.text);
  const v2 = r.json.version;
  assert.equal(v2, y.year.version + 1);
  await step(page, 'officer5', id, '#submit', '待单位审核');
  await step(page, 'head5', id, '#approve', '待主管部门审核');
  assert.deepEqual(await step(page, 'authhead', id, '#approve', '待财政局审核'), [], 'not the last level: no confirmation');

  // 财政局 returns …
  await step(page, 'reviewer', id, '#return', '已退回', '财政局：执行率说明不足');
  // … and after the chain again approves: the last level asks first
  await step(page, 'officer5', id, '#submit', '待单位审核');
  await step(page, 'head5', id, '#approve', '待主管部门审核');
  await step(page, 'authhead', id, '#approve', '待财政局审核');
  let asked = await step(page, 'reviewer', id, '#approve', '已审核通过');
  assert.equal(asked.length, 1, 'the bureau\'s approval is confirmed');
  assert.match(asked[0], /最后一级审核/);

  // the bureau withdraws 主管部门's approval, with a reason, after a confirmation
  await logIn(page, 'reviewer');
  await openYear(page, id);
  assert.deepEqual(await page.locator('#unapprove-level option').evaluateAll((o) => o.map((x) => x.value)), ['unit', 'authority', 'bureau']);
  await page.selectOption('#unapprove-level', 'authority');
  await page.click('#unapprove');
  await page.waitForSelector('#approval-msg:has-text("理由")');
  await page.fill('#general-comment', '主管部门未核实满意度调查');
  let n = page.dialogs.length;
  await page.selectOption('#unapprove-level', 'authority');
  await page.click('#unapprove');
  await page.waitForFunction(() => document.querySelector('#approval:not([aria-busy]) #approval-state')?.textContent === '待主管部门审核');
  assert.equal(page.dialogs.length, n + 1);
  assert.match(page.dialogs[n], /撤销“主管部门审核”/);
  assert.deepEqual(await page.locator('#chain li').evaluateAll((l) => l.map((x) => x.dataset.state)), ['approved', 'awaiting', 'pending', undefined]);

  // 主管部门 approves again, the bureau too; publish asks first
  await step(page, 'authhead', id, '#approve', '待财政局审核');
  await step(page, 'reviewer', id, '#approve', '已审核通过');
  n = page.dialogs.length;
  await page.click('#publish');
  await page.waitForFunction(() => document.querySelector('#approval:not([aria-busy]) #approval-state')?.textContent === '已公开');
  assert.match(page.dialogs[n], /公开后所有人可见/);
  await page.waitForSelector('#public-link');

  // the thread: every step with who and which level, by version, newest first
  const versions = await page.locator('#thread section.thread h3').allTextContents();
  assert.deepEqual(versions, [`第 ${v2} 版`, `第 ${v2 - 1} 版`]);
  const steps = await page.locator('#thread li.step').evaluateAll((l) => l.map((x) => `${x.dataset.action}@${x.dataset.level}`));
  for (const lv of ['unit', 'authority', 'bureau']) assert.ok(steps.includes(`return@${lv}`), `a return at ${lv}: ${steps}`);
  assert.ok(steps.includes('unapprove@bureau'));
  assert.ok(steps.includes('publish@bureau'));
  const un = page.locator('#thread li[data-action="unapprove"]');
  assert.match(await un.textContent(), /reviewer.*财政局审核.*撤销审核（主管部门审核）.*主管部门未核实满意度调查/);
  assert.match(await page.textContent(`#thread section:has(h3:text-is("第 ${v2 - 1} 版"))`), /authhead主管部门审核退回.*主管部门：请核实指标值/);
  // times in Asia/Shanghai
  assert.match(await un.locator('.when').textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  assert.doesNotMatch(await page.textContent('#approval'), /null|undefined/);
  await shot(page, 'approval-desktop-03-published-thread');
  await axe(page, 'the published year with its thread');

  // the same through the API, kept in the history
  const a = await chainApi('officer5', id);
  assert.equal(a.status, 'published');
  assert.deepEqual(a.chain.map((l) => l.state), ['approved', 'approved', 'approved']);
  const returns = a.thread.filter((t) => t.action === 'return');
  assert.deepEqual(returns.map((t) => [t.level, t.who]), [['unit', 'head5'], ['authority', 'authhead'], ['bureau', 'reviewer']]);
  assert.ok(returns.every((t) => t.comment));
  y = (await req(base, 'GET', `/api/years/${id}`, { session: S.officer5 })).json;
  assert.ok(y.history.rows.some((row) => row.includes('审核级别') && row.includes('authhead')), 'the level in the history');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('who may act at which level (API)', async () => {
  const id = ids[2021];
  let r = await req(base, 'POST', `/api/years/${id}/submit`, { session: S.officer5, body: {} });
  assert.equal(r.status, 200, r.text);
  let a = await chainApi('head5', id);
  assert.equal(a.level, 'unit');
  assert.equal(a.state_label, '待单位审核');
  assert.ok(a.can.approve && a.can.return, JSON.stringify(a.can));
  assert.ok(!(await chainApi('officer5', id)).can.approve, 'not the officer');
  // the officer has no approval at all; another unit's head does not see the year
  assert.equal((await req(base, 'POST', `/api/years/${id}/approve`, { session: S.officer5, body: {} })).status, 403);
  assert.equal((await req(base, 'POST', `/api/years/${id}/approve`, { session: S.head1, body: {} })).status, 404);
  // neither 主管部门 nor the bureau approve in the unit's place
  for (const who of ['authhead', 'reviewer']) {
    r = await req(base, 'POST', `/api/years/${id}/approve`, { session: S[who], body: {} });
    assert.equal(r.status, 409, who);
    assert.match(r.json.message, /待单位审核.*应由单位负责人操作/);
  }
  r = await req(base, 'POST', `/api/years/${id}/approve`, { session: S.head5, body: {} });
  assert.equal(r.status, 200, r.text);
  // the unit's head cannot approve for 主管部门
  r = await req(base, 'POST', `/api/years/${id}/approve`, { session: S.head5, body: {} });
  assert.equal(r.status, 409);
  assert.match(r.json.message, /应由主管部门审核人操作/);
  // unapprove needs a reason, and a level at or below one's own
  r = await req(base, 'POST', `/api/years/${id}/unapprove`, { session: S.authhead, body: { level: 'unit', comments: [] } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'comment_required');
  r = await req(base, 'POST', `/api/years/${id}/unapprove`, { session: S.authhead, body: { level: 'bureau', comments: [{ text: 'x' }] } });
  assert.equal(r.status, 409);
  r = await req(base, 'POST', `/api/years/${id}/unapprove`, { session: S.authhead, body: { level: 'unit', comments: [{ text: '单位未签字' }] } });
  assert.equal(r.status, 200, r.text);
  assert.equal((await chainApi('head5', id)).level, 'unit');
  assert.equal((await req(base, 'POST', `/api/years/${id}/approve`, { session: S.head5, body: {} })).status, 200);
  // a batch only approves
  r = await req(base, 'POST', '/api/years/batch', { session: S.authhead, body: { action: 'return', ids: [id] } });
  assert.equal(r.status, 400);
  r = await req(base, 'POST', '/api/years/batch', { session: S.authhead, body: { action: 'approve', ids: [] } });
  assert.equal(r.status, 400);
  // the head's 待办 lists it no more; 主管部门's does
  const todo = async (who) => (await req(base, 'GET', '/api/todo', { session: S[who] })).json.items.filter((x) => x.kind === 'approval').map((x) => x.id);
  assert.ok(!(await todo('head5')).includes(id));
  assert.ok((await todo('authhead')).includes(id));
  assert.ok(!(await todo('reviewer')).includes(id));
});

test('batch approval at 主管部门: confirmed, each on its own, the refusal listed', async () => {
  const page = await newPage(1280, 900);
  // 2022 through the unit level too; 2021 is at 主管部门 already (the test above)
  assert.equal((await req(base, 'POST', `/api/years/${ids[2022]}/submit`, { session: S.officer5, body: {} })).status, 200);
  assert.equal((await req(base, 'POST', `/api/years/${ids[2022]}/approve`, { session: S.head5, body: {} })).status, 200);
  await logIn(page, 'authhead');
  await page.click('#nav a[href="#/approvals"]');
  await page.waitForSelector('#approvals');
  const listed = await page.locator('#approvals tbody tr').evaluateAll((t) => t.map((r) => Number(r.dataset.id)));
  assert.deepEqual(listed.sort(), [ids[2021], ids[2022]].sort());
  assert.equal(await page.isDisabled('#batch-approve'), true, 'nothing selected');
  await page.check('#pick-all');
  assert.equal(await page.textContent('#batch-count'), '已选 2 个年度');
  await page.fill('#batch-comment', '主管部门批量审核通过');
  await shot(page, 'approval-desktop-04-batch');
  await axe(page, 'the batch page');
  // meanwhile 2021 is returned by someone else: the batch refuses it and says why
  assert.equal((await req(base, 'POST', `/api/years/${ids[2021]}/return`, { session: S.reviewer, body: { comments: [{ text: '财政局先行退回' }] } })).status, 200);
  const n = page.dialogs.length;
  await page.click('#batch-approve');
  await page.waitForSelector('#batch-result li');
  assert.match(page.dialogs[n], /审核通过选中的 2 个年度/);
  assert.match(await page.textContent('.flash'), /完成 1 个，未完成 1 个/);
  assert.match(await page.textContent('#batch-result'), new RegExp(`${U5} 2021 年度：.*已退回`));
  await shot(page, 'approval-desktop-05-batch-done');
  const a = await chainApi('authhead', ids[2022]);
  assert.equal(a.level, 'bureau');
  assert.ok(a.thread.some((t) => t.action === 'approve' && t.level === 'authority' && t.comment === '主管部门批量审核通过' && t.who === 'authhead'));
  assert.equal((await chainApi('officer5', ids[2021])).status, 'returned');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// the phone's layout is the same on both backends: against SQLite only (the -pg run is the
// desktop flows' SQL)
if (!env.pg) test('phone: the chain, the buttons and the batch fit 390 px; the bureau approves a batch', async () => {
  const page = await newPage(390, 844);
  // 2021 back to the bureau's level
  for (const [who, action] of [['officer5', 'submit'], ['head5', 'approve'], ['authhead', 'approve']])
    assert.equal((await req(base, 'POST', `/api/years/${ids[2021]}/${action}`, { session: S[who], body: {} })).status, 200, `${who} ${action}`);
  await logIn(page, 'reviewer');
  await openYear(page, ids[2021]);
  assert.equal(await stateOf(page), '待财政局审核');
  await page.waitForSelector('#approve');
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 400, `the year's page is ${w}px wide on a 390px screen`);
  await shot(page, 'approval-phone-01-year');
  await shot(page.locator('#approval'), 'approval-phone-01b-card'); // the card itself, readable
  await axe(page, 'the year on a phone');
  await page.goto(srv.url + '/app/#/approvals');
  await page.waitForSelector('#approvals');
  const w2 = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w2 <= 400, `the batch page is ${w2}px wide on a 390px screen`);
  await axe(page, 'the batch page on a phone');
  await page.check(`input[data-pick="${ids[2021]}"]`);
  await page.check(`input[data-pick="${ids[2022]}"]`);
  await shot(page, 'approval-phone-02-batch');
  const n = page.dialogs.length;
  await page.click('#batch-approve');
  await page.waitForSelector('.flash:has-text("完成 2 个")');
  assert.equal(page.dialogs.length, n + 1, 'confirmed first');
  for (const y of [2021, 2022]) assert.equal((await chainApi('reviewer', ids[y])).status, 'approved', String(y));
  await page.waitForSelector('#approvals-empty');
  assert.deepEqual(page.errors, []);
  await page.close();
});

// The pages no other Chromium test checks with axe-core: the login form, the accounts page
// (administrator) and the rectification list (bureau), at desktop and phone width.
test('axe-core: the login, accounts and rectification pages', async () => {
  for (const [width, height] of [[1280, 900], [390, 844]]) {
    const page = await openPage(browser, width, height);
    await page.goto(srv.url + '/app/#/login');
    await page.waitForSelector('#login');
    await axe(page, `login ${width}`);
    await logIn(page, 'admin');
    await page.goto(srv.url + '/app/#/users');
    await page.waitForSelector('form.card input[name="username"]');
    await axe(page, `accounts ${width}`);
    await logIn(page, 'reviewer');
    await page.goto(srv.url + '/app/#/rect');
    await page.waitForSelector('main h1:has-text("整改")');
    await axe(page, `rectification ${width}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
