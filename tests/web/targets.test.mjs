// targets.test.mjs — 绩效目标申报 in the real Debian Chromium (playwright-core): the officer's
// declaration form with the indicator library's suggestions (keyboard) and the live review
// findings beside each field, saving; the 主管部门's head reviews and returns; the reviewer's
// target desk with a batch 批复 behind a confirmation (one of the batch refused, with its
// reason); a locked declaration without edit controls; a returned one with its comment.
// Pages are shot at 1366×768 and at phone width (390×844) into $JX_ARTIFACTS/screenshots with JX_SHOTS=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login, PASSWORD } from './lib.mjs';
import { axe, openPage, shot as shotPage, launchChromium } from './browser.mjs';


let db, srv, browser;
const ids = {};

/* A complete declaration as the form sends it: every required 二级指标, a 效益 and a 满意度. */
function full(code, name, extra = {}) {
  return {
    year: 2025, code, name, total: '60', this_year: '20',
    policy_basis: '依据《中华人民共和国公共图书馆法》和本县“十四五”文化发展规划，设立本项目。',
    calc_basis: '本项目支出主要用于图书采购，按单价 40 元 × 5000 册测算，合计 20 万元。',
    annual_goal: '通过采购图书 5000 册并按时上架，达成读者借阅服务水平提升、读者满意度 90% 以上的目标。',
    indicators: [
      { level1: '产出', level2: '数量', name: '采购图书数量', value: '≥5000册', explanation: '反映本年采购图书的册数' },
      { level1: '产出', level2: '质量', name: '图书验收合格率', value: '100%', explanation: '反映采购图书验收合格的比例' },
      { level1: '产出', level2: '时效', name: '图书上架及时率', value: '≥95%', explanation: '反映图书到馆后按时上架的比例' },
      { level1: '产出', level2: '成本', name: '图书采购成本', value: '≤20万元', explanation: '反映图书采购的总成本' },
      { level1: '效益', level2: '社会效益', name: '借阅人次增长率', value: '≥5%', explanation: '反映借阅人次比上年的增长' },
      { level1: '满意度', level2: '服务对象满意度', name: '读者满意度', value: '≥90%', explanation: '反映读者对借阅服务的满意程度' },
    ],
    ...extra,
  };
}

