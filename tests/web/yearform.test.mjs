// yearform.test.mjs — the whole department-year on the web (#19 points 1, 2, 8) in the real
// Debian Chromium (playwright-core) and over the API: GET /api/years/{id} serves the form as
// data (sections, each field with its document path, label, kind, text; a reference with its
// value and source in words; each diagnostic tied to its field by path, no line numbers); the
// page shows every section and lets each be edited, shows the reference's value and source,
// puts each diagnostic at its field (red cell, aria-invalid, the message beside it) with a
// summary at the top linking to the field, labels the stated and the computed totals, checks
// number, range, unit and date as one types, moves through the grid with Enter and the arrow
// keys, and shows times in Asia/Shanghai.  axe-core: no serious or critical violation, at
// 1280 px and at phone width (390).  The seed (tests/web/seed.c) has officer1's 2023 draft:
// the Ebian example, whose own disagreements are the diagnostics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login, PASSWORD } from './lib.mjs';
import { axe, openPage, logInAs, shot, launchChromium } from './browser.mjs';

const SECTIONS = ['profile', 'budget', 'goals', 'indicators', 'projects', 'blocks', 'analysis', 'application', 'problems', 'signer'];

let db, srv, browser, officer, yearId, data;

before(async () => {
  db = freshDb('yearform');
  srv = await startServer(db.db);
  browser = await launchChromium();
  officer = await login(srv.url, 'officer1');
  const list = await req(srv.url, 'GET', '/api/years', { session: officer });
  yearId = list.json.years.find((y) => y.year === 2023 && y.kind === 'department').id;
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
});

const newPage = (width, height) => openPage(browser, width, height, { timezoneId: 'UTC' });


const logIn = (page, user) => logInAs(page, srv.url, user, PASSWORD);


async function until(page, fn, what) {
  for (let i = 0; i < 200; i++) {
    if (await fn()) return;
    await page.waitForTimeout(50);
  }
  assert.fail('timed out: ' + what);
}

const field = (p) => `[data-path="${p}"]`;
const cell = (p) => `[data-field="${p}"]`;
const fieldsOf = (form) => form.sections.flatMap((s) => s.fields);

/* ---- API ------------------------------------------------------------------------------------ */

