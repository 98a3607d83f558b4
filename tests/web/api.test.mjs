// api.test.mjs — the JSON API and the public pages over loopback: every route × every
// role (an independent table of who may do what), the errors (CSRF, bad JSON, limits,
// rate limit, wrong method, unknown path), path traversal, hostile names escaped, nothing
// unpublished visible, and the whole workflow through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDb, startServer, stopServer, req, login, rawGet, env } from './lib.mjs';

let db, srv, base, ids = {};
const S = {}; // sessions by role

before(async () => {
  db = freshDb('api');
  srv = await startServer(db.db);
  base = srv.url;
  for (const u of ['officer1', 'head1', 'officer2', 'reviewer', 'admin']) S[u] = await login(base, u);
  const all = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years;
  const find = (dep, year) => all.find((y) => y.department === dep && y.year === year).id;
  ids = { u1: find('U1', 2023), u2: find('U2', 2023), u1old: find('U1', 2022), u1h: find('U1', 2021) };
});

after(async () => {
  const code = await stopServer(srv);
  assert.equal(code, 0, 'serve stops cleanly on SIGTERM');
  db.cleanup();
});

// ---- who may call what: routes × roles --------------------------------------------------
// Independent of src/web/routes.c and auth.c: written from the roles.
const ROLES = ['anon', 'officer1', 'head1', 'officer2', 'reviewer', 'admin'];
const BUREAU = ['reviewer', 'admin'];
const ANY = ['officer1', 'head1', 'officer2', 'reviewer', 'admin'];
const X = 999999; // an id that does not exist: an allowed caller gets 404, never 401/403
const MATRIX = [
  ['GET', '/api/me', ANY],
  ['GET', '/api/todo', ANY],
  ['POST', '/api/logout', ANY, 'skip-allowed'],
  ['GET', '/api/years', ANY],
  ['GET', `/api/years/${X}`, ANY],
  ['POST', `/api/years/${X}/check`, ANY],
  ['PUT', `/api/years/${X}`, ['officer1', 'officer2']],
  ['POST', `/api/years/${X}/submit`, ['officer1', 'head1', 'officer2']],
  ['POST', `/api/years/${X}/send-back`, ['head1']],
  ['POST', `/api/years/${X}/return`, ['head1', ...BUREAU]],
  ['POST', `/api/years/${X}/approve`, ['head1', ...BUREAU]],
  ['POST', `/api/years/${X}/unapprove`, ['head1', ...BUREAU]],
  ['GET', `/api/years/${X}/approval`, ANY],
  ['POST', '/api/years/batch', ['head1', ...BUREAU]],
  ['POST', `/api/years/${X}/publish`, BUREAU],
  ['GET', `/api/years/${X}/report/pdf`, ANY],
  ['POST', `/api/years/${X}/evidence?indicator=0&name=a.txt`, ['officer1', 'officer2']],
  ['GET', `/api/evidence/${X}`, ANY],
  ['DELETE', `/api/evidence/${X}`, ['officer1', 'officer2']],
  ['POST', '/api/check', ANY],
  ['GET', '/api/desk', BUREAU],
  ['GET', '/api/dashboard', BUREAU],
  ['GET', '/api/analysis', BUREAU],
  ['GET', '/api/rectifications', BUREAU],
  ['POST', `/api/years/${X}/rectifications`, BUREAU],
  ['POST', `/api/rectifications/${X}/close`, BUREAU],
  ['GET', '/api/declarations', ANY],
  ['POST', '/api/declarations', ['officer1', 'officer2']],
  ['POST', '/api/declarations/check', ANY],
  ['POST', '/api/declarations/batch', BUREAU],
  ['GET', `/api/declarations/${X}`, ANY],
  ['PUT', `/api/declarations/${X}`, ['officer1', 'officer2']],
  ['POST', `/api/declarations/${X}/review`, ['head1', ...BUREAU]],
  ['POST', `/api/declarations/${X}/return`, ['head1', ...BUREAU]],
  ['POST', `/api/declarations/${X}/approve`, BUREAU],
  ['GET', '/api/library?q=x', ANY],
  ['GET', '/api/monitor/form', ANY],
  ['POST', '/api/monitor/check', ANY],
  ['POST', '/api/monitor/reports', ['officer1', 'officer2']],
  ['GET', '/api/monitor/desk', BUREAU],
  ['GET', '/api/monitor/units/U9', ANY],
  ['POST', '/api/monitor/units/U9/reopen', BUREAU],
  ['POST', `/api/monitor/followups/${X}/close`, BUREAU],
  ['GET', '/api/users', ['admin']],
  ['POST', '/api/users', ['admin']],
  ['GET', '/api/public/years', ['anon', ...ANY]],
  ['GET', `/api/public/years/${X}/score`, ['anon', ...ANY]],
  ['GET', '/public/', ['anon', ...ANY]],
  ['GET', `/public/${X}`, ['anon', ...ANY]],
  ['GET', `/public/${X}/download/pdf`, ['anon', ...ANY]],
  ['GET', '/public/data/year-2023.csv', ['anon', ...ANY]],
  ['GET', `/public/${X}/charts/1/1.svg`, ['anon', ...ANY]],
  ['GET', '/app/', ['anon', ...ANY]],
  ['GET', '/static/app.js', ['anon', ...ANY]],
  ['GET', '/healthz', ['anon', ...ANY]],
];

