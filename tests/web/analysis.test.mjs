// analysis.test.mjs — the reviewer's analysis, the dashboard and the public pages, over the API
// and in the real Debian Chromium (playwright-core): the desk's list sorted and paged by the
// server (a page, never the whole table), its filters in the URL surviving a reload, rows that
// open the department-year, one name per flag; the store's analyses (ranking by total and by
// execution, flags, year over year, missing) sorted and paged; every list exported whole as a
// real XLSX and CSV whose cells are checked; the dashboard's year selector, top and bottom
// execution with full names, drill-down 财政局 → 单位 with completeness and timeliness; the
// public list's year filter, sorting and pages, the open data per year and per unit, download
// names with sizes, the score summary, the unit's own name in the report's title and header
// (a 实验小学 filed under its 教育局 says 实验小学, not 教育局), and at 390 px the report's
// indicator table as cards with the page no wider than the screen.  axe-core finds no serious
// or critical violation on the desk, an analysis, the dashboard, the public list and report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login, PASSWORD } from './lib.mjs';
import { axe, openPage, logInAs, shot, launchChromium } from './browser.mjs';

const U1 = '政协峨边彝族自治县委员会办公室';
const SCHOOL = '某县实验小学', BUREAU_OF_EDUCATION = '某县教育局';

let db, srv, browser, tmp, ids = {};

