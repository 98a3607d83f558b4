// input.test.mjs — hostile or mistaken input of the web API (issue #12): a save whose file
// is another department-year, evidence names and indicator numbers, department codes in
// download headers, a byte order mark, and the public index's publication date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { env, freshDb, startServer, stopServer, req, login } from './lib.mjs';

let db, srv, base, ids = {};
const S = {};

before(async () => {
  db = freshDb('input');
  srv = await startServer(db.db);
  base = srv.url;
  for (const u of ['officer1', 'reviewer']) S[u] = await login(base, u);
  const all = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years;
  const find = (dep, year) => all.find((y) => y.department === dep && y.year === year).id;
  ids = { u1: find('U1', 2023), u1old: find('U1', 2022), u1h: find('U1', 2021), u2: find('U2', 2023) };
});

after(async () => {
  assert.equal(await stopServer(srv), 0, 'serve stops cleanly');
  db.cleanup();
});

const open = async (id, s = S.officer1) => (await req(base, 'GET', `/api/years/${id}`, { session: s })).json;

test('a save whose file is another department, year or kind is refused with 409 and stores nothing', async () => {
  const target = await open(ids.u1h); // U1 2021, a draft
  const other = await open(ids.u1, S.reviewer); // U1 2023
  const yaml = target.yaml;
  const bodies = {
    year: yaml.replace('year: 2021', 'year: 2023'),
    department: yaml.replace(/^department:\n/m, 'department:\n  code: U2\n'),
    kind: yaml.replace(/^kind: department$/m, 'kind: project'),
  };
  for (const [what, text] of Object.entries(bodies)) {
    assert.notEqual(text, yaml, `${what}: the test changed the file`);
    const r = await req(base, 'PUT', `/api/years/${ids.u1h}`, { session: S.officer1, body: { base_version: target.year.version, yaml: text } });
    assert.equal(r.status, 409, `${what}: ${r.text}`);
    assert.match(r.json.message, /未保存/, what);
    if (what === 'year') assert.match(r.json.message, /文件是单位 U1 2023 年度部门整体的数据，不是单位 U1 2021 年度部门整体的/);
    if (what === 'department') assert.match(r.json.message, /文件是单位 U2 2021 年度/);
  }
  assert.equal((await open(ids.u1h)).year.version, target.year.version, 'the URL\'s year is unchanged');
  assert.equal((await open(ids.u1, S.reviewer)).year.version, other.year.version, 'the year of the file is unchanged');
  const u2 = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years.filter((y) => y.department === 'U2');
  assert.deepEqual(u2.map((y) => y.year), [2023], 'no U2 year was made');
  // the same file with the URL's key is still saved
  const ok = await req(base, 'PUT', `/api/years/${ids.u1h}`, { session: S.officer1, body: { base_version: target.year.version, yaml: yaml.replace(/^department:\n/m, 'department:\n  code: U1\n') } });
  assert.equal(ok.status, 200, ok.text);
});

test('an evidence upload with a bad name or indicator answers 400 and stores nothing', async () => {
  const y = await open(ids.u1);
  const before = y.evidence.map((e) => e.id);
  const n = y.indicators.length;
  const bad = [
    ['name=%FF%FEbad.txt&indicator=0', 'bad_name', /UTF-8/],
    ['name=a%C3.txt&indicator=0', 'bad_name', /UTF-8/],
    ['name=a%0D%0Ab.txt&indicator=0', 'bad_name', /控制字符/],
    ['name=a%1B%5B31mb.txt&indicator=0', 'bad_name', /控制字符/],
    ['name=a%C2%85b.txt&indicator=0', 'bad_name', /控制字符/],
    [`name=${'长'.repeat(100)}.txt&indicator=0`, 'bad_name', /过长/],
    ['name=a.txt&indicator=99999', 'bad_index', /没有第 99999 项指标/],
    [`name=a.txt&indicator=${n}`, 'bad_index', new RegExp(`0 到 ${n - 1}`)],
    ['name=a.txt&indicator=-1', 'bad_index', /指标/],
  ];
  for (const [q, code, msg] of bad) {
    const r = await req(base, 'POST', `/api/years/${ids.u1}/evidence?${q}`, { session: S.officer1, raw: Buffer.from('x') });
    assert.equal(r.status, 400, `${q}: ${r.status} ${r.text}`);
    assert.equal(r.json.error, code, q);
    assert.match(r.json.message, msg, q);
  }
  assert.deepEqual((await open(ids.u1)).evidence.map((e) => e.id), before, 'the evidence list is unchanged');
  // the last indicator and a Chinese name are fine
  const r = await req(base, 'POST', `/api/years/${ids.u1}/evidence?indicator=${n - 1}&name=${encodeURIComponent('会议纪要.txt')}`, { session: S.officer1, raw: Buffer.from('x') });
  assert.equal(r.status, 201, r.text);
  assert.equal((await open(ids.u1)).evidence.length, before.length + 1);
});

