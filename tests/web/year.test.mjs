// year.test.mjs — one department-year on the web (#19): a save keeps the stored file (its
// comments, its lines but the edited ones), the history records real value changes only, the
// generic {"set": [{path, value}]} body of the save and of the live check, and the form's bugs
// in the real Debian Chromium at 1280 px and at phone width (390): a weight typed as 一 is
// marked at its field (named by the indicator's name, once) while the other edits are saved
// and the diagnostics refresh (JX206 says 多 N), a double click on 保存 saves once, unsaved
// edits are not lost without a warning.  axe-core finds no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login, PASSWORD } from './lib.mjs';
import { axe, openPage, shot, launchChromium } from './browser.mjs';


let db, srv, browser, officer, id;

before(async () => {
  db = freshDb('year');
  srv = await startServer(db.db);
  officer = await login(srv.url, 'officer1');
  const years = (await req(srv.url, 'GET', '/api/years', { session: officer })).json.years;
  id = years.find((y) => y.department === 'U1' && y.year === 2023).id;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
});

const open = async () => (await req(srv.url, 'GET', `/api/years/${id}`, { session: officer })).json;
const save = (body) => req(srv.url, 'PUT', `/api/years/${id}`, { session: officer, body });
const check = (body) => req(srv.url, 'POST', `/api/years/${id}/check`, { session: officer, body });
const lines = (text) => text.split('\n');
const comments = (text) => lines(text).filter((l) => /^\s*#/.test(l) || / #/.test(l));

/* ---- over the API --------------------------------------------------------------------------- */

test('a save writes only the edited scalars: comments, order and every other line stay', async () => {
  const y = await open();
  const before = y.yaml;
  assert.ok(comments(before).length > 20, 'the seed has its comments');
  assert.match(before, /^ {2}fiscal: 1,072\.52$/m);
  const i = y.indicators.findIndex((x) => /^[0-9]+$/.test(x.actual) && x.actual !== '0');
  assert.ok(i >= 0);
  const r = await save({ base_version: y.year.version, set: [{ path: 'budget.fiscal', value: '1072.52' }], indicators: [{ index: i, actual: String(Number(y.indicators[i].actual) + 1) }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.version, y.year.version + 1);
  assert.deepEqual(r.json.rejected, []);
  const after = (await open()).yaml;
  assert.equal(lines(after).length, lines(before).length, 'no line added or removed');
  assert.deepEqual(comments(after), comments(before), 'every comment kept');
  const differ = lines(before).map((l, k) => [l, lines(after)[k]]).filter(([a, b]) => a !== b);
  assert.equal(differ.length, 1, JSON.stringify(differ));
  assert.match(differ[0][1], new RegExp(`^ +actual: ${Number(y.indicators[i].actual) + 1}$`));
  assert.match(after, /^ {2}fiscal: 1,072\.52$/m, '1072.52 is the same value: the stored text stays');
  // the history: the one real change, nothing about budget.fiscal
  const h = (await open()).history;
  const rows = h.rows.filter((row) => row.includes(String(r.json.version)) || row.some((c) => c.includes('actual')));
  assert.ok(h.rows.some((row) => row.some((c) => /actual/.test(c))), JSON.stringify(h.rows.slice(-5)));
  assert.ok(!h.rows.some((row) => row.some((c) => /budget\.fiscal/.test(c))), 'no formatting-only change recorded: ' + JSON.stringify(rows));
});

test('a save with no real change says so and makes no version', async () => {
  const y = await open();
  const r = await save({ base_version: y.year.version, set: [{ path: 'budget.fiscal', value: '1072.520' }, { path: 'budget.total', value: '1,072.52' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.unchanged, true);
  assert.equal(r.json.version, y.year.version);
  assert.equal((await open()).year.version, y.year.version);
});

test('a whole file sent back with its numbers written another way records only the real change', async () => {
  const y = await open();
  assert.match(y.yaml, /^ {2}fiscal: 1,072\.52$/m, 'the stored file still writes 1,072.52');
  const text = y.yaml.replace(/^( {2}(?:total|fiscal)): 1,072\.52$/gm, '$1: 1072.52').replace(/^signer: .*$/m, 'signer: 政协峨边彝族自治县委员会办公室（整份文件）');
  assert.notEqual(text, y.yaml);
  const r = await save({ base_version: y.year.version, yaml: text });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.version, y.year.version + 1);
  const rows = (await open()).history.rows.filter((row) => row.includes(String(r.json.version)));
  assert.ok(rows.some((row) => row.some((c) => c === 'signer')), JSON.stringify(rows));
  assert.ok(!rows.some((row) => row.some((c) => /^budget\./.test(c))), 'no formatting-only change: ' + JSON.stringify(rows));
});

test('the set body: paths checked against the file format, named in the form\'s words; a missing key added', async () => {
  let y = await open();
  for (const [p, re] of [['year', /不能在此修改/], ['kind', /不能在此修改/], ['budget', /一组数据/], ['budget.nothing', /不是这份数据中可以填写的一项/],
    ['indicators[999].actual', /没有第 1000 项/], ['a..b', /写法不对|不是这份数据/]]) {
    const r = await check({ set: [{ path: p, value: '1' }] });
    assert.equal(r.status, 400, `${p}: ${r.text}`);
    assert.match(r.json.message, re, p);
  }
  let r = await check({ set: Array(2001).fill({ path: 'budget.fiscal', value: '1' }) });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /最多/);
  r = await check({ set: [{ path: 'signer', value: 'x'.repeat(5000) }] });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /过长/);
  // a money field that is not money: answered at the field, named as the form names it
  r = await check({ set: [{ path: 'budget.other', value: '很多' }, { path: 'signer', value: '政协办公室（测试）' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rejected.length, 1);
  assert.equal(r.json.rejected[0].path, 'budget.other');
  assert.match(r.json.rejected[0].message, /^年度部门整体支出预算的其他资金“很多”不是金额/);
  assert.match(r.json.yaml, /^signer: 政协办公室（测试）$/m);
  // a key the file does not have yet: added in its mapping, at its indentation
  assert.doesNotMatch(y.yaml, /carried_in/);
  r = await save({ base_version: y.year.version, set: [{ path: 'budget.carried_in', value: '0' }] });
  assert.equal(r.status, 200, r.text);
  y = await open();
  assert.match(y.yaml, /^ {2}other: 0\.00\n {2}carried_in: 0\n/m);
});

test('list items removed and added in place: goals, tasks, problems; checked against the format, refused in words', async () => {
  let y = await open();
  const before = y.yaml;
  const goals = y.form.lists.find((l) => l.path === 'goals');
  const tasks = y.form.lists.find((l) => l.path === 'tasks');
  assert.ok(goals && goals.fields === null && goals.items >= 3, JSON.stringify(goals));
  assert.deepEqual(tasks.fields.filter((f) => f.required).map((f) => f.key), ['name']);
  assert.equal(tasks.fields.find((f) => f.key === 'budget').kind, 'money');
  // the live check sees the change; nothing is stored
  let r = await check({ remove: ['goals[1]'], add: [{ list: 'goals', value: '测试：新增目标' }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.changed, 2);
  assert.doesNotMatch(r.json.yaml, /保障基本支出和单位正常运行/);
  assert.match(r.json.yaml, /^ {2}- 测试：新增目标$/m);
  assert.equal(r.json.form.lists.find((l) => l.path === 'goals').items, goals.items);
  // bad bodies: named in the form's words, nothing written
  for (const [body, re] of [[{ remove: ['budget.fiscal'] }, /不是列表中的一项/], [{ remove: ['goals[1]', 'goals[1]'] }, /删除了两次/],
    [{ add: [{ list: 'budget', value: 'x' }] }, /不是一个列表/], [{ add: [{ list: 'tasks', fields: { nothing: '1' } }] }, /不是可以填写的一项/],
    [{ add: [{ list: 'tasks', value: 'x' }] }, /应带有/], [{ remove: 'goals[0]' }, /应为数组/]]) {
    r = await check(body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.match(r.json.message, re, JSON.stringify(body));
  }
  r = await check({ remove: ['goals[99]'] });
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.message, /^无法删除年度总体目标第 100 项/);
  // a new task without its name, or with a budget that is not money: answered at its field
  r = await check({ add: [{ list: 'tasks', fields: { budget: '很多', content: '内容' } }, { list: 'tasks', fields: { content: '只有内容' } }, { list: 'problems', value: '  ' }] });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.rejected.map((x) => [x.add, x.key ?? null]), [[0, 'budget'], [1, 'name'], [2, null]]);
  assert.match(r.json.rejected[0].message, /新增年度主要任务的预算数“很多”不是金额/);
  assert.equal(r.json.changed, 0);
  // the save: comments and every other line stay; the history says what changed
  r = await save({ base_version: y.year.version, set: [{ path: 'signer', value: '县政协办公室' }], remove: ['goals[1]', 'problems[0]'],
    add: [{ list: 'goals', value: '测试：新增目标' }, { list: 'tasks', fields: { name: '测试任务', content: '调研 3 次: 写报告', budget: '12.5' } }] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.version, y.year.version + 1);
  y = await open();
  assert.deepEqual(comments(y.yaml), comments(before), 'every comment kept');
  assert.equal(lines(y.yaml).length, lines(before).length - 2 + 1 + 3);
  assert.match(y.yaml, /^ {2}- 认真做好政协会议、对外联络、政协专项工作\n(?: {2}- .*\n)* {2}- 测试：新增目标\n/m);
  assert.match(y.yaml, /^ {2}- name: 测试任务\n {4}content: "调研 3 次: 写报告"\n {4}budget: 12\.5\n/m);
  assert.doesNotMatch(y.yaml, /保障基本支出和单位正常运行|绩效思想理念有待进一步强化/);
  assert.equal(y.form.lists.find((l) => l.path === 'goals').items, goals.items);
  assert.equal(y.form.lists.find((l) => l.path === 'tasks').items, tasks.items + 1);
  const field = y.form.sections.flatMap((s) => s.fields).find((f) => f.path === `tasks[${tasks.items}].budget`);
  assert.equal(field.text, '12.5');
});

test('the body\'s department, year and kind must be the URL\'s, in the live check too', async () => {
  const y = await open();
  const r = await check({ yaml: y.yaml.replace('year: 2023', 'year: 2022') });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.message, /文件是单位 U1 2022 年度部门整体的数据，不是单位 U1 2023 年度部门整体的，未保存/);
});

test('a weight of 一: the other edits are saved, the weight is answered at its field by the indicator\'s name', async () => {
  const y = await open();
  const name = y.indicators[0].name;
  const body = { indicators: [{ index: 0, weight: '一' }, { index: 1, deviation_note: '测试：说明' }] };
  const c = await check(body);
  assert.equal(c.status, 200, c.text);
  assert.deepEqual(c.json.rejected.map((x) => [x.index, x.key]), [[0, 'weight']]);
  assert.equal(c.json.rejected[0].message, `指标“${name}”的权重“一”不是数字`);
  const s = await save({ base_version: y.year.version, ...body });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.version, y.year.version + 1);
  assert.equal(s.json.rejected.length, 1);
  const now = await open();
  assert.equal(now.indicators[0].weight, y.indicators[0].weight, 'the bad weight was not written');
  assert.equal(now.indicators[1].deviation_note, '测试：说明');
});

test('a project year: the grid\'s indicator edits go into project.indicators, in place', async () => {
  // the example under the test's unit U3 (its own 单位编码 out)
  const dir = mkdtempSync(path.join(tmpdir(), 'jx-web-year-')); /* the test's own, not the build tree */
  const file = path.join(dir, 'U3-project-2023.yaml');
  const text = readFileSync(path.join(env.source, 'examples/project-county-library-2023.yaml'), 'utf8');
  writeFileSync(file, text.replace(/^ {2}code: .*\n/m, ''));
  assert.notEqual(readFileSync(file, 'utf8'), text);
  try {
    execFileSync(env.jixiao, ['db', '--db', db.db, 'import', '--department', 'U3', file],
      { env: { ...process.env, JIXIAO_FRAMEWORKS: path.join(env.source, 'frameworks') }, stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lib = await login(srv.url, 'librarian');
  const years = (await req(srv.url, 'GET', '/api/years', { session: lib })).json.years;
  const p = years.find((y) => y.department === 'U3' && y.kind.startsWith('project:'));
  assert.ok(p, JSON.stringify(years));
  const y = (await req(srv.url, 'GET', `/api/years/${p.id}`, { session: lib })).json;
  const r = await req(srv.url, 'PUT', `/api/years/${p.id}`, { session: lib, body: { base_version: y.year.version, indicators: [{ index: 0, score: '14.5' }] } });
  assert.equal(r.status, 200, r.text);
  const after = (await req(srv.url, 'GET', `/api/years/${p.id}`, { session: lib })).json;
  assert.equal(after.indicators[0].score, '14.5');
  assert.equal(lines(after.yaml).length, lines(y.yaml).length);
  assert.deepEqual(comments(after.yaml), comments(y.yaml));
  const c = await req(srv.url, 'POST', `/api/years/${p.id}/check`, { session: lib, body: { indicators: [{ index: 0, weight: '十五' }] } });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.rejected[0].path, 'project.indicators[0].weight');
  assert.match(c.json.rejected[0].message, /^项目的指标“[^”]+”的权重“十五”不是数字$/);
});

/* ---- in the browser ---------------------------------------------------------------------------- */

const newPage = (width, height) => openPage(browser, width, height);

async function openYear(page) {
  await page.goto(srv.url + '/app/#/login');
  await page.fill('#username', 'officer1');
  await page.fill('#password', PASSWORD);
  await page.click('#login');
  await page.waitForSelector('#logout');
  await page.waitForSelector('main h1');
  await page.evaluate((h) => { location.hash = h; }, `#/year/${id}`);
  await page.waitForSelector('#indicators input[data-key="weight"]');
  await page.waitForFunction(() => document.querySelector('#indicator-total')?.textContent !== '');
}


for (const [label, width, height] of [['desktop', 1280, 900], ['phone', 390, 844]]) {
  test(`${label}: a weight typed as 一 is marked at its field, the diagnostics refresh (JX206 多 N), the other edits are saved`, async () => {
    const y = await open();
    const w1 = Number(y.indicators[1].weight);
    const sum = y.indicators.reduce((t, x) => t + Number(x.weight), 0);
    const name = y.indicators[0].name;
    const page = await newPage(width, height);
    await openYear(page);
    // year over year: the year before's total, a link to its page, and the change (before
    // the first test's saves change this year)
    if (label === 'desktop') {
      assert.match(await page.textContent('#yoy'), /^上年（2022 年度）\d+(\.\d+)? 分( \S+)? · 比上年 [+-]?\d+(\.\d+)? 分$/);
      assert.match(await page.getAttribute('#yoy a', 'href'), /^#\/year\/\d+$/);
    }
    const diagsBefore = await page.textContent('#diags');
    assert.doesNotMatch(diagsBefore, /JX206/);
    await page.locator('input[data-index="0"][data-key="weight"]').fill('一');
    await page.locator('input[data-index="1"][data-key="weight"]').fill(String(w1 + 5));
    await page.waitForSelector('input[data-index="0"][data-key="weight"][aria-invalid="true"]');
    await page.waitForFunction(() => /JX206/.test(document.querySelector('#diags').textContent));
    const jx206 = await page.textContent('#diags li:has-text("JX206")');
    assert.match(jx206, new RegExp(`权重之和为 ${sum + 5}，评价框架“[^”]+”要求 100（多 ${sum + 5 - 100}）$`));
    assert.doesNotMatch(jx206, /相差|（-/);
    const msg = await page.textContent('#err-0-weight');
    assert.equal(msg, `指标“${name}”的权重“一”不是数字`);
    assert.equal(await page.getAttribute('input[data-index="0"][data-key="weight"]', 'aria-describedby'), 'err-0-weight');
    assert.ok(await page.locator('td.invalid input[data-index="0"][data-key="weight"]').count());
    const body = await page.textContent('body');
    assert.equal(body.split('不是数字').length - 1, 1, 'the message once, not doubled');
    assert.doesNotMatch(body, /第 1 项指标/);
    await shot(page, `year-${label}-01-weight-invalid`);
    await shot(page.locator('#indicators tbody tr').first(), `year-${label}-01b-weight-row`);
    await axe(page, `${label} weight marked`);
    // save: the valid weight is saved, the invalid one stays in the form, marked
    await page.click('#save');
    await page.waitForSelector(`.flash:has-text("已保存为第 ${y.year.version + 1} 版")`);
    assert.match(await page.textContent('.flash'), /1 项未保存/);
    await page.waitForSelector('input[data-index="0"][data-key="weight"][aria-invalid="true"]');
    assert.equal(await page.inputValue('input[data-index="0"][data-key="weight"]'), '一');
    assert.equal(await page.inputValue('input[data-index="1"][data-key="weight"]'), String(w1 + 5));
    assert.equal(await page.textContent('#err-0-weight'), `指标“${name}”的权重“一”不是数字`);
    await shot(page, `year-${label}-02-saved-rest`);
    const now = await open();
    assert.equal(now.year.version, y.year.version + 1);
    assert.equal(now.indicators[1].weight, String(w1 + 5));
    assert.equal(now.indicators[0].weight, y.indicators[0].weight);
    assert.deepEqual(page.errors, []);
    await page.context().close();
    // back to the weights the other tests expect
    const back = await save({ base_version: now.year.version, indicators: [{ index: 1, weight: String(w1) }] });
    assert.equal(back.status, 200, back.text);
  });

  test(`${label}: a double click on 保存 saves once, with a busy button and no conflict with itself`, async () => {
    const y = await open();
    const page = await newPage(width, height);
    await openYear(page);
    const puts = [];
    page.on('request', (r) => { if (r.method() === 'PUT') puts.push(r.url()); });
    await page.locator('input[data-index="2"][data-key="deviation_note"]').fill(`双击测试 ${label}`);
    await page.waitForSelector('#save:not([disabled])');
    await page.dblclick('#save');
    await page.waitForSelector(`.flash:has-text("已保存为第 ${y.year.version + 1} 版")`);
    await page.waitForTimeout(300);
    assert.equal(puts.length, 1, 'one save');
    assert.doesNotMatch(await page.textContent('.flash'), /他人修改|冲突/);
    assert.equal((await open()).year.version, y.year.version + 1);
    // the busy state, seen while a slow save is on its way
    await page.route('**/api/years/*', async (route) => {
      if (route.request().method() === 'PUT') await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    await page.locator('input[data-index="2"][data-key="deviation_note"]').fill(`忙碌测试 ${label}`);
    await page.waitForSelector('#save:not([disabled])');
    await page.click('#save');
    await page.waitForSelector('#save[aria-busy="true"][disabled]');
    assert.equal(await page.textContent('#save'), '保存中…');
    await shot(page, `year-${label}-03-saving`);
    await page.click('#save', { force: true }).catch(() => {});
    await page.waitForSelector(`.flash:has-text("已保存为第 ${y.year.version + 2} 版")`);
    assert.equal(puts.length, 2, 'one save per click that was not busy');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test(`${label}: unsaved edits are not lost without a warning (closing the page, in-app navigation)`, async () => {
    const page = await newPage(width, height);
    await openYear(page);
    const unload = () => page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
    assert.equal(await unload(), false, 'nothing to lose: no warning');
    await page.locator('input[data-index="3"][data-key="actual"]').fill('99');
    assert.equal(await unload(), true, 'the browser asks before the page is closed');
    // a link of the menu: asked; "cancel" stays with the edit
    const asked = [];
    page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
    await page.evaluate(() => document.querySelector('#nav a[href="#/years"]').click());
    await page.waitForTimeout(300);
    assert.equal(asked.length, 1);
    assert.match(asked[0], /1 项指标的修改尚未保存/);
    assert.match(page.url(), /#\/year\//);
    assert.equal(await page.inputValue('input[data-index="3"][data-key="actual"]'), '99');
    // the back button or a typed address: asked too; "cancel" comes back to the form as it was
    page.once('dialog', (d) => { asked.push(d.message()); d.dismiss(); });
    await page.evaluate(() => { location.hash = '#/years'; });
    await page.waitForFunction(() => /#\/year\//.test(location.hash) && document.querySelector('input[data-index="3"][data-key="actual"]')?.value === '99');
    await page.waitForSelector('#indicators tr.changed input[data-index="3"]');
    assert.equal(asked.length, 2);
    await shot(page, `year-${label}-04-unsaved-kept`);
    await axe(page, `${label} unsaved`);
    // "OK" leaves, and the edits are gone
    page.once('dialog', (d) => d.accept());
    await page.evaluate(() => document.querySelector('#nav a[href="#/years"]').click());
    await page.waitForSelector('main h1:has-text("本部门填报")');
    assert.equal(await unload(), false);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('a save from the web form keeps the stored file\'s comments and lines, but the edited one', async () => {
  const y = await open();
  const page = await newPage(1280, 900);
  await openYear(page);
  const i = y.indicators.findIndex((x) => /^[0-9]+$/.test(x.target) && /^[0-9]+$/.test(x.actual));
  await page.locator(`input[data-index="${i}"][data-key="actual"]`).fill(String(Number(y.indicators[i].actual) + 2));
  await page.waitForSelector('#save:not([disabled])');
  await page.click('#save');
  await page.waitForSelector(`.flash:has-text("已保存为第 ${y.year.version + 1} 版")`);
  const after = (await open()).yaml;
  assert.equal(lines(after).length, lines(y.yaml).length);
  assert.deepEqual(comments(after), comments(y.yaml));
  assert.ok(comments(after).some((l) => /assum|假设/i.test(l)), 'the assumption notes are there');
  const differ = lines(y.yaml).filter((l, k) => l !== lines(after)[k]);
  assert.equal(differ.length, 1, JSON.stringify(differ));
  await page.context().close();
});