before(async () => {
  db = freshDb('targets');
  srv = await startServer(db.db);
  // three declarations of U1 through the API (they also fill the indicator library):
  // A and B reviewed by the head and the bureau (ready for 批复), C only declared
  const o = await login(srv.url, 'officer1'), hd = await login(srv.url, 'head1'), rv = await login(srv.url, 'reviewer');
  for (const [k, code, name] of [['a', 'TS-A', '图书采购项目'], ['b', 'TS-B', '古籍修复项目'], ['c', 'TS-C', '档案数字化项目']]) {
    const r = await req(srv.url, 'POST', '/api/declarations', { session: o, body: full(code, name) });
    assert.equal(r.status, 201, r.text);
    ids[k] = r.json.id;
  }
  for (const k of ['a', 'b']) {
    assert.equal((await req(srv.url, 'POST', `/api/declarations/${ids[k]}/review`, { session: hd, body: {} })).status, 200);
    assert.equal((await req(srv.url, 'POST', `/api/declarations/${ids[k]}/review`, { session: rv, body: {} })).status, 200);
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
});

const newPage = (width, height) => openPage(browser, width, height);

const shot = (page, name) => shotPage(page, name, { screen: true });

async function logIn(page, user) {
  await page.goto(srv.url + '/app/#/login');
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('#login');
  await page.waitForSelector('#logout');
}

/* No command-line wording, YAML keys or file positions anywhere on the page. */
async function noCliWording(page) {
  const text = await page.textContent('main');
  assert.doesNotMatch(text, /jixiao |--[a-z]|annual_goal|policy_basis|calc_basis|this_year|\.yaml|第 \d+ 行：/);
}

let savedId;

test('officer: the form suggests from the library, shows the review beside each field, saves', async () => {
  const page = await newPage(1366, 768);
  await logIn(page, 'officer1');
  await page.click('nav a:text-is("绩效目标")');
  await page.waitForSelector('#targets');
  await shot(page, 'targets-00-officer-list');
  await axe(page, 'the officer\'s declarations');
  await page.click('#decl-new');
  await page.waitForSelector('#decl-indicators');
  // an empty 年度目标 gives a finding beside it, with its 意见表述, and marks the field
  await page.waitForSelector('#df-annual_goal-msg li');
  const goalMsg = await page.textContent('#df-annual_goal-msg');
  assert.match(goalMsg, /年度绩效目标未填写/);
  assert.match(goalMsg, /意见：/);
  assert.equal(await page.getAttribute('#df-annual_goal', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#df-annual_goal', 'aria-describedby'), 'df-annual_goal-msg');
  // the summary at the top links to the field
  await page.click('#decl-summary a:has-text("年度目标")');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'df-annual_goal');

  await page.fill('#df-year', '2025');
  await page.fill('#df-code', 'TS-NEW');
  await page.fill('#df-name', '少儿阅读推广项目');
  await page.fill('#df-total', '30');
  await page.fill('#df-this_year', '12');
  await page.fill('#df-policy_basis', '依据《全民阅读促进条例》和本县年度工作计划，设立本项目。');
  await page.fill('#df-calc_basis', '本项目支出主要用于阅读活动，按每场 1 万元 × 12 场测算，合计 12 万元。');
  // typing a 三级指标 opens the library's suggestions; the keyboard picks one
  await page.click('#di-0-name');
  await page.keyboard.type('满意');
  await page.waitForSelector('#di-0-sug li');
  assert.equal(await page.getAttribute('#di-0-name', 'aria-expanded'), 'true');
  const sug = await page.textContent('#di-0-sug');
  assert.match(sug, /读者满意度/);
  assert.match(sug, /满意度\/服务对象满意度/);
  await shot(page, 'targets-01-suggest');
  await axe(page, 'a new declaration with the library\'s suggestions open');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getAttribute('#di-0-sug-0', 'aria-selected'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#di-0-name'), '读者满意度');
  assert.equal(await page.inputValue('#di-0-level1'), '满意度');
  assert.equal(await page.inputValue('#di-0-level2'), '服务对象满意度');
  assert.equal(await page.inputValue('#di-0-value'), '≥90%'); // the typical value
  // a placeholder 指标值 gets the review's finding beside it, with its 意见表述
  await page.fill('#di-0-value', '完成');
  for (let i = 0; i < 100 && !/指标值/.test(await page.textContent('#di-0-value-msg')); i++) await page.waitForTimeout(50);
  const valMsg = await page.textContent('#di-0-value-msg');
  assert.match(valMsg, /指标值/);
  assert.match(valMsg, /意见：/);
  assert.equal(await page.getAttribute('#di-0-value', 'aria-invalid'), 'true');
  await shot(page, 'targets-02-findings');
  await noCliWording(page);
  // fixed: the value and the goal; the findings beside them go
  await page.fill('#di-0-value', '≥90%');
  await page.fill('#df-annual_goal', '通过开展少儿阅读活动 12 场，达成少儿阅读兴趣提升、家长满意度 90% 以上的目标。');
  for (let i = 0; i < 100 && await page.isVisible('#df-annual_goal-msg li'); i++) await page.waitForTimeout(50);
  assert.equal(await page.isVisible('#df-annual_goal-msg li'), false);
  // add and remove a row
  await page.click('#decl-add-row');
  assert.equal(await page.locator('#decl-indicators tbody tr').count(), 2);
  await page.click('button[aria-label="删除第 2 行指标"]');
  assert.equal(await page.locator('#decl-indicators tbody tr').count(), 1);
  // save: busy while it runs, then the declaration's own page
  await page.click('#decl-save');
  await page.waitForURL(/#\/target\/\d+$/);
  await page.waitForSelector('#flash:has-text("已保存为第 1 版")');
  savedId = Number(page.url().split('/').pop());
  assert.equal(await page.inputValue('#df-name'), '少儿阅读推广项目');
  assert.equal(await page.textContent('#df-code-text'), 'TS-NEW');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('head: reviews the saved declaration and returns another with a comment', async () => {
  const page = await newPage(1366, 768);
  await logIn(page, 'head1');
  await page.goto(srv.url + `/app/#/target/${savedId}`);
  await page.waitForSelector('#decl-review');
  assert.equal(await page.locator('#decl-approve').count(), 0, 'the head does not 批复');
  assert.equal(await page.locator('#decl-save').count(), 0);
  await page.click('#decl-review');
  await page.waitForSelector('#flash:has-text("已审核通过")');
  assert.match(await page.textContent('h1'), /主管部门已审/);
  // a return needs a comment
  await page.goto(srv.url + `/app/#/target/${ids.c}`);
  await page.waitForSelector('#decl-return');
  await page.click('#decl-return');
  await page.waitForSelector('#flash:has-text("退回时请写明意见")');
  await page.fill('#decl-comment', '请补充成本测算的明细');
  await page.click('#decl-return');
  await page.waitForSelector('#flash:has-text("已退回")');
  assert.match(await page.textContent('h1'), /已退回/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('reviewer: the target desk approves a batch after a confirmation; what cannot be approved says why', async () => {
  const page = await newPage(1366, 768);
  await logIn(page, 'reviewer');
  await page.click('nav a:text-is("绩效目标审核")');
  await page.waitForSelector('#targets');
  // filters live in the URL
  await page.selectOption('select[name="status"]', 'bureau_reviewed');
  await page.click('#target-filters button[type="submit"]');
  await page.waitForURL(/status=bureau_reviewed/);
  for (let i = 0; i < 100 && await page.locator('#targets tbody tr').count() !== 2; i++) await page.waitForTimeout(50);
  assert.equal(await page.locator('#targets tbody tr').count(), 2);
  await page.goto(srv.url + '/app/#/targets?year=2025');
  // the same page under another hash: the old desk stays until the new one is drawn
  for (let i = 0; i < 200 && await page.inputValue('input[name="year"]') !== '2025'; i++) await page.waitForTimeout(50);
  assert.equal(await page.inputValue('input[name="year"]'), '2025');
  for (let i = 0; i < 200 && await page.locator('#targets tbody tr').count() !== 4; i++) await page.waitForTimeout(50);
  const rows = await page.locator('#targets tbody tr').count();
  assert.equal(rows, 4);
  assert.equal(await page.isDisabled('#batch-approve'), true, 'nothing selected: no batch');
  for (const id of [ids.a, ids.b, savedId]) await page.check(`input[data-pick="${id}"]`);
  assert.equal(await page.textContent('#batch-count'), '已选 3 份');
  await shot(page, 'targets-03-desk');
  await axe(page, 'the target desk');
  let asked = '';
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await page.click('#batch-approve');
  assert.match(asked, /批复选中的 3 份申报/);
  assert.match(await page.textContent(`tr:has(input[data-pick="${ids.a}"])`), /财政已审/, 'dismissed: nothing approved');
  page.once('dialog', (d) => d.accept());
  await page.click('#batch-approve');
  await page.waitForSelector('#flash:has-text("完成 2 份")');
  const why = await page.textContent('#batch-result');
  assert.match(why, /少儿阅读推广项目/);
  assert.match(why, /主管部门已审/);
  assert.match(await page.textContent(`tr:has(input[data-pick="${ids.a}"])`), /已批复/);
  assert.match(await page.textContent(`tr:has(input[data-pick="${ids.b}"])`), /已批复/);
  await shot(page, 'targets-04-desk-after');
  await noCliWording(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('officer: a locked declaration has no edit controls; a returned one shows the comment and can be changed', async () => {
  const page = await newPage(1366, 768);
  await logIn(page, 'officer1');
  await page.goto(srv.url + `/app/#/target/${ids.a}`);
  await page.waitForSelector('#decl-locked');
  assert.equal(await page.locator('main input, main textarea, #decl-save, #decl-add-row').count(), 0);
  await shot(page, 'targets-05-locked');
  await axe(page, 'a locked declaration');
  await page.goto(srv.url + `/app/#/target/${ids.c}`);
  await page.waitForSelector('#decl-returned');
  assert.match(await page.textContent('#decl-returned'), /请补充成本测算的明细/);
  assert.equal(await page.locator('#decl-save').count(), 1);
  await shot(page, 'targets-06-returned');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('phone width: the form and the desk are cards, nothing wider than the screen', async () => {
  for (const [user, hash, name, sel] of [['officer1', `#/target/${ids.c}`, 'targets-07-phone-form', '#decl-indicators'],
    ['officer1', '#/target/new', 'targets-08-phone-new', '#decl-indicators'], ['reviewer', '#/targets', 'targets-09-phone-desk', '#targets']]) {
    const page = await newPage(390, 844);
    await logIn(page, user);
    await page.goto(srv.url + '/app/' + hash);
    await page.waitForSelector(sel);
    await page.waitForTimeout(600); // the live review of a new form
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `${hash}: the page is ${wide}px wide`);
    assert.equal(await page.isVisible(sel + ' thead'), false, 'a card per row, no table head');
    await shot(page, name);
    await axe(page, `${hash} at 390 px`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