test('a YAML file with a UTF-8 byte order mark is read, positions unchanged', async () => {
  const y = await open(ids.u1);
  const text = y.yaml.replace(/^(#.*\n|[ \t]*\n)+/, ''); // a key first: libyaml let a BOM before a comment pass
  const plain = await req(base, 'POST', '/api/check', { session: S.officer1, raw: text });
  const bom = await req(base, 'POST', '/api/check', { session: S.officer1, raw: '\uFEFF' + text });
  assert.equal(bom.status, 200);
  const codes = (j) => j.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
  assert.ok(!codes(bom.json).some((c) => c.startsWith('JX102')), codes(bom.json).join(', '));
  assert.deepEqual(codes(bom.json), codes(plain.json));
});

test('the public index shows the date the version was published, not of a later unpublished correction', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jx-input-'));
  try {
    const y = await open(ids.u1old, S.reviewer); // U1 2022, published by the seed today
    const rowOf = (page) => page.split('<tr>').find((t) => t.includes(`/public/${ids.u1old}"`));
    const day = /<td class="hide-phone">(\d{4}-\d\d-\d\d)<\/td>/.exec(rowOf((await req(base, 'GET', '/public/')).text))[1];
    const file = path.join(dir, 'U1-2022.yaml');
    writeFileSync(file, y.yaml.replace(/\n*$/, '\n# 更正\n'));
    execFileSync(env.jixiao, ['db', '--db', db.db, 'import', '--department', 'U1', '--correction', '更正错别字', file], {
      env: { ...process.env, JIXIAO_NOW: '2031-06-01T08:00:00Z', JIXIAO_FRAMEWORKS: path.join(env.source, 'frameworks') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const after = await open(ids.u1old, S.reviewer);
    assert.equal(after.year.version, y.year.version + 1, 'the correction is a new version');
    assert.equal(after.year.published_version, y.year.published_version, 'not published');
    const row = rowOf((await req(base, 'GET', '/public/')).text);
    assert.ok(row, 'the year is listed');
    assert.ok(!row.includes('2031-06-01'), row);
    assert.ok(row.includes(`>${day}<`), row);
    const list = (await req(base, 'GET', '/api/public/years')).json.reports.find((p) => p.id === ids.u1old);
    assert.equal(list.published_at.slice(0, 10), day, 'the list gives the publication time');
    const hist = (await open(ids.u1old, S.reviewer)).history;
    const at = hist.rows.filter((r) => r[r.length - 1] === '已公开').map((r) => r.find((c) => /^\d{4}-/.test(c)));
    assert.ok(at.includes(list.published_at), `${list.published_at} is a move to published in ${JSON.stringify(hist.rows)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('download headers: one ASCII filename without quotes or line breaks, and the UTF-8 name as filename*', async () => {
  const form = /^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/;
  const pdf = await req(base, 'GET', `/api/years/${ids.u1}/report/pdf`, { session: S.officer1 });
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-disposition'), form);
  assert.match(pdf.headers.get('content-disposition'), /filename="U1-2023-v\d+\.pdf"/);
  const pub = await req(base, 'GET', `/public/${ids.u1old}/download/docx`);
  assert.equal(pub.status, 200);
  assert.match(pub.headers.get('content-disposition'), form);
  const name = '会议 纪要=1,2.txt';
  const up = await req(base, 'POST', `/api/years/${ids.u1}/evidence?indicator=0&name=${encodeURIComponent(name)}`, { session: S.officer1, raw: Buffer.from('x') });
  assert.equal(up.status, 201, up.text);
  const dl = await req(base, 'GET', `/api/evidence/${up.json.id}`, { session: S.officer1 });
  const cd = dl.headers.get('content-disposition');
  assert.match(cd, form);
  assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), name);
});

test('a department code outside letters, digits and - _ . is refused by db import --department, nothing stored', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'jx-input-'));
  try {
    const y = await open(ids.u1, S.reviewer);
    const file = path.join(dir, 'x.yaml');
    writeFileSync(file, y.yaml.replace('year: 2023', 'year: 2019'));
    const r = (() => {
      try {
        execFileSync(env.jixiao, ['db', '--db', db.db, 'import', '--department', 'U9"\r\n\x1b[2J', file], {
          env: { ...process.env, JIXIAO_FRAMEWORKS: path.join(env.source, 'frameworks') }, stdio: ['ignore', 'pipe', 'pipe'],
        });
        return { status: 0, err: '' };
      } catch (e) { return { status: e.status, err: e.stderr.toString() }; }
    })();
    assert.equal(r.status, 1);
    assert.match(r.err, /单位编码“U9"\\x0D\\x0A\\x1B\[2J”中有不允许的字符/);
    assert.ok(!r.err.includes('\x1b'), 'no raw escape on the terminal');
    const years = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years;
    assert.ok(!years.some((x) => x.year === 2019), 'nothing stored');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