const cli = (...args) => execFileSync(env.jixiao, ['db', '--db', db.db, ...args], {
  env: { ...process.env, JIXIAO_FRAMEWORKS: path.join(env.source, 'frameworks') }, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

before(async () => {
  db = freshDb('analysis', { chain: false }); // its counts are of the units before the approval chain's
  tmp = mkdtempSync(path.join(tmpdir(), 'jx-analysis-'));
  // a school under its education bureau (a 主管部门), whose file names the bureau as its department
  writeFileSync(path.join(tmp, 'deps.csv'), `code,name,parent,level\nE,${BUREAU_OF_EDUCATION},B,authority\nE1,${SCHOOL},E,unit\n`);
  cli('departments', path.join(tmp, 'deps.csv'));
  const u1 = cli('export', 'U1', '2023');
  const school = u1.replace(`  name: ${U1}\n`, `  name: ${BUREAU_OF_EDUCATION}\n`).replace(/\n {2}unit: [^\n]*\n/, `\n  unit: ${SCHOOL}\n`);
  assert.notEqual(school, u1);
  writeFileSync(path.join(tmp, 'E1-2023.yaml'), school);
  cli('import', '--user', 'test', '--department', 'E1', path.join(tmp, 'E1-2023.yaml'));
  cli('submit', 'E1', '2023', '--user', 'test');
  // one approval per level of the chain, until it is no longer awaiting one (待…审核)
  for (let i = 0; i < 4 && /待.*审核/.test(cli('approve', 'E1', '2023', '--user', 'test')); i++);
  cli('publish', 'E1', '2023', '--user', 'test');
  srv = await startServer(db.db);
  browser = await launchChromium();
  const rv = await login(srv.url, 'reviewer');
  for (const y of (await req(srv.url, 'GET', '/api/years', { session: rv })).json.years) ids[`${y.department}-${y.year}`] = y.id;
});

after(async () => {
  await browser?.close();
  if (srv) await stopServer(srv);
  db?.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/* ---- reading what was downloaded ------------------------------------------------------------ */
/* The files of a ZIP (an XLSX) by name: the central directory read, each entry inflated. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a ZIP file');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = {};
  for (let i = 0; i < n; i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42), name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    files[name] = (method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
    p += 46 + nameLen + extra + comment;
  }
  return files;
}

/* The first sheet of an XLSX as rows of texts (shared strings resolved, numbers as written). */
function xlsxRows(buf) {
  const f = unzip(buf);
  const strings = [...(f['xl/sharedStrings.xml'] || '').matchAll(/<si>(.*?)<\/si>/gs)]
    .map((m) => [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''))
    .map((s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  const sheet = f['xl/worksheets/sheet1.xml'];
  assert.ok(sheet, Object.keys(f).join(' '));
  return [...sheet.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((r) => [...r[1].matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map((c) => {
    const v = /<v>(.*?)<\/v>/.exec(c[2] || '');
    if (!v) return '';
    return /t="s"/.test(c[1]) ? strings[Number(v[1])] : v[1];
  }));
}

/* RFC 4180 CSV (with the byte-order mark Excel wants) as rows of texts. */
function csvRows(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'CSV starts with a byte-order mark');
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r') { /* CRLF */ } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}

/* ---- API ------------------------------------------------------------------------------------ */

test('API: the desk is sorted and paged by the server; one name per flag; the previous year; exports whole', async () => {
  const rv = await login(srv.url, 'reviewer');
  const all = (await req(srv.url, 'GET', '/api/desk?year=2023&per=200', { session: rv })).json;
  assert.equal(all.total, 3, JSON.stringify(all.years.map((y) => y.department)));
  // a page of one row, then the next: the server sends one row and says how many there are
  const byName = (await req(srv.url, 'GET', '/api/desk?year=2023&sort=name&dir=asc&per=1', { session: rv })).json;
  assert.equal(byName.years.length, 1);
  assert.equal(byName.total, 3);
  const names = all.years.map((y) => y.department_name).sort((a, b) => (a < b ? -1 : a > b));
  assert.equal(byName.years[0].department_name, names[0]);
  const page2 = (await req(srv.url, 'GET', '/api/desk?year=2023&sort=name&dir=asc&per=1&page=2', { session: rv })).json;
  assert.equal(page2.years[0].department_name, names[1]);
  assert.equal(page2.page, 2);
  const desc = (await req(srv.url, 'GET', '/api/desk?year=2023&sort=name&dir=desc&per=1', { session: rv })).json;
  assert.equal(desc.years[0].department_name, names[2]);
  // a column that is not a sort key, a page that is not a number: refused in Chinese
  let r = await req(srv.url, 'GET', '/api/desk?year=2023&sort=d.name;drop', { session: rv });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /不能按/);
  r = await req(srv.url, 'GET', '/api/desk?page=x', { session: rv });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /页码/);
  r = await req(srv.url, 'GET', '/api/desk?per=100000', { session: rv });
  assert.equal(r.status, 400);
  // U1's 2023 against its 2022: the previous total and the change
  const u1 = all.years.find((y) => y.department === 'U1');
  assert.equal(u1.previous_total, '98');
  assert.equal(u1.change, '0');
  // flags: the names of the store's query (the analysis' 自评与数据不一致), and the filter
  const flags = (await req(srv.url, 'GET', '/api/analysis?what=flags&year=2023&per=200', { session: rv })).json;
  const storeNames = new Set(flags.rows.map((row) => row[flags.columns.findIndex((c) => c.key === 'flag')]));
  assert.ok(storeNames.size > 0);
  for (const n of storeNames) assert.ok(u1.flags.includes(n) || all.years.some((y) => y.flags.includes(n)), `${n} on the desk`);
  for (const y of all.years) for (const f of y.flags) assert.ok(storeNames.has(f) || ['数据有错误', '逾期提交'].includes(f), `one name per flag: ${f}`);
  const flagged = (await req(srv.url, 'GET', '/api/desk?year=2023&flags=1', { session: rv })).json;
  assert.equal(flagged.total, all.years.filter((y) => y.flags.length).length);
  // the whole list as CSV and XLSX, in the order asked for
  r = await req(srv.url, 'GET', '/api/desk?year=2023&sort=name&dir=desc&format=csv', { session: rv });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-disposition'), /attachment/);
  const csv = csvRows(r.text);
  assert.deepEqual(csv[0].slice(0, 6), ['编码', '部门', '年度', '类型', '状态', '计算得分']);
  assert.equal(csv.length, 1 + 3);
  assert.deepEqual(csv.slice(1).map((row) => row[1]), [...names].reverse());
  assert.ok(csv.slice(1).some((row) => row[0] === 'U1' && row[8] === '98' && row[9] === '0'), JSON.stringify(csv));
  r = await req(srv.url, 'GET', '/api/desk?year=2023&sort=name&dir=asc&format=xlsx', { session: rv });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  const x = xlsxRows(r.bytes);
  assert.equal(x[0][1], '部门');
  assert.deepEqual(x.slice(1).map((row) => row[1]), names);
  // an officer has no desk and no analysis
  const o = await login(srv.url, 'officer1');
  assert.equal((await req(srv.url, 'GET', '/api/desk', { session: o })).status, 403);
  assert.equal((await req(srv.url, 'GET', '/api/analysis?what=rank', { session: o })).status, 403);
});

test('API: the analyses of the command line, a page at a time, sorted, exported', async () => {
  const rv = await login(srv.url, 'reviewer');
  const get = async (q) => { const r = await req(srv.url, 'GET', '/api/analysis?' + q, { session: rv }); assert.equal(r.status, 200, r.text); return r.json; };
  let a = await get('what=rank&year=2023');
  assert.equal(a.title, '排名');
  assert.deepEqual(a.columns.map((c) => c.key), ['rank', 'code', 'name', 'authority', 'score', 'grade', 'status']);
  assert.equal(a.total, 3);
  assert.ok(a.rows.some((row) => row[1] === 'E1' && row[3] === BUREAU_OF_EDUCATION), JSON.stringify(a.rows));
  assert.match(a.footer, /2023 年度，按得分排名，3 个单位/);
  a = await get('what=rank&year=2023&by=execution&per=2&sort=code&dir=desc');
  assert.equal(a.columns[4].label, '执行率');
  assert.equal(a.rows.length, 2);
  assert.equal(a.total, 3);
  assert.deepEqual(a.rows.map((row) => row[1]), ['U2', 'U1']);
  a = await get('what=rank&year=2023&per=2&sort=code&dir=desc&page=2');
  assert.deepEqual(a.rows.map((row) => row[1]), ['E1']);
  a = await get('what=rank&year=2023&level=authority');
  assert.ok(a.rows.some((row) => row.includes(BUREAU_OF_EDUCATION)), JSON.stringify(a.rows));
  a = await get('what=yoy&year=2023');
  assert.deepEqual(a.rows.map((row) => row[0]), ['U1']);
  assert.match(a.footer, /与 2022 年度相比/);
  a = await get('what=missing&year=2023&sort=code');
  assert.ok(a.rows.some((row) => row[0] === 'U4' && row[3] === '未报送'));
  for (const w of ['stats', 'totals', 'flags']) assert.ok((await get(`what=${w}&year=2023`)).columns.length > 0, w);
  // words of the command line stay off the web
  for (const w of ['rank', 'missing', 'flags', 'stats', 'yoy', 'totals']) assert.doesNotMatch((await get(`what=${w}&year=2023`)).footer, /jixiao|--/);
  // refused in Chinese
  let r = await req(srv.url, 'GET', '/api/analysis?what=drop', { session: rv });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /没有“drop”这项分析/);
  r = await req(srv.url, 'GET', '/api/analysis?what=rank&sort=nope', { session: rv });
  assert.equal(r.status, 400);
  r = await req(srv.url, 'GET', '/api/analysis?what=rank&format=exe', { session: rv });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /导出格式/);
  // exports: the whole ranking, sorted as asked
  r = await req(srv.url, 'GET', '/api/analysis?what=rank&year=2023&sort=code&dir=asc&format=xlsx', { session: rv });
  assert.equal(r.status, 200);
  const x = xlsxRows(r.bytes);
  assert.deepEqual(x[0], ['名次', '编码', '单位', '主管部门', '得分', '等级', '状态']);
  assert.deepEqual(x.slice(1).map((row) => row[1]), ['E1', 'U1', 'U2']);
  assert.equal(x[1][4], '98.00');
  r = await req(srv.url, 'GET', '/api/analysis?what=missing&year=2023&format=csv', { session: rv });
  const csv = csvRows(r.text);
  assert.deepEqual(csv[0], ['编码', '单位', '主管部门', '情况', '首次提交']);
  assert.ok(csv.some((row) => row[0] === 'U4' && row[3] === '未报送'));
  assert.match(r.headers.get('content-disposition'), /filename\*=UTF-8''/);
});

test('API: the dashboard: top and bottom execution with names, drill-down with reporting rates', async () => {
  const rv = await login(srv.url, 'reviewer');
  const d = (await req(srv.url, 'GET', '/api/dashboard?year=2023', { session: rv })).json;
  assert.ok(d.execution.length > 0 && d.execution_low.length > 0);
  assert.ok(d.execution.every((e) => e.code && e.department && typeof e.rate === 'string'));
  // the top of the tree: the bureau, its 7 units (U1–U4 and the school under 教育局)
  assert.deepEqual(d.drill.children.map((c) => c.code), ['B']);
  const b = d.drill.children[0];
  assert.equal(b.units, 5);
  // submitted: U2 and E1 (approved, published); on time: none (the seed submits after 2024-03-31)
  assert.equal(b.reported, 2);
  assert.equal(b.completeness, '40');
  assert.equal(b.timeliness, '0');
  assert.equal(d.drill.deadline, '2024-03-31');
  const under = (await req(srv.url, 'GET', '/api/dashboard?year=2023&under=B', { session: rv })).json.drill;
  assert.deepEqual(under.path.map((p) => p.code), ['B']);
  const e = under.children.find((c) => c.code === 'E');
  assert.equal(e.has_children, true);
  assert.equal(e.units, 1);
  assert.equal(e.completeness, '100');
  const school = (await req(srv.url, 'GET', '/api/dashboard?year=2023&under=E', { session: rv })).json.drill;
  assert.deepEqual(school.children.map((c) => [c.code, c.name, c.level]), [['E1', SCHOOL, 'unit']]);
  assert.deepEqual(school.path.map((p) => p.code), ['B', 'E']);
  assert.equal((await req(srv.url, 'GET', '/api/dashboard?under=NOPE', { session: rv })).status, 404);
  // the drill-down's table as a download: the children, then the total
  const x = xlsxRows((await req(srv.url, 'GET', '/api/dashboard?year=2023&under=B&format=xlsx', { session: rv })).bytes);
  assert.deepEqual(x[0], ['编码', '部门', '层级', '应报单位', '已报送', '报送率%', '按时报送', '及时率%', '平均得分']);
  assert.deepEqual(x.find((row) => row[0] === 'E'), ['E', BUREAU_OF_EDUCATION, '主管部门', '1', '1', '100', '0', '0', '98']);
  assert.deepEqual(x[x.length - 1].slice(0, 6), ['B', '某县财政局', '合计', '5', '2', '40']);
});

test('public: the unit\'s own name in the title and header; summary; downloads with sizes; open data', async () => {
  const list = (await req(srv.url, 'GET', '/api/public/years?year=2023')).json;
  const row = list.reports.find((x) => x.department === 'E1');
  assert.ok(row, JSON.stringify(list));
  const page = await req(srv.url, 'GET', `/public/${row.id}`);
  assert.equal(page.status, 200);
  const title = /<title>(.*?)<\/title>/s.exec(page.text)[1];
  assert.match(title, new RegExp(`^${SCHOOL}2023年度`));
  assert.doesNotMatch(title, new RegExp(BUREAU_OF_EDUCATION));
  assert.equal(/<p class="unit">(.*?)<\/p>/s.exec(page.text)[1], SCHOOL);
  // the score summary on top, and every format with its name and size
  assert.match(page.text, /<section class="jx-summary"[^>]*><p><strong>计算得分 98 分<\/strong>（等级：优） · 自评得分 98 分 · 预算执行率 100% · 计分指标 12 项，达成 9 项/);
  for (const name of ['网页', 'PDF', 'Word 文档', 'Excel 表格', 'Markdown 文本']) {
    const m = new RegExp(`<a href="(/public/${row.id}/download/[a-z]+)" download>${name}（([0-9.]+) (KB|MB)）</a>`).exec(page.text);
    assert.ok(m, `${name} with its size`);
    if (name === 'PDF') {
      const pdf = await req(srv.url, 'GET', m[1]);
      const kb = pdf.bytes.length / 1024;
      assert.ok(Math.abs((m[3] === 'MB' ? Number(m[2]) * 1024 : Number(m[2])) - kb) < 0.1 * (m[3] === 'MB' ? 1024 : 1), `${m[2]} ${m[3]} vs ${kb} KB`);
    }
  }
  // open data: the year and the unit, CSV and JSON
  let r = await req(srv.url, 'GET', '/public/data/year-2023.csv');
  assert.equal(r.status, 200);
  const csv = csvRows(r.text);
  assert.equal(csv[0][0], '编码');
  assert.deepEqual(csv.slice(1).map((x) => x[0]).sort(), ['E1', 'U2']);
  const e1 = csv.find((x) => x[0] === 'E1');
  assert.deepEqual(e1.slice(1, 8), [SCHOOL, '2023', '部门整体', '98', '优', '98', '100']);
  r = await req(srv.url, 'GET', '/public/data/unit-U1.json');
  assert.deepEqual(r.json.map((x) => [x.department, x.year, x.total]), [['U1', 2022, '98']]);
  assert.equal((await req(srv.url, 'GET', '/public/data/year-20x3.csv')).status, 404);
  assert.equal((await req(srv.url, 'GET', '/public/data/unit-U1.exe')).status, 404);
  // nothing unpublished: U1's 2023 is a draft
  r = await req(srv.url, 'GET', '/public/data/unit-U1.csv');
  assert.equal(csvRows(r.text).length, 2);
});

test('public list: year filter, sorting and pages on the server', async () => {
  const j = (await req(srv.url, 'GET', '/api/public/years?sort=name&dir=asc&per=1&page=2')).json;
  assert.equal(j.total, 3);
  assert.equal(j.reports.length, 1);
  let r = await req(srv.url, 'GET', '/public/?year=2022');
  assert.match(r.text, /共 1 份已公开的报告（2022 年度）/);
  assert.match(r.text, /<option value="2022" selected>2022 年度<\/option>/);
  r = await req(srv.url, 'GET', '/public/?sort=score&dir=desc&per=1');
  assert.match(r.text, /第 1 \/ 3 页/);
  assert.match(r.text, /<a rel="next" href="\/public\/\?sort=score&amp;dir=desc&amp;page=2">下一页<\/a>/);
  assert.match(r.text, /<a href="\/public\/data\/year-2023.csv" download>CSV 表格<\/a>/);
  r = await req(srv.url, 'GET', '/public/?sort=nope');
  assert.equal(r.status, 400);
});

/* ---- the browser ------------------------------------------------------------------------------ */

const newPage = (width, height) => openPage(browser, width, height, { acceptDownloads: true });


const logIn = (page, user) => logInAs(page, srv.url, user, PASSWORD);


async function noCliWording(page) {
  const text = await page.textContent('main');
  assert.doesNotMatch(text, /jixiao |--[a-z]|\.yaml|stated_total|execution_rate/);
}

const width = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('desktop 1280: the desk sorts, pages, keeps its filters in the URL, opens rows, exports; analyses; dashboard', async () => {
  const page = await newPage(1280, 900);
  await logIn(page, 'reviewer');
  await page.goto(srv.url + '/app/#/desk?year=2023&per=20');
  await page.waitForSelector('#desk-list');
  // sort by name, descending: the URL says so and a reload keeps it
  await page.click('#desk-list button[data-sort="name"]');
  await page.waitForFunction(() => location.hash.includes('sort=name'));
  await page.click('#desk-list button[data-sort="name"]');
  await page.waitForFunction(() => location.hash.includes('dir=desc'));
  await page.waitForSelector('#desk-list th[aria-sort="descending"]');
  const firstDesc = await page.textContent('#desk-list tbody tr:first-child td:first-child a');
  await page.reload();
  await page.waitForSelector('#desk-list th[aria-sort="descending"]');
  assert.equal(await page.textContent('#desk-list tbody tr:first-child td:first-child a'), firstDesc);
  // filters kept: only flagged rows, then a search; both survive a reload
  await page.fill('input[name="q"]', '政协');
  await page.check('#only-flags');
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('flags=1') && location.hash.includes('q='));
  await page.reload();
  await page.waitForSelector('#desk-list');
  assert.equal(await page.inputValue('input[name="q"]'), '政协');
  assert.equal(await page.isChecked('#only-flags'), true);
  assert.equal(await page.locator('#desk-list tbody tr').count(), 1);
  await axe(page, 'desk');
  await noCliWording(page);
  await shot(page, 'analysis-desktop-01-desk');
  // pages of one row
  await page.goto(srv.url + '/app/#/desk?year=2023&per=20&sort=name&dir=asc');
  await page.waitForSelector('#per');
  await page.selectOption('#per', '20');
  await page.goto(srv.url + '/app/#/desk?year=2023&sort=name&dir=asc&per=1');
  // only the hash changed: the page of 20 rows may still be shown until the new answer is drawn
  await page.waitForFunction(() => /共 3 条/.test(document.querySelector('#page-info')?.textContent || '') &&
    document.querySelectorAll('#desk-list tbody tr').length === 1);
  assert.match(await page.textContent('#page-info'), /第 1 \/ 3 页（共 3 条）/);
  const p1 = await page.textContent('#desk-list tbody td a');
  await page.click('#page-next');
  await page.waitForFunction(() => location.hash.includes('page=2'));
  await page.waitForFunction((t) => document.querySelector('#desk-list tbody td a')?.textContent !== t, p1);
  assert.match(await page.textContent('#page-info'), /第 2 \/ 3 页/);
  // export: a real XLSX of the whole list, sorted as shown
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  const rows = xlsxRows(readFileSync(await dl.path()));
  assert.equal(rows.length, 1 + 3);
  assert.match(dl.suggestedFilename(), /^复核工作台-2023\.xlsx$/);
  // a row opens its department-year wherever it is clicked
  await page.goto(srv.url + '/app/#/desk?year=2023&q=U1');
  await page.waitForSelector('#desk-list tbody tr');
  await page.click('#desk-list tbody tr td.r >> nth=0');
  await page.waitForFunction((id) => location.hash === '#/year/' + id, ids['U1-2023']);
  // the ranking tab: by execution, sorted by code, a CSV download
  await page.goto(srv.url + '/app/#/desk?year=2023');
  await page.click('nav.tabs a[data-tab="rank"]');
  await page.waitForSelector('#analysis-table');
  assert.equal(await page.isHidden('#rank-block'), true);
  await page.selectOption('#rank-by', 'execution');
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('by=execution'));
  await page.waitForSelector('#analysis-table th:has-text("执行率")');
  await page.click('#analysis-table button[data-sort="code"]');
  await page.waitForSelector('#analysis-table th[aria-sort="ascending"]');
  assert.deepEqual(await page.$$eval('#analysis-table tbody tr', (trs) => trs.map((t) => t.children[1].textContent)), ['E1', 'U1', 'U2']);
  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = csvRows(readFileSync(await csvDl.path(), 'utf8'));
  assert.deepEqual(csv.slice(1).map((r) => r[1]), ['E1', 'U1', 'U2']);
  assert.equal(csv[0][4], '执行率');
  // by a block of the rubric: its name typed
  await page.selectOption('#rank-by', '');
  await page.fill('#rank-block', '目标管理');
  await page.click('form.filters button[type="submit"]');
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('by=目标管理'));
  await page.waitForSelector('#analysis-table th:has-text("目标管理")');
  assert.equal(await page.inputValue('#rank-block'), '目标管理');
  await axe(page, 'ranking');
  await noCliWording(page);
  await shot(page, 'analysis-desktop-02-rank');
  // the flags tab: a click on a row finds the unit on the desk
  await page.click('nav.tabs a[data-tab="flags"]');
  await page.waitForSelector('#analysis-table');
  await page.reload();
  await page.waitForSelector('#analysis-table');
  assert.match(await page.textContent('h1'), /自评与数据不一致/);
  await page.click('#analysis-table tbody tr:first-child td:nth-child(4)');
  await page.waitForSelector('#desk-list');
  assert.match(await page.evaluate(() => location.hash), /q=/);
  // the dashboard: a year selector, named bars, the drill-down to the school
  await page.goto(srv.url + '/app/#/dashboard');
  await page.waitForSelector('#c-exec canvas');
  await page.selectOption('#dash-year', '2022');
  await page.waitForFunction(() => location.hash.includes('year=2022'));
  await page.waitForSelector('h1:has-text("2022 年度")');
  await page.selectOption('#dash-year', '2023');
  await page.waitForSelector('h1:has-text("2023 年度")');
  assert.match(await page.textContent('#drill-rates'), /应报 5 个单位，已报送 2 个（报送率 40%）/);
  await page.click('#drill-table a:has-text("某县财政局")');
  await page.waitForFunction(() => location.hash.includes('under=B'));
  await page.click(`#drill-table a:has-text("${BUREAU_OF_EDUCATION}")`);
  await page.waitForSelector(`#drill-table td:has-text("${SCHOOL}")`);
  assert.match(await page.textContent('#drill-path'), new RegExp(`全部 › 某县财政局 › ${BUREAU_OF_EDUCATION}`));
  assert.match(await page.textContent('#drill-rates'), /应报 1 个单位，已报送 1 个（报送率 100%）/);
  await page.reload();
  await page.waitForSelector(`#drill-table td:has-text("${SCHOOL}")`);
  await page.goto(srv.url + '/app/#/dashboard?year=2023');
  await page.waitForSelector('#c-exec canvas');
  await page.waitForTimeout(300);
  // the bars' labels are shortened; hovering shows the full name, as text (a hostile name stays text)
  const labels = await page.evaluate(() => echarts.getInstanceByDom(document.getElementById('c-exec')).getOption().yAxis[0].data);
  assert.ok(labels.some((l) => l.endsWith('…') && U1.startsWith(l.slice(0, -1))), JSON.stringify(labels));
  const tip = async (k) => {
    await page.evaluate((i) => echarts.getInstanceByDom(document.getElementById('c-exec')).dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i }), k);
    await page.waitForTimeout(300);
    return page.evaluate(() => [...document.querySelectorAll('#c-exec div')].map((d) => d.textContent).join(' '));
  };
  assert.match(await tip(labels.findIndex((l) => l.endsWith('…') && U1.startsWith(l.slice(0, -1)))), new RegExp(`${U1}\\s*执行率 100%`));
  assert.match(await tip(labels.findIndex((l) => l.startsWith('<script>'))), /<script>alert/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('#c-exec script').length), 0);
  await axe(page, 'dashboard');
  await noCliWording(page);
  await shot(page, 'analysis-desktop-03-dashboard');
  // the public list and a report
  await page.goto(srv.url + '/public/');
  await page.waitForSelector('#public-list');
  await page.selectOption('select[name="year"]', '2023');
  await page.click('form.search button');
  await page.waitForURL(/year=2023/);
  assert.match(await page.textContent('#public-summary'), /共 2 份已公开的报告（2023 年度）/);
  await page.click('#public-list th a:has-text("部门")');
  await page.waitForURL(/sort=name/);
  await axe(page, 'public list');
  await shot(page, 'analysis-desktop-04-public-list');
  await page.click(`#public-list a:text-is("${SCHOOL}")`);
  await page.waitForSelector('.jx-summary');
  assert.match(await page.title(), new RegExp(`^${SCHOOL}2023年度部门整体绩效自评报告`));
  await axe(page, 'public report');
  await shot(page, 'analysis-desktop-05-public-report');
  assert.deepEqual(page.errors, []);
});