test('API: the form as data — sections, paths, labels, kinds, a reference in words, diagnostics by path', async () => {
  const r = await req(srv.url, 'GET', `/api/years/${yearId}`, { session: officer });
  assert.equal(r.status, 200, r.text);
  data = r.json;
  const form = data.form;
  assert.ok(form, 'form in the answer');
  assert.deepEqual(form.sections.map((s) => s.id), SECTIONS);
  for (const s of form.sections) {
    assert.match(s.title, /[\u4e00-\u9fff]/);
    assert.ok(s.fields.length > 0, s.id);
  }
  const by = new Map(fieldsOf(form).map((f) => [f.path, f]));
  const want = {
    'department.name': ['text', '政协峨边彝族自治县委员会办公室'],
    'profile.staffing.establishment.total': ['number', '25'],
    'profile.staffing.in_post.by_kind.行政': ['number', '23'],
    'budget.total': ['money', '1072.52'],
    'budget.fiscal': ['money', '1072.52'],
    'finance.expenditure.basic': ['money', '1127.98'],
    'goals[0]': ['text', '政治协商、民主监督、参政议政'],
    'tasks[1].name': ['text', '政协工作专项经费'],
    'indicators[3].target': ['number', '15'],
    'indicators[7].actual': ['percent', '96'],
    'indicators[4].actual': ['text', '达成'],
    'indicators[0].nature': ['nature', '='],
    'finance.projects[3].executed': ['money', '70'],
    'assessment.total': ['number', '98'],
    'assessment.blocks[0].score': ['number', '38'],
    'assessment.blocks[0].reason': ['text', ''],
    'analysis.department.goal_setting': ['text', null],
    'analysis.department.goal_attainment.value': ['percent', '98%'],
    'problems[0]': ['text', '绩效思想理念有待进一步强化'],
    'suggestions[2]': ['text', '厉行节约提升绩效'],
    signer: ['text', '政协峨边彝族自治县委员会办公室'],
    date: ['date', '2024-06-20'],
  };
  for (const [p, [kind, text]] of Object.entries(want)) {
    const f = by.get(p);
    assert.ok(f, 'field ' + p);
    assert.equal(f.kind, kind, p);
    if (text !== null) assert.equal(f.text, text, p);
    assert.match(f.label, /[\u4e00-\u9fff]/, p);
  }
  assert.equal(by.get('budget.fiscal').unit, '万元');
  // the profile's counts: a number each, a count named in English with what the file says of it
  const sc = by.get('profile.counts.special_committees');
  assert.deepEqual([sc.kind, sc.text, sc.hint], ['number', '7', '文件中的说明：7个专门委员会']);
  assert.equal(sc.label, '部门基本情况 · 其他数量 · special_committees');
  assert.equal(by.get('profile.counts.committee_members').hint, undefined, 'a note in English (a path) is not shown');
  const bad = await req(srv.url, 'POST', `/api/years/${yearId}/check`, { session: officer, body: { set: [{ path: 'profile.counts.special_committees', value: '七个' }] } });
  assert.equal(bad.status, 200, bad.text);
  assert.match(bad.json.rejected[0]?.message || '', /其他数量“special_committees”“七个”不是数字/);
  assert.equal(by.get('budget.fiscal').label, '年度部门整体支出预算 · 财政拨款');
  assert.equal(by.get('indicators[10].actual').label, '年度绩效指标 11：人员工资和保险等以及工会福利车贴等公用费用 · 实际完成值');
  // references: the value and where it comes from, in words
  const in0 = by.get('indicators[0].actual');
  assert.equal(in0.reference, true);
  assert.equal(in0.value, '34');
  assert.match(in0.source, /在职人数 · 合计（34）/);
  const cost = by.get('indicators[10].actual');
  assert.equal(cost.value, '1127.98');
  assert.match(cost.source, /基本支出（1127\.98万元）/);
  const liaison = by.get('indicators[1].actual');
  assert.equal(liaison.value, '6');
  assert.match(liaison.source, /工作事项 9“对外联络聚合力，对外联络作用充分发挥”中的一项数量（1） \+ /);
  for (const f of fieldsOf(form)) if (f.source) assert.doesNotMatch(f.source, /work\.items|profile\.|finance\.|counts/, f.path);
  // an analysis item's checkable claim carries what the year's figures give
  const claim = by.get('analysis.department.execution_progress.value');
  assert.match(claim.name, /所称/);
  // diagnostics: tied by path where they can be, never with a line number
  assert.ok(form.diagnostics.length > 0);
  const tied = form.diagnostics.filter((g) => g.path);
  assert.ok(tied.length > 0, JSON.stringify(form.diagnostics));
  for (const g of form.diagnostics) {
    assert.equal(g.line, undefined);
    assert.doesNotMatch(g.message, /第 \d+ 行/);
    if (g.path) {
      assert.ok(by.has(g.path), g.path);
      assert.ok(by.get(g.path).diagnostics.some((x) => x.code === g.code && x.message === g.message), g.path);
    }
  }
  assert.equal(form.stated_total, '98');
});

/* ---- the page ------------------------------------------------------------------------------- */