test('every route answers every role as the role table says', async () => {
  const failures = [];
  let n = 0;
  for (const [method, p, allowed, skip] of MATRIX) {
    for (const role of ROLES) {
      if (skip && allowed.includes(role)) continue; // logout would end the session
      const upload = method === 'POST' && p.includes('/evidence');
      const body = method === 'GET' || method === 'DELETE' || upload ? undefined : '{}';
      const r = await req(base, method, p, { session: S[role], body, raw: upload ? 'x' : undefined });
      n++;
      const want = allowed.includes(role) ? 'allowed' : role === 'anon' ? 401 : 403;
      const ok = want === 'allowed' ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status === want;
      if (!ok) failures.push(`${method} ${p} as ${role}: ${r.status} (want ${want}) ${r.text.slice(0, 120)}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${n} answers wrong`);
  assert.ok(n > 150);
});

test('writes without the CSRF token are refused', async () => {
  const r = await req(base, 'POST', `/api/years/${ids.u1}/check`, { session: S.officer1, body: {}, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.json.error, 'csrf');
  const r2 = await req(base, 'POST', `/api/years/${ids.u1}/check`, { session: S.officer1, body: {}, csrf: false, headers: { 'X-CSRF-Token': 'f'.repeat(48) } });
  assert.equal(r2.status, 403);
});

test('session cookie is HttpOnly, SameSite=Strict, and login answers no default account', async () => {
  assert.match(S.officer1.setCookie, /HttpOnly/);
  assert.match(S.officer1.setCookie, /SameSite=Strict/);
  assert.doesNotMatch(S.officer1.setCookie, /Secure/); // plain http here; --secure-cookies adds it
  for (const [u, p] of [['admin', 'admin'], ['admin', ''], ['root', 'root'], ['admin', 'password']]) {
    const r = await req(base, 'POST', '/api/login', { body: { username: u, password: p } });
    assert.equal(r.status, 401, `${u}/${p}`);
  }
});

test('security headers on pages and API', async () => {
  for (const p of ['/public/', '/app/', '/api/public/years']) {
    const r = await req(base, 'GET', p);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
    assert.match(r.headers.get('content-security-policy'), /script-src 'self'/, p);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
  }
});

test('errors: bad JSON, missing fields, unknown path, wrong method, body and upload limits', async () => {
  let r = await req(base, 'POST', '/api/login', { body: '{"username": ' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'bad_json');
  assert.match(r.json.message, /JSON/);
  r = await req(base, 'POST', '/api/login', { body: { username: 'x' } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /password/);
  r = await req(base, 'POST', '/api/login', { body: { username: 'x'.repeat(200), password: 'y' } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /过长/);
  r = await req(base, 'GET', '/api/nothing-here');
  assert.equal(r.status, 404);
  r = await req(base, 'GET', '/nothing-here');
  assert.equal(r.status, 404);
  assert.match(r.text, /页面不存在/);
  r = await req(base, 'DELETE', '/api/years');
  assert.equal(r.status, 405);
  r = await req(base, 'POST', '/api/login', { body: JSON.stringify({ username: 'a', password: 'b'.repeat(5000) }) });
  assert.equal(r.status, 413);
  assert.match(r.json.message, /请求体过大/);
  r = await req(base, 'POST', `/api/years/${ids.u1}/evidence?indicator=0&name=big.bin`, { session: S.officer1, raw: Buffer.alloc(9 << 20) });
  assert.equal(r.status, 413);
  // headers over the 32 KiB per-connection buffer: libmicrohttpd answers 431 itself
  r = await req(base, 'GET', '/healthz', { headers: { 'X-Big': 'a'.repeat(40000) } });
  assert.equal(r.status, 431);
  r = await req(base, 'GET', '/api/years/abc', { session: S.officer1 });
  assert.equal(r.status, 404);
  r = await req(base, 'POST', `/api/years/${ids.u1}/check`, { session: S.officer1, body: { indicators: [{ index: 999, actual: '1' }] } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /序号/);
  // a value the field cannot hold is answered at the field; the rest is checked (year.test.mjs)
  r = await req(base, 'POST', `/api/years/${ids.u1}/check`, { session: S.officer1, body: { indicators: [{ index: 0, weight: '五' }] } });
  assert.equal(r.status, 200);
  assert.match(r.json.rejected[0].message, /的权重“五”不是数字$/);
});

test('login is slowed down per account (more in login.test.mjs)', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await req(base, 'POST', '/api/login', { body: { username: 'head1', password: 'wrong' + i } })).status, 401);
  // then a wait of 2 s, doubled per further failure (a slow machine may see a guess or two more evaluated)
  let r;
  for (let i = 5; i < 12; i++) {
    r = await req(base, 'POST', '/api/login', { body: { username: 'head1', password: 'wrong' + i } });
    if (r.status === 429 && Number(r.headers.get('retry-after')) >= 2) break;
  }
  assert.equal(r.status, 429);
  r = await req(base, 'POST', '/api/login', { body: { username: 'head1', password: 'test-password-1' } });
  assert.equal(r.status, 429, 'even the right password waits');
  assert.match(r.json.message, /请 \d+ 秒后再试/);
  assert.match(r.headers.get('retry-after'), /^\d+$/);
});

test('static and evidence files cannot be reached by path traversal', async () => {
  for (const p of ['/static/..%2fapp.js', '/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/static/../../etc/passwd', '/static/..',
    '/static/%2e%2e', '/static/index.html', '/static/.%2e/web.h', '/app/../static/app.js%00', '/api/evidence/..%2f1',
    '/api/evidence/1%2f..%2f2', '/public/..%2f..%2fetc%2fpasswd', '/static//etc/passwd', '/public/1/charts/1/..%2f..%2f1',
    '/public/1/charts/..%2f1/1.svg', '/public/1/charts/1/%2e%2e', '/public/1/charts/1/1.svg%00']) {
    const r = await rawGet(base, p);
    assert.ok(r.status === 404 || r.status === 400 || r.status === 401, `${p}: ${r.status}`);
    assert.doesNotMatch(r.text, /root:x:0:0/);
  }
  for (const p of ['/api/evidence/..%2f1', '/api/evidence/1%2f..%2f2', '/api/evidence/%2e%2e', '/api/evidence/1/../2']) {
    const r = await rawGet(base, p, 'DELETE');
    assert.ok([400, 401, 404, 405].includes(r.status), `DELETE ${p}: ${r.status}`);
  }
});

test('hostile department and indicator names are escaped everywhere in HTML', async () => {
  const pages = ['/public/', `/public/${ids.u2}`, '/public/?q=' + encodeURIComponent('<script>'), '/public/?q=%7B%7Bx%7D%7D%22%3E%3Cb%3E'];
  for (const p of pages) {
    const r = await req(base, 'GET', p);
    assert.equal(r.status, 200, p);
    assert.doesNotMatch(r.text, /<script>alert/, p);
    assert.doesNotMatch(r.text, /<img src=x/, p);
    assert.doesNotMatch(r.text, /"><b>/, p);
  }
  const idx = (await req(base, 'GET', '/public/')).text;
  assert.match(idx, /&lt;script&gt;alert\(&quot;d&quot;\)&lt;\/script&gt;&#39;&quot;&#123;&#123;x&#125;&#125;&amp;amp;/);
  const page = (await req(base, 'GET', `/public/${ids.u2}`)).text;
  assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;/);
  // JSON carries the names as data (the UI puts them in the page as text)
  const j = (await req(base, 'GET', '/api/public/years')).json;
  assert.ok(j.reports.some((y) => y.department_name === '<script>alert("d")</script>\'"{{x}}&amp;'));
});

test('nothing unpublished is visible to the public', async () => {
  const unpublished = [`/public/${ids.u1}`, `/public/${ids.u1}/download/pdf`, `/public/${ids.u1}/download/html`, `/api/public/years/${ids.u1}/score`];
  // the charts of every version of an unpublished year, plain and gzip
  for (let v = 1; v <= 3; v++) for (let n = 1; n <= 3; n++) unpublished.push(`/public/${ids.u1}/charts/${v}/${n}.svg`);
  for (const p of unpublished) {
    assert.equal((await req(base, 'GET', p)).status, 404, p);
    assert.equal((await req(base, 'GET', p, { headers: { 'Accept-Encoding': 'gzip' } })).status, 404, p + ' (gzip)');
  }
  // a published year's charts of a version that is not the published one
  const pv = (await req(base, 'GET', `/api/years/${ids.u2}`, { session: S.reviewer })).json.year.published_version;
  for (const v of [pv - 1, pv + 1, 0]) assert.equal((await req(base, 'GET', `/public/${ids.u2}/charts/${v}/1.svg`)).status, 404, `version ${v}`);
  const list = (await req(base, 'GET', '/api/public/years')).json.reports.map((y) => y.id);
  assert.ok(!list.includes(ids.u1));
  assert.ok(list.includes(ids.u2) && list.includes(ids.u1old));
  const idx = (await req(base, 'GET', '/public/')).text;
  assert.doesNotMatch(idx, new RegExp(`/public/${ids.u1}"`));
  // an officer of another department sees neither the year nor its evidence
  assert.equal((await req(base, 'GET', `/api/years/${ids.u1}`, { session: S.officer2 })).status, 404);
  assert.equal((await req(base, 'GET', `/api/years/${ids.u1}/report/html`, { session: S.officer2 })).status, 404);
  const mine = (await req(base, 'GET', '/api/years', { session: S.officer2 })).json.years;
  assert.ok(mine.every((y) => y.department === 'U2'));
});

test('the list of years comes a page at a time; a 主管部门 head sees its units\' years', async () => {
  const all = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json;
  assert.equal(all.page, 1);
  assert.equal(all.per, 50);
  assert.equal(all.total, all.years.length);
  assert.ok(all.total >= 5, `seeded years: ${all.total}`);
  // pages of two: every row once, in the list's order, and the last page short
  const seen = [];
  for (let p = 1; p <= Math.ceil(all.total / 2); p++) {
    const d = (await req(base, 'GET', `/api/years?per=2&page=${p}`, { session: S.reviewer })).json;
    assert.equal(d.total, all.total);
    assert.equal(d.years.length, Math.min(2, all.total - (p - 1) * 2));
    seen.push(...d.years.map((y) => y.id));
  }
  assert.deepEqual(seen, all.years.map((y) => y.id));
  assert.equal((await req(base, 'GET', `/api/years?per=2&page=${all.total}`, { session: S.reviewer })).json.years.length, 0);
  for (const bad of ['per=0', 'per=201', 'page=0', 'page=x', 'sort=password']) {
    const r = await req(base, 'GET', '/api/years?' + bad, { session: S.reviewer });
    assert.equal(r.status, 400, bad);
    assert.match(r.json.message, /[\u4e00-\u9fff]/, bad);
  }
  // the head of 主管部门 A reads the years of its unit U5 (as the approval chain lets it), and
  // those alone besides its own; a unit's head, its own department's only
  const authhead = await login(base, 'authhead');
  const ah = (await req(base, 'GET', '/api/years', { session: authhead })).json;
  assert.ok(ah.years.some((y) => y.department === 'U5'), JSON.stringify(ah.years.map((y) => y.department)));
  assert.ok(ah.years.every((y) => y.department === 'U5' || y.department === 'A'));
  assert.equal(ah.total, all.years.filter((y) => y.department === 'U5' || y.department === 'A').length);
  for (const y of ah.years) assert.equal((await req(base, 'GET', `/api/years/${y.id}`, { session: authhead })).status, 200);
  const h1 = (await req(base, 'GET', '/api/years', { session: S.head1 })).json.years;
  assert.ok(h1.length > 0 && h1.every((y) => y.department === 'U1'));
});

test('a year\'s page compares it with the year before (stored totals; none without one)', async () => {
  const rows = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years;
  const row = (id) => rows.find((y) => y.id === id);
  const y23 = (await req(base, 'GET', `/api/years/${ids.u1}`, { session: S.officer1 })).json;
  // numbers as exact decimals (strings), as everywhere in the API
  assert.deepEqual(y23.previous, { id: ids.u1old, year: 2022, total: row(ids.u1old).total, grade: row(ids.u1old).grade,
    change: String(Math.round((Number(row(ids.u1).total) - Number(row(ids.u1old).total)) * 1e6) / 1e6) });
  assert.match(y23.previous.total, /^\d+(\.\d+)?$/);
  assert.equal((await req(base, 'GET', `/api/years/${ids.u1old}`, { session: S.officer1 })).json.previous.id, ids.u1h);
  // no year before: U1's first year, and U2's only one
  assert.equal((await req(base, 'GET', `/api/years/${ids.u1h}`, { session: S.officer1 })).json.previous, null);
  assert.equal((await req(base, 'GET', `/api/years/${ids.u2}`, { session: S.officer2 })).json.previous, null);
});

test('published reports download in every format', async () => {
  const sig = { pdf: '%PDF', docx: 'PK', xlsx: 'PK', html: '<!DOCTYPE html>', md: '' };
  for (const f of Object.keys(sig)) {
    const r = await req(base, 'GET', `/public/${ids.u2}/download/${f}`);
    assert.equal(r.status, 200, f);
    assert.ok(r.bytes.length > 1000, f);
    assert.ok(r.bytes.subarray(0, sig[f].length).toString('latin1') === sig[f], f);
    assert.match(r.headers.get('content-disposition'), /attachment/);
  }
  assert.equal((await req(base, 'GET', `/public/${ids.u2}/download/exe`)).status, 404);
  const s = await req(base, 'GET', `/api/public/years/${ids.u2}/score`);
  assert.equal(s.status, 200);
  // cached answers carry an ETag; asking again with it costs a 304 and no body
  const page = await req(base, 'GET', `/public/${ids.u2}`, { headers: { 'Accept-Encoding': 'identity' } });
  const again = await req(base, 'GET', `/public/${ids.u2}`, { headers: { 'Accept-Encoding': 'identity', 'If-None-Match': page.headers.get('etag') } });
  assert.ok(page.headers.get('etag'));
  assert.equal(again.status, 304);
  assert.equal(again.bytes.length, 0);
  const gz = await req(base, 'GET', `/public/${ids.u2}`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.notEqual(gz.headers.get('etag'), page.headers.get('etag'), 'the gzip copy is another representation');
  assert.equal(typeof s.json.total, 'string', 'scores are strings, never floats');
});

test('the public page shows its charts as separate, cacheable images; downloads keep them inline', async () => {
  const page = await req(base, 'GET', `/public/${ids.u2}`, { headers: { 'Accept-Encoding': 'identity' } });
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /<svg/, 'no inline SVG in the page');
  const srcs = [...page.text.matchAll(/<img src="(\/public\/\d+\/charts\/\d+\/\d+\.svg)" alt="([^"]*)"/g)];
  assert.ok(srcs.length >= 2, `charts: ${srcs.length}`);
  assert.ok(srcs.every((m) => m[2].length > 0), 'every chart has its text');
  const pv = (await req(base, 'GET', `/api/years/${ids.u2}`, { session: S.reviewer })).json.year.published_version;
  for (const [, src] of srcs) {
    assert.match(src, new RegExp(`^/public/${ids.u2}/charts/${pv}/`), 'the URL names the published version');
    const c = await req(base, 'GET', src, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(c.status, 200, src);
    assert.equal(c.headers.get('content-type'), 'image/svg+xml');
    assert.match(c.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(c.text, /<\/svg>$/);
    assert.match(c.headers.get('cache-control'), /immutable/);
    assert.match(c.headers.get('cache-control'), /max-age=31536000/);
    assert.match(c.headers.get('content-security-policy'), /script-src 'self'/);
    const etag = c.headers.get('etag');
    assert.ok(etag);
    const again = await req(base, 'GET', src, { headers: { 'Accept-Encoding': 'identity', 'If-None-Match': `W/"x", ${etag}` } });
    assert.equal(again.status, 304);
    const gz = await req(base, 'GET', src, { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.ok(gz.bytes.equals(c.bytes), 'the gzip copy (fetch decodes it) is the same SVG');
  }
  const last = srcs.length;
  assert.equal((await req(base, 'GET', `/public/${ids.u2}/charts/${pv}/${last + 1}.svg`)).status, 404);
  for (const bad of ['0.svg', '1.png', '1', '01.svg', 'x.svg', '1.svg.gz'])
    assert.equal((await req(base, 'GET', `/public/${ids.u2}/charts/${pv}/${bad}`)).status, 404, bad);
  // the page: revalidated (a new version may be published), 304 on its ETag
  assert.match(page.headers.get('cache-control'), /no-cache/);
  assert.equal((await req(base, 'GET', `/public/${ids.u2}`, { headers: { 'Accept-Encoding': 'identity', 'If-None-Match': page.headers.get('etag') } })).status, 304);
  // the downloads are unaffected: the HTML report keeps its charts inline
  const dl = await req(base, 'GET', `/public/${ids.u2}/download/html`);
  assert.equal(dl.status, 200);
  assert.equal((dl.text.match(/<svg/g) || []).length, srcs.length);
  assert.ok(page.bytes.length < dl.bytes.length / 2, `page ${page.bytes.length} B, download ${dl.bytes.length} B`);
});

test('the department head sends back and approves inside the department; evidence is deleted only while editable', async () => {
  const o = S.officer1, hd = S.head1, id = ids.u1h;
  assert.ok(hd.me.permissions.includes('send_back'));
  assert.ok(!o.me.permissions.includes('send_back') && !S.reviewer.me.permissions.includes('send_back'));
  let y = (await req(base, 'GET', `/api/years/${id}`, { session: o })).json;
  assert.equal(y.year.status, 'draft');
  // evidence: two files; the first is deleted by its department's officer
  const up = async (name) => (await req(base, 'POST', `/api/years/${id}/evidence?indicator=0&name=${name}`, { session: o, raw: Buffer.from(name) })).json.id;
  const a = await up('a.txt'), b = await up('b.txt');
  assert.ok(a && b);
  assert.equal((await req(base, 'DELETE', `/api/evidence/${a}`)).status, 401);
  assert.equal((await req(base, 'DELETE', `/api/evidence/${a}`, { session: S.officer2 })).status, 404, 'another department: as absent');
  for (const who of ['head1', 'reviewer', 'admin']) assert.equal((await req(base, 'DELETE', `/api/evidence/${a}`, { session: S[who] })).status, 403, who);
  let r = await req(base, 'DELETE', `/api/evidence/${a}`, { session: o, csrf: false });
  assert.equal(r.status, 403);
  assert.equal(r.json.error, 'csrf');
  r = await req(base, 'DELETE', `/api/evidence/${a}`, { session: o, body: '{}' });
  assert.equal(r.status, 413, 'no body');
  r = await req(base, 'DELETE', `/api/evidence/${a}`, { session: o });
  assert.equal(r.status, 200, r.text);
  assert.equal((await req(base, 'GET', `/api/evidence/${a}`, { session: o })).status, 404);
  assert.equal((await req(base, 'DELETE', `/api/evidence/${a}`, { session: o })).status, 404);
  y = (await req(base, 'GET', `/api/years/${id}`, { session: o })).json;
  assert.deepEqual(y.evidence.map((e) => e.id), [b]);

  // send back: the head only, own department, with a comment, on a draft or returned year
  for (const who of ['officer1', 'reviewer', 'admin']) assert.equal((await req(base, 'POST', `/api/years/${id}/send-back`, { session: S[who], body: { comments: [{ text: 'x' }] } })).status, 403, who);
  assert.equal((await req(base, 'POST', `/api/years/${ids.u2}/send-back`, { session: hd, body: { comments: [{ text: 'x' }] } })).status, 404, 'another department');
  r = await req(base, 'POST', `/api/years/${id}/send-back`, { session: hd, body: { comments: [] } });
  assert.equal(r.status, 400);
  assert.equal(r.json.error, 'comment_required');
  const ind = y.indicators[0].name;
  r = await req(base, 'POST', `/api/years/${id}/send-back`, { session: hd, body: { version: y.year.version, comments: [{ indicator: ind, text: '请补充会议纪要' }] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.year.status, 'returned');
  r = await req(base, 'POST', `/api/years/${id}/send-back`, { session: hd, body: { comments: [{ text: '再看一下第一项' }] } });
  assert.equal(r.status, 200, 'a returned year can be sent back again');
  y = (await req(base, 'GET', `/api/years/${id}`, { session: o })).json;
  assert.ok(y.comments.some((c) => c.who === 'head1' && c.indicator === ind && c.text === '请补充会议纪要'));
  assert.ok(y.history.rows.some((row) => row.includes('head1')), 'the history says who sent it back');
  // still editable by the officer: save works; the head approves, which submits to the bureau
  r = await req(base, 'PUT', `/api/years/${id}`, { session: o, body: { base_version: y.year.version, indicators: [{ index: 0, deviation_note: '已补充' }] } });
  assert.equal(r.status, 200, r.text);
  r = await req(base, 'POST', `/api/years/${id}/submit`, { session: hd, body: { comments: [{ text: '部门审核通过' }] } });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.year.status, 'submitted');
  // after submit: no send back, no deletion; the file stays
  r = await req(base, 'POST', `/api/years/${id}/send-back`, { session: hd, body: { comments: [{ text: 'x' }] } });
  assert.equal(r.status, 409);
  assert.match(r.json.message, /已提交/);
  r = await req(base, 'DELETE', `/api/evidence/${b}`, { session: o });
  assert.equal(r.status, 409);
  assert.equal(r.json.error, 'not_editable');
  assert.equal((await req(base, 'GET', `/api/evidence/${b}`, { session: S.reviewer })).status, 200);
  // the bureau returns it: the officer may delete again
  assert.equal((await req(base, 'POST', `/api/years/${id}/return`, { session: S.reviewer, body: { comments: [{ text: '退回' }] } })).status, 200);
  assert.equal((await req(base, 'DELETE', `/api/evidence/${b}`, { session: o })).status, 200);
});

test('the whole workflow through the API', async () => {
  const o = S.officer1, rv = S.reviewer;
  let y = (await req(base, 'GET', `/api/years/${ids.u1}`, { session: o })).json;
  assert.equal(y.year.status, 'draft');
  const before = y.evaluation.indicator_total;
  const i = y.indicators.findIndex((x) => x.nature !== '定性' && /^[0-9.]+$/.test(x.target) && Number(x.target) > 0);
  assert.ok(i >= 0);
  // live check: an actual of 0 lowers the score; nothing is saved
  let c = await req(base, 'POST', `/api/years/${ids.u1}/check`, { session: o, body: { indicators: [{ index: i, actual: '0' }] } });
  assert.equal(c.status, 200, c.text);
  assert.equal(c.json.evaluation.indicators[i].score, '0');
  assert.ok(Number(c.json.evaluation.indicator_total) < Number(before), `${c.json.evaluation.indicator_total} < ${before}`);
  assert.equal((await req(base, 'GET', `/api/years/${ids.u1}`, { session: o })).json.evaluation.indicator_total, before);
  // save as a new version; a second save on the old version is stale
  let s = await req(base, 'PUT', `/api/years/${ids.u1}`, { session: o, body: { base_version: y.year.version, indicators: [{ index: i, actual: '0', deviation_note: '测试：未完成' }] } });
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.version, y.year.version + 1);
  s = await req(base, 'PUT', `/api/years/${ids.u1}`, { session: o, body: { base_version: y.year.version, indicators: [{ index: i, actual: '1' }] } });
  assert.equal(s.status, 409);
  assert.equal(s.json.error, 'stale');
  // evidence: stored in the database, same bytes back, sanitized name, never rendered
  const file = Buffer.from('佐证 <script>alert(1)</script>\n');
  const up = await req(base, 'POST', `/api/years/${ids.u1}/evidence?indicator=${i}&name=${encodeURIComponent('../../etc/会议纪要.txt')}`, { session: o, raw: file });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.json.name, '会议纪要.txt');
  const dl = await req(base, 'GET', `/api/evidence/${up.json.id}`, { session: rv });
  assert.equal(dl.status, 200);
  assert.ok(dl.bytes.equals(file));
  assert.equal(dl.headers.get('content-type'), 'application/octet-stream');
  assert.match(dl.headers.get('content-disposition'), /^attachment/);
  assert.equal((await req(base, 'GET', `/api/evidence/${up.json.id}`, { session: S.officer2 })).status, 404);
  // preview every format of the draft
  for (const f of ['html', 'pdf', 'docx', 'xlsx', 'md']) assert.equal((await req(base, 'GET', `/api/years/${ids.u1}/report/${f}`, { session: o })).status, 200, f);
  // submit (head may submit too; an officer of another department may not)
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/submit`, { session: S.officer2, body: {} })).status, 404);
  let t = await req(base, 'POST', `/api/years/${ids.u1}/submit`, { session: o, body: {} });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.year.status, 'submitted');
  assert.equal((await req(base, 'PUT', `/api/years/${ids.u1}`, { session: o, body: { base_version: t.json.year.version, indicators: [] } })).status, 409);
  // the desk shows it with its flags
  const desk = (await req(base, 'GET', '/api/desk?year=2023', { session: rv })).json;
  const row = desk.years.find((x) => x.id === ids.u1);
  assert.equal(row.status, 'submitted');
  assert.ok(Array.isArray(row.flags));
  assert.ok(desk.missing.some((m) => m.department === 'U4'), 'U4 never reported');
  // and the store's own queries: flags (self-score vs indicators) and missing / late (the desk's analyses)
  const sf = (await req(base, 'GET', '/api/analysis?what=flags&year=2023', { session: rv })).json;
  assert.ok(sf.rows.some((r) => r[0] === 'U1'), JSON.stringify(sf).slice(0, 200));
  const sm = (await req(base, 'GET', '/api/analysis?what=missing&year=2023', { session: rv })).json;
  assert.ok(sm.rows.some((r) => r[0] === 'U4'));
  // return needs a comment; comment on the indicator
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/return`, { session: rv, body: { comments: [] } })).status, 400);
  const ind = y.indicators[i].name;
  t = await req(base, 'POST', `/api/years/${ids.u1}/return`, { session: rv, body: { comments: [{ indicator: ind, text: '请补充佐证' }] } });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.year.status, 'returned');
  y = (await req(base, 'GET', `/api/years/${ids.u1}`, { session: o })).json;
  assert.ok(y.comments.some((cm) => cm.indicator === ind && cm.text === '请补充佐证'));
  // the field history records the web edit, with who made it
  assert.ok(y.history.rows.some((row) => row.includes('officer1')), JSON.stringify(y.history).slice(0, 300));
  // fix, resubmit, approve, publish
  s = await req(base, 'PUT', `/api/years/${ids.u1}`, { session: o, body: { base_version: y.year.version, indicators: [{ index: i, actual: y.indicators[i].target }] } });
  assert.equal(s.status, 200, s.text);
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/submit`, { session: o, body: {} })).status, 200);
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/publish`, { session: rv, body: {} })).status, 409, 'publish before approve is refused');
  // the officer's submission awaits the unit's head (单位审核) before the bureau
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/approve`, { session: rv, body: {} })).status, 409, 'not in the head\'s place');
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/approve`, { session: S.head1, body: {} })).status, 200);
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/approve`, { session: rv, body: {} })).status, 200);
  t = await req(base, 'POST', `/api/years/${ids.u1}/publish`, { session: rv, body: {} });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.year.status, 'published');
  const pub = await req(base, 'GET', `/public/${ids.u1}`);
  assert.equal(pub.status, 200);
  assert.match(pub.text, /政协峨边彝族自治县委员会办公室/);
  const chart = /<img src="([^"]+\.svg)"/.exec(pub.text)[1];
  assert.equal((await req(base, 'GET', chart)).status, 200, chart);
  // rectification follows the published year
  const ro = await req(base, 'POST', `/api/years/${ids.u1}/rectifications`, { session: rv, body: { item: '补齐佐证材料' } });
  assert.equal(ro.status, 201, ro.text);
  let list = (await req(base, 'GET', '/api/rectifications', { session: rv })).json.rectifications;
  assert.ok(list.some((x) => x.id === ro.json.id && !x.closed_at));
  assert.equal((await req(base, 'POST', `/api/rectifications/${ro.json.id}/close`, { session: rv, body: { note: '已补齐' } })).status, 200);
  list = (await req(base, 'GET', '/api/rectifications', { session: rv })).json.rectifications;
  assert.ok(list.some((x) => x.id === ro.json.id && x.closed_at && x.closing_note === '已补齐'));
  // dashboard: the four charts' data, numbers as strings
  const d = (await req(base, 'GET', '/api/dashboard?year=2023', { session: rv })).json;
  assert.equal(d.distribution.length, 5);
  assert.ok(d.execution.every((e) => typeof e.rate === 'string'));
  assert.ok(d.attainment.length > 0);
  assert.ok(d.years.map((x) => x.year).includes(2022) && d.years.map((x) => x.year).includes(2023));
});

test('a published correction moves the charts to new URLs; the old version\'s answer 404 at once', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const id = ids.u1old;
  const charts = (html) => [...new Set([...html.matchAll(/\/public\/\d+\/charts\/(\d+)\/\d+\.svg/g)].map((m) => m[0]))];
  const before = charts((await req(base, 'GET', `/public/${id}`)).text);
  assert.ok(before.length >= 2);
  for (const c of before) assert.equal((await req(base, 'GET', c)).status, 200, c); // now a ready answer in this process
  // a correction through the command line (another process), as the bureau makes one
  const y = (await req(base, 'GET', `/api/years/${id}`, { session: S.reviewer })).json;
  const dir = mkdtempSync(tmpdir() + '/jx-corr-');
  const file = dir + '/U1-2022.yaml';
  writeFileSync(file, y.yaml.replace('测试数据：偏差原因已说明', '测试数据：更正后的说明'));
  const cli = (...a) => execFileSync(process.env.JIXIAO, ['db', '--db', db.db, ...a],
    { env: { ...process.env, JIXIAO_FRAMEWORKS: process.env.JX_SOURCE_DIR + '/frameworks' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    cli('import', '--user', 'bureau', '--department', 'U1', '--correction', '测试更正', file);
    // the correction is a draft: the published version stays public, charts and all
    assert.deepEqual(charts((await req(base, 'GET', `/public/${id}`)).text), before);
    for (const c of before) assert.equal((await req(base, 'GET', c)).status, 200, c);
    for (const a of ['submit', 'approve', 'approve', 'publish']) cli(a, 'U1', '2022', '--user', 'bureau'); // 单位, then 财政局
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const after = charts((await req(base, 'GET', `/public/${id}`)).text);
  assert.equal(after.length, before.length);
  assert.notDeepEqual(after, before, 'the URLs name the new version');
  for (const c of before) assert.equal((await req(base, 'GET', c)).status, 404, `old ${c}`);
  for (const c of after) assert.equal((await req(base, 'GET', c)).status, 200, `new ${c}`);
});

test('stateless check endpoint and logout', async () => {
  const { readFileSync } = await import('node:fs');
  const yaml = readFileSync(process.env.JX_SOURCE_DIR + '/examples/ebian-cppcc-2023.yaml');
  const r = await req(base, 'POST', '/api/check', { session: S.head1, raw: yaml });
  assert.equal(r.status, 200, r.text);
  assert.equal(typeof r.json.total, 'string');
  assert.ok(Array.isArray(r.json.diagnostics));
  const bad = await req(base, 'POST', '/api/check', { session: S.head1, raw: 'indicators: [' });
  assert.equal(bad.status, 200);
  assert.ok(bad.json.diagnostics.some((g) => g.severity === 'error'));
  const s = await login(base, 'admin');
  assert.equal((await req(base, 'POST', '/api/logout', { session: s, body: {} })).status, 200);
  assert.equal((await req(base, 'GET', '/api/me', { session: s })).status, 401);
});

test('the access log: one line per request, no query, no cookie, token or password', async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(tmpdir() + '/jx-alog-');
  const file = dir + '/access.log';
  const s2 = await startServer(db.db, ['--access-log', file]);
  let sess;
  try {
    sess = await login(s2.url, 'reviewer');
    await req(s2.url, 'GET', '/public/?q=secret-words');
    await req(s2.url, 'GET', `/api/years/${ids.u2}`, { session: sess });
    await req(s2.url, 'POST', `/api/years/${ids.u2}/check`, { session: sess, body: {} });
    await req(s2.url, 'HEAD', '/healthz');
    await rawGet(s2.url, '/public/%0a2026-01-01T00:00:00.000Z%20forged');
    await req(s2.url, 'GET', '/nothing-here');
  } finally {
    assert.equal(await stopServer(s2), 0);
  }
  const log = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const lines = log.trimEnd().split('\n');
  assert.equal(lines.length, 7, log);
  const re = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z 127\.0\.0\.1 (GET|POST|HEAD) (\S+) (\d{3}|-) (\d+) (\d+) (\d+|-)$/;
  const parsed = lines.map((l) => { const m = re.exec(l); assert.ok(m, `line: ${l}`); return m; });
  // lines are written as requests complete: a client may start the next one first
  assert.deepEqual(parsed.map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort(), ['POST /api/login 200', 'GET /public/ 200', `GET /api/years/${ids.u2} 200`,
    `POST /api/years/${ids.u2}/check 200`, 'HEAD /healthz 200', 'GET /public/\\x0A2026-01-01T00:00:00.000Z\\x20forged 404', 'GET /nothing-here 404'].sort());
  const line = (m, p) => parsed.find((x) => x[1] === m && x[2] === p);
  assert.match(line('GET', `/api/years/${ids.u2}`)[6], /^\d+$/, 'the account id of a logged-in request');
  assert.equal(line('GET', '/public/')[6], '-');
  assert.ok(Number(line('GET', `/api/years/${ids.u2}`)[4]) > 1000, 'bytes of the body');
  assert.ok(Number(line('POST', '/api/login')[5]) > 1000, 'microseconds: login hashes the password');
  for (const secret of ['secret-words', 'test-password-1', sess.csrf, sess.cookie.split('=')[1]]) assert.ok(!log.includes(secret), `logged: ${secret}`);
  // a file that cannot be opened stops serve at once, with a reason
  await assert.rejects(startServer(db.db, ['--access-log', dir + '/no/such/dir/a.log']), /无法打开访问日志/);
});

test('SIGHUP reopens the access log, as logrotate needs', async () => {
  const { mkdtempSync, readFileSync, renameSync, rmSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(tmpdir() + '/jx-alog-');
  const file = dir + '/access.log';
  const s2 = await startServer(db.db, ['--access-log', file]);
  try {
    assert.equal((await req(s2.url, 'GET', '/healthz?before')).status, 200);
    // the line is written when the request completes (maybe just after the client has its
    // answer) and reaches the file within a second
    for (let i = 0; i < 150 && !readFileSync(file, 'utf8').includes('healthz'); i++) await new Promise((ok) => setTimeout(ok, 20));
    renameSync(file, file + '.1'); // logrotate moves the file away …
    s2.kill('SIGHUP'); // … and tells the server
    for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((ok) => setTimeout(ok, 20));
    assert.ok(existsSync(file), 'a new file after SIGHUP');
    assert.equal((await req(s2.url, 'GET', '/public/')).status, 200);
  } finally {
    assert.equal(await stopServer(s2), 0, 'SIGHUP does not stop the server');
  }
  const old = readFileSync(file + '.1', 'utf8'), now = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  assert.match(old, / GET \/healthz 200 /);
  assert.doesNotMatch(old, /\/public\//);
  assert.match(now, / GET \/public\/ 200 /);
  assert.doesNotMatch(now, /healthz/);
});

test('docs/api.md lists every route of src/web/routes.c', async () => {
  const { readFileSync } = await import('node:fs');
  const src = readFileSync(process.env.JX_SOURCE_DIR + '/src/web/routes.c', 'utf8');
  const doc = readFileSync(process.env.JX_SOURCE_DIR + '/docs/api.md', 'utf8');
  const documented = new Set();
  for (const m of doc.matchAll(/^\| (GET|POST|PUT|DELETE) \| (.+?) \|/gm))
    for (const p of m[2].matchAll(/`([^`]+)`/g)) documented.add(m[1] + ' ' + p[1].replace(/\?.*$/, '').replace(/\{[a-z]+\}/g, '{}'));
  const routes = [...src.matchAll(/\{"(GET|POST|PUT|DELETE)", "([^"]+)"/g)].map((m) => m[1] + ' ' + m[2]);
  assert.ok(routes.length > 25);
  assert.deepEqual(routes.filter((r) => !documented.has(r)), []);
});