// the phone's layout is the same on both backends: against SQLite only (the -pg run is the
// desktop flows' SQL)
if (!env.pg) test('phone 390: desk, dashboard and public pages fit the screen; the report\'s indicator table is cards', async () => {
  const page = await newPage(390, 844);
  await logIn(page, 'reviewer');
  await page.goto(srv.url + '/app/#/desk?year=2023');
  await page.waitForSelector('#desk-list');
  assert.ok(await width(page) <= 400, `desk ${await width(page)}px`);
  // the heads are hidden on a phone (cards): the order is chosen from a list, kept in the URL
  await page.selectOption('#desk-order', 'total:asc');
  await page.waitForFunction(() => location.hash.includes('sort=total') && location.hash.includes('dir=asc'));
  await page.waitForSelector('#desk-list');
  assert.equal(await page.inputValue('#desk-order'), 'total:asc');
  // every figure shown on a card says what it is
  assert.equal(await page.$$eval('#desk-list td', (tds) => tds.filter((td) => getComputedStyle(td).display !== 'none' && !td.dataset.label).length), 0);
  await axe(page, 'desk (phone)');
  await shot(page, 'analysis-phone-01-desk');
  await page.goto(srv.url + '/app/#/desk?year=2023&tab=rank');
  await page.waitForSelector('#analysis-table');
  assert.ok(await width(page) <= 400, `ranking ${await width(page)}px`);
  await shot(page, 'analysis-phone-02-rank');
  await page.goto(srv.url + '/app/#/dashboard?year=2023&under=B');
  await page.waitForSelector('#c-exec canvas');
  await page.waitForTimeout(300);
  assert.ok(await width(page) <= 400, `dashboard ${await width(page)}px`);
  await axe(page, 'dashboard (phone)');
  await shot(page, 'analysis-phone-03-dashboard');
  await page.goto(srv.url + '/public/');
  await page.waitForSelector('#public-list');
  assert.ok(await width(page) <= 400, `public list ${await width(page)}px`);
  await axe(page, 'public list (phone)');
  await shot(page, 'analysis-phone-04-public-list');
  await page.goto(srv.url + `/public/${ids['E1-2023']}`);
  await page.waitForSelector('.jx-summary');
  assert.ok(await width(page) <= 400, `public report ${await width(page)}px`);
  // the indicator table: each row a card of "heading：value" lines, no squeezed columns
  const cards = await page.evaluate(() => {
    const t = [...document.querySelectorAll('table.jx-cards')].find((x) => /绩效自评表/.test(x.caption?.textContent || ''));
    const tr = t.querySelector('tbody tr');
    const td = tr.querySelector('td[data-label="三级指标"]');
    return { tr: getComputedStyle(tr).display, td: getComputedStyle(td).display, label: getComputedStyle(td, '::before').content,
      head: t.querySelector('thead').getBoundingClientRect().height, tdWidth: td.getBoundingClientRect().width };
  });
  assert.equal(cards.tr, 'block');
  assert.equal(cards.td, 'block');
  assert.match(cards.label, /三级指标：/);
  assert.ok(cards.head <= 1, 'the heading row is hidden (the labels say it)');
  assert.ok(cards.tdWidth > 250, `a card's line is ${cards.tdWidth}px wide`);
  await axe(page, 'public report (phone)');
  await shot(page, 'analysis-phone-05-public-report');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'analysis-phone-05a-report-top', { full: false });
  const box = await page.evaluate(() => { const r = [...document.querySelectorAll('table.jx-cards')].find((x) => /绩效自评表/.test(x.caption?.textContent || '')).getBoundingClientRect(); return { y: r.top + window.scrollY }; });
  await shot(page, 'analysis-phone-05b-indicator-cards', { clip: { x: 0, y: box.y, width: 390, height: 1400 } });
  assert.deepEqual(page.errors, []);
});
