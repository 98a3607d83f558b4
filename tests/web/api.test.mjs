// api.test.mjs — the JSON API and the public pages over loopback: every route × every
// role (an independent table of who may do what), the errors (CSRF, bad JSON, limits,
// rate limit, wrong method, unknown path), path traversal, hostile names escaped, nothing
// unpublished visible, and the whole workflow through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, startServer, stopServer, req, login, rawGet } from './lib.mjs';

let db, srv, base, ids = {};
const S = {}; // sessions by role

before(async () => {
  db = freshDb('api');
  srv = await startServer(db.db);
  base = srv.url;
  for (const u of ['officer1', 'head1', 'officer2', 'reviewer', 'admin']) S[u] = await login(base, u);
  const all = (await req(base, 'GET', '/api/years', { session: S.reviewer })).json.years;
  const find = (dep, year) => all.find((y) => y.department === dep && y.year === year).id;
  ids = { u1: find('U1', 2023), u2: find('U2', 2023), u1old: find('U1', 2022) };
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
  ['POST', '/api/logout', ANY, 'skip-allowed'],
  ['GET', '/api/years', ANY],
  ['GET', `/api/years/${X}`, ANY],
  ['POST', `/api/years/${X}/check`, ANY],
  ['PUT', `/api/years/${X}`, ['officer1', 'officer2']],
  ['POST', `/api/years/${X}/submit`, ['officer1', 'head1', 'officer2']],
  ['POST', `/api/years/${X}/return`, BUREAU],
  ['POST', `/api/years/${X}/approve`, BUREAU],
  ['POST', `/api/years/${X}/publish`, BUREAU],
  ['GET', `/api/years/${X}/report/pdf`, ANY],
  ['POST', `/api/years/${X}/evidence?indicator=0&name=a.txt`, ['officer1', 'officer2']],
  ['GET', `/api/evidence/${X}`, ANY],
  ['POST', '/api/check', ANY],
  ['GET', '/api/desk', BUREAU],
  ['GET', '/api/dashboard', BUREAU],
  ['GET', '/api/rectifications', BUREAU],
  ['POST', `/api/years/${X}/rectifications`, BUREAU],
  ['POST', `/api/rectifications/${X}/close`, BUREAU],
  ['GET', '/api/users', ['admin']],
  ['POST', '/api/users', ['admin']],
  ['GET', '/api/public/years', ['anon', ...ANY]],
  ['GET', `/api/public/years/${X}/score`, ['anon', ...ANY]],
  ['GET', '/public/', ['anon', ...ANY]],
  ['GET', `/public/${X}`, ['anon', ...ANY]],
  ['GET', `/public/${X}/download/pdf`, ['anon', ...ANY]],
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
      const body = method === 'GET' || upload ? undefined : '{}';
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
  r = await req(base, 'POST', `/api/years/${ids.u1}/check`, { session: S.officer1, body: { indicators: [{ index: 0, weight: '五' }] } });
  assert.equal(r.status, 400);
  assert.match(r.json.message, /权重/);
});

test('login is rate-limited per account', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await req(base, 'POST', '/api/login', { body: { username: 'head1', password: 'wrong' + i } })).status, 401);
  const r = await req(base, 'POST', '/api/login', { body: { username: 'head1', password: 'test-password-1' } });
  assert.equal(r.status, 429, 'even the right password is refused while limited');
  assert.match(r.json.message, /分钟后再试/);
});

test('static and evidence files cannot be reached by path traversal', async () => {
  for (const p of ['/static/..%2fapp.js', '/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/static/../../etc/passwd', '/static/..',
    '/static/%2e%2e', '/static/index.html', '/static/.%2e/web.h', '/app/../static/app.js%00', '/api/evidence/..%2f1',
    '/api/evidence/1%2f..%2f2', '/public/..%2f..%2fetc%2fpasswd', '/static//etc/passwd']) {
    const r = await rawGet(base, p);
    assert.ok(r.status === 404 || r.status === 400 || r.status === 401, `${p}: ${r.status}`);
    assert.doesNotMatch(r.text, /root:x:0:0/);
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
  for (const p of [`/public/${ids.u1}`, `/public/${ids.u1}/download/pdf`, `/public/${ids.u1}/download/html`, `/api/public/years/${ids.u1}/score`]) {
    assert.equal((await req(base, 'GET', p)).status, 404, p);
  }
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
  // and the store's own queries: flags (self-score vs indicators) and missing / late
  assert.ok(desk.store_flags.rows.some((r) => r[0] === 'U1'), JSON.stringify(desk.store_flags).slice(0, 200));
  assert.ok(desk.store_missing.rows.some((r) => r[0] === 'U4'));
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
  assert.equal((await req(base, 'POST', `/api/years/${ids.u1}/approve`, { session: rv, body: {} })).status, 200);
  t = await req(base, 'POST', `/api/years/${ids.u1}/publish`, { session: rv, body: {} });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.year.status, 'published');
  const pub = await req(base, 'GET', `/public/${ids.u1}`);
  assert.equal(pub.status, 200);
  assert.match(pub.text, /政协峨边彝族自治县委员会办公室/);
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