test('an admin creates accounts through the API; nobody else can, and weak passwords are refused', async () => {
  let r = await req(base, 'POST', '/api/users', { session: S.admin, body: { username: 'officer3', password: 'short', role: 'officer', department: 'U3' } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /至少 10/);
  r = await req(base, 'POST', '/api/users', { session: S.admin, body: { username: 'officer3', password: 'long-enough-pw', role: 'officer' } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /部门/);
  r = await req(base, 'POST', '/api/users', { session: S.admin, body: { username: 'officer3', password: 'long-enough-pw', role: 'officer', department: 'U3' } });
  assert.equal(r.status, 201, r.text);
  r = await req(base, 'POST', '/api/users', { session: S.admin, body: { username: 'officer3', password: 'long-enough-pw', role: 'officer', department: 'U3' } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /已存在/);
  const s = await login(base, 'officer3', 'long-enough-pw');
  assert.equal(s.me.department, 'U3');
  const list = (await req(base, 'GET', '/api/users', { session: S.admin })).json.users;
  assert.ok(list.some((u) => u.username === 'officer3' && u.role === 'officer'));
  assert.ok(list.every((u) => !('pwhash' in u)));
});

test('--secure-cookies adds Secure to the session cookie', async () => {
  const s2 = await startServer(db.db, ['--secure-cookies']);
  try {
    const s = await login(s2.url, 'reviewer');
    assert.match(s.setCookie, /; Secure/);
    assert.match(s.setCookie, /HttpOnly/);
  } finally {
    assert.equal(await stopServer(s2), 0);
  }
});

test('SIGTERM is graceful: no new connections, a request in flight still gets its answer', async () => {
  const net = await import('node:net');
  const s3 = await startServer(db.db);
  const u = new URL(s3.url);
  const body = JSON.stringify({ username: 'reviewer', password: 'test-password-1' });
  const sock = net.connect(Number(u.port), u.hostname);
  await new Promise((ok) => sock.on('connect', ok));
  let answer = '';
  sock.on('data', (d) => { answer += d; });
  const ended = new Promise((ok) => sock.on('close', ok));
  // "Expect: 100-continue": the server says when it has read the headers, so the request
  // is surely in flight when the signal comes
  sock.write(`POST /api/login HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/json\r\n` +
    `Expect: 100-continue\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  while (!answer.includes('100 Continue')) await new Promise((ok) => setTimeout(ok, 10));
  answer = '';
  sock.write(body.slice(0, 10));
  const exited = stopServer(s3); // SIGTERM while the body is half sent
  // wait until the server stops accepting (deterministic: a refused connection)
  for (;;) {
    const refused = await new Promise((ok) => {
      const c = net.connect(Number(u.port), u.hostname);
      c.on('connect', () => { c.destroy(); ok(false); });
      c.on('error', () => ok(true));
    });
    if (refused) break;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  sock.end(body.slice(10));
  await ended;
  assert.match(answer, /^HTTP\/1\.1 200 /, answer.slice(0, 200));
  assert.match(answer, /"username":"reviewer"/);
  assert.equal(await exited, 0);
});

test('an incomplete year (an actual left blank: 未计分) has no total and no grade, and the dashboard says it was left out', async () => {
  // a database and server of its own: the year saved here must not change the other tests' data
  const own = freshDb('api_incomplete');
  // a year under a framework whose total is its indicators (重庆: no blocks), so that a
  // blank actual leaves points unscored (under the seed's block framework it would not)
  const dir = mkdtempSync(path.join(tmpdir(), 'jx-incomplete-'));
  const file = path.join(dir, 'U1-2020.yaml');
  writeFileSync(file, [
    'schema: jixiao/1', 'kind: department', 'framework: chongqing-department-2023', 'year: 2020', 'money_unit: 万元',
    'department:', '  name: 政协峨边彝族自治县委员会办公室',
    'indicators:',
    '  - {level1: 产出指标, level2: 数量指标, name: 提案办理件数, nature: "≥", target: 100, unit: 件, weight: 60, actual: 104, score: 60}',
    '  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 委员满意度, nature: "≥", target: 90%, weight: 40, actual: 95%, score: 40}',
    'assessment:', '  total: 100', '',
  ].join('\n'));
  execFileSync(env.jixiao, ['db', '--db', own.db, 'import', '--user', 'officer1', '--department', 'U1', file], {
    env: { ...process.env, JIXIAO_FRAMEWORKS: path.join(env.source, 'frameworks') }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  rmSync(dir, { recursive: true, force: true });
  const s2 = await startServer(own.db);
  try {
    const o = await login(s2.url, 'officer1'), rv = await login(s2.url, 'reviewer');
    const all = (await req(s2.url, 'GET', '/api/years', { session: rv })).json.years;
    const id = all.find((y) => y.department === 'U1' && y.year === 2020).id;
    const before = all.find((y) => y.id === id);
    assert.equal(before.complete, true);
    assert.equal(before.unscored, 0);
    assert.equal(before.total, '100');
    let y = (await req(s2.url, 'GET', `/api/years/${id}`, { session: o })).json;
    const i = 0;
    // the live check: no total, no grade; what was scored and what could not be
    const c = await req(s2.url, 'POST', `/api/years/${id}/check`, { session: o, body: { indicators: [{ index: i, actual: '' }] } });
    assert.equal(c.status, 200, c.text);
    assert.equal(c.json.evaluation.complete, false);
    assert.equal(c.json.evaluation.total, null);
    assert.equal(c.json.evaluation.grade, null);
    assert.equal(c.json.evaluation.unscored, 1);
    // saved: the list says so, total and grade null
    const s = await req(s2.url, 'PUT', `/api/years/${id}`, { session: o, body: { base_version: y.year.version, indicators: [{ index: i, actual: '' }] } });
    assert.equal(s.status, 200, s.text);
    const row = (await req(s2.url, 'GET', '/api/years', { session: rv })).json.years.find((x) => x.id === id);
    assert.equal(row.complete, false);
    assert.equal(row.total, null);
    assert.equal(row.grade, null);
    assert.equal(row.unscored, 1);
    assert.equal(row.partial_total, '40');
    assert.equal(row.unscored_points, '60');
    const d = (await req(s2.url, 'GET', '/api/dashboard?year=2020', { session: rv })).json;
    assert.equal(d.incomplete, 1);
    assert.equal(d.distribution.reduce((n, b) => n + b.count, 0), all.filter((x) => x.year === 2020 && x.kind === 'department').length - 1);
    const yr = d.years.find((x) => x.year === 2020);
    assert.equal(yr.incomplete, 1);
  } finally {
    assert.equal(await stopServer(s2), 0);
    own.cleanup();
  }
});

// ---- 绩效目标申报: what an attacker meets --------------------------------------------------
test('declarations: another unit, an officer approving, no CSRF token, oversized fields and bodies, stale saves', async () => {
  const form = (code) => ({
    year: 2026, code, name: '攻击测试项目', total: '10', this_year: '5', annual_goal: '通过测试达成目标',
    indicators: [{ level1: '产出', level2: '数量', name: '测试数量', value: '≥1个', explanation: '反映测试数量' }],
  });
  const made = await req(base, 'POST', '/api/declarations', { session: S.officer1, body: form('ATK-1') });
  assert.equal(made.status, 201, made.text);
  const id = made.json.id;
  // a code that is not one is refused before anything is stored
  const bad = await req(base, 'POST', '/api/declarations', { session: S.officer1, body: form('项目/../1') });
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /项目编码只能用/);
  // the same code again is not a silent overwrite
  const again = await req(base, 'POST', '/api/declarations', { session: S.officer1, body: form('ATK-1') });
  assert.equal(again.status, 409);
  // an officer of another unit: neither reads, lists, saves nor steps it (absent and not yours answer alike)
  const other = await req(base, 'GET', `/api/declarations/${id}`, { session: S.officer2 });
  assert.equal(other.status, 404);
  assert.match(other.json.message, /没有编号为/);
  const list2 = await req(base, 'GET', '/api/declarations', { session: S.officer2 });
  assert.equal(list2.json.declarations.filter((d) => d.id === id).length, 0);
  assert.equal((await req(base, 'PUT', `/api/declarations/${id}`, { session: S.officer2, body: { base_version: 1, ...form('ATK-1') } })).status, 404);
  // an officer may not review, return or approve, even their own
  for (const a of ['review', 'return', 'approve']) {
    const r = await req(base, 'POST', `/api/declarations/${id}/${a}`, { session: S.officer1, body: { comment: 'x' } });
    assert.equal(r.status, 403, a);
    assert.match(r.json.message, /[\u4e00-\u9fff]/);
  }
  assert.equal((await req(base, 'POST', '/api/declarations/batch', { session: S.officer1, body: { action: 'approve', ids: [id] } })).status, 403);
  // no CSRF token: refused before anything happens
  for (const [m, p, body] of [['POST', '/api/declarations', form('ATK-2')], ['PUT', `/api/declarations/${id}`, { base_version: 1 }],
    ['POST', `/api/declarations/${id}/review`, {}], ['POST', '/api/declarations/batch', { action: 'approve', ids: [id] }]]) {
    const r = await req(base, m, p, { session: m === 'POST' && p.includes('batch') || p.includes('review') ? S.reviewer : S.officer1, body, csrf: false });
    assert.equal(r.status, 403, `${m} ${p}`);
    assert.equal(r.json.error, 'csrf');
  }
  // a field of 100,000 characters, a body past the limit, too many rows, a wrong type
  const big = await req(base, 'POST', '/api/declarations/check', { session: S.officer1, body: { ...form('ATK-3'), annual_goal: '目'.repeat(100000) } });
  assert.equal(big.status, 400, big.text.slice(0, 200));
  assert.match(big.json.message, /年度目标.*过长.*上限 4096 字节/);
  const long = await req(base, 'POST', '/api/declarations/check', { session: S.officer1, body: { ...form('ATK-3'), annual_goal: '目'.repeat(2000) } });
  assert.equal(long.status, 400);
  assert.match(long.json.message, /年度目标.*过长/);
  const huge = await req(base, 'PUT', `/api/declarations/${id}`, { session: S.officer1, raw: JSON.stringify({ base_version: 1, x: 'a'.repeat(600 * 1024) }), headers: { 'Content-Type': 'application/json' } });
  assert.equal(huge.status, 413);
  const rows = await req(base, 'POST', '/api/declarations/check', { session: S.officer1, body: { ...form('ATK-3'), indicators: Array(201).fill(form('x').indicators[0]) } });
  assert.equal(rows.status, 400);
  const typed = await req(base, 'POST', '/api/declarations/check', { session: S.officer1, body: { ...form('ATK-3'), name: { x: 1 } } });
  assert.equal(typed.status, 400);
  // a save on a stale version is refused; the current one is accepted
  const stale = await req(base, 'PUT', `/api/declarations/${id}`, { session: S.officer1, body: { base_version: 0, ...form('ATK-1') } });
  assert.equal(stale.status, 409);
  assert.equal(stale.json.error, 'stale');
  const saved = await req(base, 'PUT', `/api/declarations/${id}`, { session: S.officer1, body: { base_version: 1, ...form('ATK-1'), name: '改名后的项目' } });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json.version, 2);
  // its history in the form's words, never the file's keys
  const hist = (await req(base, 'GET', `/api/declarations/${id}`, { session: S.officer1 })).json.history;
  const fields = hist.rows.map((row) => row[3]);
  assert.ok(fields.includes('项目名称'), fields.join(' '));
  assert.ok(fields.every((f) => !/[a-z_]{3,}/.test(f)), fields.join(' '));
  // the live check stores nothing and answers the findings with their 意见表述
  const check = await req(base, 'POST', '/api/declarations/check', { session: S.officer1, body: { ...form('ATK-9'), annual_goal: '', indicators: [{ level1: '产出', level2: '数量', name: '测试数量', value: '完成', explanation: '' }] } });
  assert.equal(check.status, 200);
  const keys = check.json.review.findings.map((f) => `${f.key}:${f.indicator}`);
  assert.ok(keys.includes('annual_goal:-1'), keys.join(' '));
  assert.ok(keys.includes('value:0'), keys.join(' '));
  assert.ok(check.json.review.findings.every((f) => typeof f.opinion === 'string'));
  assert.equal((await req(base, 'GET', '/api/declarations?q=ATK-9', { session: S.officer1 })).json.declarations.length, 0);
  // the workflow by role: the head reviews, a batch of the reviewer says which did not go
  assert.equal((await req(base, 'POST', `/api/declarations/${id}/return`, { session: S.head1, body: {} })).status, 400, 'a return needs a comment');
  assert.equal((await req(base, 'POST', `/api/declarations/${id}/review`, { session: S.head1, body: {} })).status, 200);
  const edit = await req(base, 'PUT', `/api/declarations/${id}`, { session: S.officer1, body: { base_version: 2, ...form('ATK-1') } });
  assert.equal(edit.status, 409, 'under review: not editable');
  const batch = await req(base, 'POST', '/api/declarations/batch', { session: S.reviewer, body: { action: 'approve', ids: [id, 999999, 'x'] } });
  assert.equal(batch.status, 200);
  assert.equal(batch.json.done, 0);
  assert.equal(batch.json.refused, 3);
  assert.match(batch.json.results[0].message, /主管部门已审/);
  assert.doesNotMatch(JSON.stringify(batch.json), /--|\(review\)|jixiao /);
  assert.equal((await req(base, 'POST', '/api/declarations/batch', { session: S.reviewer, body: { action: 'approve', ids: Array(201).fill(id) } })).status, 400);
  assert.equal((await req(base, 'POST', '/api/declarations/batch', { session: S.reviewer, body: { action: 'delete', ids: [id] } })).status, 400);
  // the library: suggestions from what was declared, bounded words
  const lib = await req(base, 'GET', '/api/library?q=' + encodeURIComponent('测试'), { session: S.officer2 });
  assert.equal(lib.status, 200);
  assert.ok(lib.json.suggestions.some((s) => s.name === '测试数量' && s.level2 === '数量'), lib.text);
  assert.equal((await req(base, 'GET', '/api/library?q=' + 'x'.repeat(300), { session: S.officer1 })).status, 400);
});