/* Shanghai local time of a UTC time as the page writes it: "2023-10-05 10:00". */
function shanghai(utc) {
  const d = new Date(new Date(utc).getTime() + 8 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
  test(`page at ${w} px: every section, the reference in words, errors at the field, local rules, the headline` +
       (tag === 'desktop' ? ', keyboard movement' : ''), async () => {
    const page = await newPage(w, h);
    await logIn(page, 'officer1');
    await page.goto(`${srv.url}/app/#/year/${yearId}`);
    await page.waitForSelector('#yearform');
    const form = data.form;
    // every section shown, each with an editable control
    for (const s of form.sections) {
      assert.ok(await page.isVisible(`#yf-sec-${s.id} h2`), s.id);
      const n = await page.locator(`#yf-sec-${s.id} [data-path]:not([disabled])`).count();
      assert.ok(n > 0, 'editable ' + s.id);
    }
    await shot(page, `yearform-${tag}-01-open`);
    // the reference: value and source in words, not the raw expression
    const ref = await page.textContent(cell('indicators[0].actual'));
    assert.match(ref, /34/);
    assert.match(ref, /取自：.*在职人数/);
    const main = await page.textContent('#yearform');
    assert.doesNotMatch(main, /= ?(profile|finance|work)\.|work\.items|deviation_note|第 \d+ 行/);
    // the headline: both totals, labelled
    assert.match(await page.textContent('#form-headline'), /填报的自评总分\s*98/);
    assert.match(await page.textContent('#form-headline'), /按规则计算的总分/);
    const ev = data.evaluation;
    if (ev.complete !== false) assert.match(await page.textContent('#computed-total'), new RegExp(String(ev.total).replace('.', '\\.')));
    else assert.match(await page.textContent('#computed-total'), /不完整/);
    // errors at the field: the message beside it, a red cell with aria-invalid for an error
    const tied = form.diagnostics.filter((g) => g.path && g.severity !== 'note');
    assert.ok(tied.length > 0);
    for (const g of tied) {
      const c = cell(g.path);
      assert.ok((await page.textContent(c)).includes(g.message), `${g.path}: ${g.message}`);
      // an error draws the cell red, a warning amber; both mark the field invalid for screen readers
      assert.equal(await page.getAttribute(field(g.path), 'aria-invalid'), 'true', g.path);
      assert.ok(await page.$eval(c, (e, sev) => e.classList.contains(sev === 'error' ? 'bad' : 'warn'), g.severity), g.path);
    }
    // the summary at the top links to each field: following a link focuses the field
    const links = page.locator('#form-summary a[data-goto]');
    assert.equal(await links.count(), tied.length);
    const g0 = tied[tied.length - 1];
    await page.locator(`#form-summary a[data-goto="${g0.path}"]`).first().click();
    const focused = await page.evaluate(() => document.activeElement.dataset.path || document.activeElement.closest('[data-field]')?.dataset.field);
    assert.equal(focused, g0.path);
    // local rules as one types: number, unit, range, date — with the message beside the field
    const local = [
      ['indicators[3].target', '12o.5', /请填写数字/],
      ['indicators[2].weight', '一', /请填写数字/],
      ['budget.other', '六百万abc', /金额以万元为单位填写数字，不要带单位/],
      ['budget.other', '-3', /不能为负数/],
      ['indicators[4].score', '12', /自评得分不能超过权重 10/],
      ['indicators[7].actual', '96个', /请填写数字（单位：%）/],
      ['indicators[3].actual', '15次', /只填数字，度量单位“次”已写在表头/],
      ['date', '2024-02-30', /没有这一天/],
    ];
    for (const [p, bad, msg] of local) {
      if (p === 'indicators[3].actual') await page.click(`${cell(p)} button`); // a reference: 改为直接填写
      await page.fill(field(p), bad);
      assert.equal(await page.getAttribute(field(p), 'aria-invalid'), 'true', p);
      assert.match(await page.textContent(`${cell(p)} .fmsg`), msg, p);
      assert.doesNotMatch(await page.textContent(`${cell(p)} .fmsg`), /null|undefined/);
    }
    assert.equal(await page.isDisabled('#form-save'), true, 'no save while a local rule is broken');
    assert.match(await page.textContent('#form-local'), /不符合格式/);
    const fixes = [['indicators[3].target', '15'], ['indicators[2].weight', '5'], ['budget.other', '0'], ['indicators[4].score', '10'],
      ['indicators[7].actual', '96%'], ['indicators[3].actual', '15'], ['date', '2024-06-20']];
    for (const [p, good] of fixes) {
      await page.fill(field(p), good);
      assert.equal(await page.$(`${cell(p)} .fmsg .local`), null, p);
    }
    assert.equal(await page.textContent('#form-local'), '');
    assert.equal(await page.isDisabled('#form-save'), false, 'save once every field is well-formed');
    await shot(page, `yearform-${tag}-02-local`);
    // each section can be edited: a field of each takes a new value and is marked changed
    const edits = {
      profile: ['profile.duties', '政治协商、民主监督、参政议政（修订）'],
      budget: ['finance.note', '全年无结转结余。'],
      goals: ['tasks[2].content', '开好年度全体政协委员会议'],
      indicators: ['indicators[8].actual', '97'],
      projects: ['finance.projects[1].executed', '1.28'],
      blocks: ['assessment.blocks[1].reason', '预算调整均按程序报批'],
      analysis: ['analysis.department.timely_handling', '部门开展绩效运行监控，未发现问题。'],
      application: ['application.feedback', '按时反馈结果应用情况。'],
      problems: ['suggestions[0]', '加强培训，提高认识'],
      signer: ['signer', '政协峨边彝族自治县委员会办公室'],
    };
    for (const [s, [p, v]] of Object.entries(edits)) {
      const el = page.locator(`#yf-sec-${s} ${field(p)}`);
      assert.equal(await el.count(), 1, `${s}: ${p}`);
      await el.fill(v);
      assert.equal(await el.inputValue(), v);
      assert.ok(await page.$eval(cell(p), (e) => e.classList.contains('changed')), p);
    }
    if (tag === 'desktop') {
      // keyboard: Enter and the arrows move through the indicators' grid, Enter through a list
      const active = () => page.evaluate(() => document.activeElement.dataset.path);
      await page.focus(field('indicators[0].weight'));
      await page.keyboard.press('Enter');
      assert.equal(await active(), 'indicators[1].weight');
      await page.keyboard.press('ArrowDown');
      assert.equal(await active(), 'indicators[2].weight');
      await page.keyboard.press('ArrowUp');
      assert.equal(await active(), 'indicators[1].weight');
      await page.keyboard.press('Shift+Enter');
      assert.equal(await active(), 'indicators[0].weight');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowRight'); // indicators[0].actual is a reference: the next control in the row
      assert.equal(await active(), 'indicators[0].score');
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await active(), 'indicators[0].weight');
      await page.focus(field('budget.total'));
      await page.keyboard.press('Enter');
      assert.equal(await active(), 'budget.fiscal');
      // a visible focus: the focused control draws an outline
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none');
    }
    // times in Asia/Shanghai local time (the browser itself runs in UTC here)
    assert.match(await page.textContent('main'), new RegExp('更新于 ' + shanghai(data.year.updated_at)));
    await shot(page, `yearform-${tag}-03-edited`);
    await axe(page, `year form ${tag}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

/* ---- the live check and the save (hA's in-place editor under the form) ----------------------- */

test('live check at the field, then a field of every section saved once (a double click is one save), the file keeping its comments', async () => {
  const page = await newPage(1280, 900);
  await logIn(page, 'officer1');
  // a page that takes a moment says 正在加载… (the year's data held back 1.5 s here)
  await page.route(`**/api/years/${yearId}`, async (route) => {
    if (route.request().method() === 'GET') await new Promise((res) => setTimeout(res, 1500));
    await route.continue();
  });
  await page.goto(`${srv.url}/app/#/year/${yearId}`);
  await page.waitForSelector('main[aria-busy="true"]');
  assert.equal(await page.$eval('main', (m) => getComputedStyle(m, '::before').content), '"正在加载…"');
  await page.waitForSelector('#yearform');
  assert.equal(await page.getAttribute('main', 'aria-busy'), null);
  await page.unroute(`**/api/years/${yearId}`);
  // the live check: a 财政拨款 that no longer adds up puts JX202 at 资金总额, linked from the summary
  await page.fill(field('budget.fiscal'), '1000');
  await until(page, async () => /相差 72\.52 万元/.test(await page.textContent(cell('budget.total'))), 'JX202 at budget.total');
  assert.equal(await page.getAttribute(field('budget.total'), 'aria-invalid'), 'true');
  assert.equal(await page.locator('#form-summary a[data-goto="budget.total"]').count(), 1);
  assert.match(await page.textContent('#form-status'), /已检查/);
  // a reason for the block's lost points: JX308 leaves its score
  assert.match(await page.textContent(cell('assessment.blocks[0].score')), /扣分须写明理由/);
  await page.fill(field('assessment.blocks[0].reason'), '目标制定不够细化，扣 2 分');
  await until(page, async () => !/扣分须写明理由/.test(await page.textContent(cell('assessment.blocks[0].score'))), 'JX308 gone');
  await page.fill(field('budget.fiscal'), '1072.52');
  await until(page, async () => !/相差 72\.52/.test(await page.textContent(cell('budget.total'))), 'JX202 gone');
  const edits = {
    'profile.duties': '政治协商、民主监督、参政议政（含界别工作）',
    'finance.note': '全年无结转结余。',
    'goals[1]': '保障基本支出和单位正常运转',
    'indicators[8].actual': '97',
    'finance.projects[1].executed': '1.3',
    'analysis.department.timely_handling': '部门开展绩效运行监控，未发现问题。',
    'application.feedback': '按时反馈结果应用情况。',
    'suggestions[0]': '加强培训，提高认识',
    signer: '政协峨边彝族自治县委员会办公室（盖章）',
  };
  for (const [p, v] of Object.entries(edits)) await page.fill(field(p), v);
  await page.waitForTimeout(500);
  await until(page, async () => /已检查/.test(await page.textContent('#form-status')), 'checked');
  // a double click saves once: the button is busy until the answer
  await page.dblclick('#form-save');
  await until(page, async () => /已保存为第 2 版/.test(await page.textContent('#flash')), 'saved');
  await page.waitForSelector('#yearform');
  const r = await req(srv.url, 'GET', `/api/years/${yearId}`, { session: officer });
  assert.equal(r.json.year.version, 2, 'one save, one version');
  const by = new Map(fieldsOf(r.json.form).map((f) => [f.path, f]));
  for (const [p, v] of Object.entries(edits)) assert.equal(by.get(p).text, v, p);
  assert.equal(by.get('assessment.blocks[0].reason').text, '目标制定不够细化，扣 2 分');
  assert.equal(by.get('budget.fiscal').text, '1072.52');
  assert.ok(!r.json.form.diagnostics.some((g) => g.code === 'JX308'), 'the reason is saved');
  // the file keeps its comments (the in-place editor)
  assert.match(r.json.yaml, /# assumption: no `monitoring` section/);
  assert.match(r.json.yaml, /# 7个专门委员会/);
  // the page after the save shows the saved values
  assert.equal(await page.inputValue(field('signer')), edits.signer);
  await shot(page, 'yearform-desktop-04-saved');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an indicator field is one field in the grid and in the form: each shows what the other typed, and the grid\'s 保存 saves the form\'s edits too', async () => {
  const page = await newPage(1280, 900);
  await logIn(page, 'officer1');
  const before = (await req(srv.url, 'GET', `/api/years/${yearId}`, { session: officer })).json.year.version;
  await page.goto(`${srv.url}/app/#/year/${yearId}`);
  await page.waitForSelector('#yearform');
  const gridIn = (i, k) => `#indicators input[data-index="${i}"][data-key="${k}"]`;
  // typed in the grid: the form's field shows it
  await page.fill(gridIn(3, 'actual'), '16');
  assert.equal(await page.inputValue(field('indicators[3].actual')), '16');
  // typed in the form: the grid's field shows it
  await page.fill(field('indicators[3].target'), '14');
  assert.equal(await page.inputValue(gridIn(3, 'target')), '14');
  // and a field only the form has
  await page.fill(field('finance.note'), '全年无结转结余，已核对。');
  await until(page, async () => /已检查/.test(await page.textContent('#form-status')), 'checked');
  // the grid's 保存: one new version with all three
  await page.click('#save');
  await until(page, async () => new RegExp(`已保存为第 ${before + 1} 版`).test(await page.textContent('#flash')), 'saved');
  await page.waitForSelector('#yearform');
  const r = await req(srv.url, 'GET', `/api/years/${yearId}`, { session: officer });
  assert.equal(r.json.year.version, before + 1);
  const by = new Map(fieldsOf(r.json.form).map((f) => [f.path, f]));
  assert.equal(by.get('indicators[3].actual').text, '16');
  assert.equal(by.get('indicators[3].target').text, '14');
  assert.equal(by.get('finance.note').text, '全年无结转结余，已核对。');
  // nothing left unsaved on either side
  assert.equal(await page.inputValue(field('finance.note')), '全年无结转结余，已核对。');
  assert.equal(await page.locator('#yearform .yf-cell.changed').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});


test('list items on the form: 删除此项 and 添加 (a goal, a task), checked as one types, diagnostics kept at their fields while items move, saved once', async () => {
  const y0 = (await req(srv.url, 'GET', `/api/years/${yearId}`, { session: officer })).json;
  const goals0 = fieldsOf(y0.form).filter((f) => /^goals\[\d+\]$/.test(f.path)).map((f) => f.text);
  const nInd = y0.indicators.length;
  // a warning at an indicator after the first one: its message must stay at its field when indicators[0] goes
  const err = y0.form.diagnostics.find((g) => g.severity === 'warning' && /^indicators\[([1-9]\d*)\]\./.test(g.path || ''));
  assert.ok(err, 'the seed has a warning at an indicator after the first');
  const page = await newPage(1280, 900);
  await logIn(page, 'officer1');
  await page.goto(`${srv.url}/app/#/year/${yearId}`);
  await page.waitForSelector('#yearform');
  // 删除此项: the item greyed and locked, the save open
  await page.click('[data-remove="goals[0]"]');
  assert.equal(await page.getAttribute('[data-remove="goals[0]"]', 'aria-pressed'), 'true');
  assert.equal(await page.textContent('[data-remove="goals[0]"]'), '撤销删除');
  assert.equal(await page.isDisabled(field('goals[0]')), true);
  assert.equal(await page.isDisabled('#form-save'), false);
  await page.click('[data-remove="indicators[0]"]');
  // 添加: a new goal says what it needs, and the save waits for it
  await page.click('[data-add="goals"]');
  const goal = '[data-list="goals"] textarea';
  await page.waitForSelector(goal);
  assert.match(await page.textContent('[data-list="goals"] legend'), new RegExp(`新增年度总体目标（第 ${goals0.length + 1} 条）`));
  assert.match(await page.textContent('[data-list="goals"] .fmsg'), /请填写内容/);
  assert.equal(await page.isDisabled('#form-save'), true);
  await page.fill(goal, '测试：新增的目标');
  // a new task: its name is required, its budget is money
  await page.click('[data-add="tasks"]');
  const task = (k) => `[data-list="tasks"] [data-path$=":${k}"]`;
  await page.waitForSelector(task('name'));
  assert.match(await page.textContent(`[data-list="tasks"] [data-field$=":name"]`), /请填写任务名称/);
  await page.fill(task('budget'), '很多');
  assert.match(await page.textContent(`[data-list="tasks"] [data-field$=":budget"]`), /请填写数字/);
  await page.fill(task('budget'), '12.5');
  await page.fill(task('name'), '测试任务');
  await page.fill(task('content'), '调研 3 次: 写报告');
  assert.equal(await page.isDisabled('#form-save'), false);
  // the live check: the error of the indicator that moved up is still at its own field
  await until(page, async () => /已检查/.test(await page.textContent('#form-status')), 'checked');
  assert.equal(await page.getAttribute(field(err.path), 'aria-invalid'), 'true', err.path);
  assert.ok((await page.textContent(cell(err.path))).includes(err.message.slice(0, 12)), err.message);
  await page.locator('[data-list="tasks"]').scrollIntoViewIfNeeded();
  await shot(page.locator('#yf-sec-goals'), 'yearform-desktop-05-list-items');
  await axe(page, 'list items added and removed');
  // saved once; the file: goals[0] gone, the goal and the task at the end, one indicator less
  const v = y0.year.version;
  await page.click('#form-save');
  await until(page, async () => new RegExp(`已保存为第 ${v + 1} 版`).test(await page.textContent('#flash')), 'saved');
  await page.waitForSelector('#yearform');
  const y1 = (await req(srv.url, 'GET', `/api/years/${yearId}`, { session: officer })).json;
  const goals1 = fieldsOf(y1.form).filter((f) => /^goals\[\d+\]$/.test(f.path)).map((f) => f.text);
  assert.deepEqual(goals1, [...goals0.slice(1), '测试：新增的目标']);
  assert.equal(y1.indicators.length, nInd - 1);
  const tasks = y1.form.lists.find((l) => l.path === 'tasks');
  const by = new Map(fieldsOf(y1.form).map((f) => [f.path, f]));
  assert.equal(by.get(`tasks[${tasks.items - 1}].name`).text, '测试任务');
  assert.equal(by.get(`tasks[${tasks.items - 1}].budget`).text, '12.5');
  assert.match(y1.yaml, /# 7个专门委员会/, 'the comments stay');
  assert.equal(await page.locator('fieldset.yf-new').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  // at phone width: the buttons and a new item's fields fit, and pass axe-core
  const phone = await newPage(390, 844);
  await logIn(phone, 'officer1');
  await phone.goto(`${srv.url}/app/#/year/${yearId}`);
  await phone.waitForSelector('#yearform');
  await phone.click('[data-add="indicators"]');
  await phone.waitForSelector('[data-list="indicators"] [data-path$=":name"]');
  await phone.click('[data-remove="problems[0]"]');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scroll at 390 px (${overflow} px)`);
  await phone.locator('[data-list="indicators"]').scrollIntoViewIfNeeded();
  await shot(phone.locator('#yf-sec-indicators .yf-add'), 'yearform-phone-05-list-items');
  await axe(phone, 'list items at phone width');
  assert.deepEqual(phone.errors, []);
  await phone.context().close();
});
