// login.test.mjs — logging in under attack (issue #12): the client address behind
// --trusted-proxy (X-Forwarded-For only from the proxy), throttling by growing delays
// instead of a lockout (another address is not blocked; the owner gets in while an
// attacker hammers the account), parallel guesses counted exactly (two processes on one
// database), and login CSRF (JSON only, same origin only).  The numbers are those of
// docs/web.md "Security model" (src/web/web.h).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDb, startServer, stopServer, req, PASSWORD } from './lib.mjs';

const ACCOUNT_FREE = 5, ACCOUNT_CAP_S = 60, ADDRESS_FREE = 20;
let db, dir;

before(() => {
  db = freshDb('login');
  dir = mkdtempSync(path.join(tmpdir(), 'jx-login-'));
});
after(() => {
  db.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const nowSecond = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/* A server; `frozen`: its clock stopped ($JIXIAO_NOW) at that time (true: the current
 * second), so that delays never run out and a count is exact however slow the machine is. */
async function serve(extra = [], { frozen = false } = {}) {
  if (frozen) process.env.JIXIAO_NOW = frozen === true ? nowSecond() : frozen;
  try {
    return await startServer(db.db, extra);
  } finally {
    delete process.env.JIXIAO_NOW;
  }
}

const login = (base, username, password, headers = {}) =>
  req(base, 'POST', '/api/login', { body: { username, password }, headers });
const from = (addr, headers = {}) => ({ 'X-Forwarded-For': addr, ...headers });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* The client address of each access-log line, by path. */
function logged(file) {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' ')).map((f) => ({ addr: f[1], path: f[3], status: f[4] }));
}

test('without --trusted-proxy, X-Forwarded-For is ignored: the log and the throttle use the TCP peer', async () => {
  const log = path.join(dir, 'plain.log');
  const srv = await serve(['--access-log', log], { frozen: true });
  try {
    for (let i = 0; i < ADDRESS_FREE; i++) {
      const r = await login(srv.url, `nobody-a${i}`, 'wrong', from(`198.51.100.${i + 1}`));
      assert.equal(r.status, 401, `attempt ${i + 1}`);
    }
    // a forged header does not make another client: 127.0.0.1 has used its free failures
    const r = await login(srv.url, 'nobody-a99', 'wrong', from('198.51.100.99'));
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '2');
    assert.match(r.json.message, /2 秒后再试/);
  } finally {
    assert.equal(await stopServer(srv), 0);
  }
  const lines = logged(log);
  assert.equal(lines.length, ADDRESS_FREE + 1);
  assert.deepEqual([...new Set(lines.map((l) => l.addr))], ['127.0.0.1']);
});

// path (logged: the lines of two threads may come out of order), X-Forwarded-For, the client
const CASES = [
  ['/xff-a', '203.0.113.9, 198.51.100.7', '198.51.100.7'],
  ['/xff-b', '198.51.100.8, 127.0.0.1', '198.51.100.8'], // a second proxy on the same machine
  ['/xff-c', '[2001:db8::5]:4711', '2001:db8::5'],
  ['/xff-d', '::ffff:192.0.2.44', '192.0.2.44'],
  ['/xff-e', 'unknown', '127.0.0.1'], // not written by our proxy: the peer
  ['/xff-f', undefined, '127.0.0.1'],
];

test('with --trusted-proxy, the client is the rightmost X-Forwarded-For entry that is not the proxy', async () => {
  const log = path.join(dir, 'proxy.log');
  const srv = await serve(['--trusted-proxy', '::1', '--trusted-proxy', '127.0.0.1', '--access-log', log], { frozen: true });
  try {
    for (const [p, xff] of CASES) assert.equal((await req(srv.url, 'GET', p, { headers: xff ? from(xff) : {} })).status, 404);

    // one address uses its free failures (on names that do not exist) and is slowed down …
    for (let i = 0; i < ADDRESS_FREE; i++)
      assert.equal((await login(srv.url, `nobody-b${i}`, 'wrong', from('198.51.100.1'))).status, 401, `attempt ${i + 1}`);
    let r = await login(srv.url, 'nobody-b99', 'wrong', from('198.51.100.1'));
    assert.equal(r.status, 429);
    // … also when its client adds an X-Forwarded-For of its own (the proxy appends the real one)
    r = await login(srv.url, 'officer1', PASSWORD, from('198.51.100.3, 198.51.100.1'));
    assert.equal(r.status, 429);
    // … and blocks nobody else: another address logs in at once
    r = await login(srv.url, 'officer1', PASSWORD, from('198.51.100.2'));
    assert.equal(r.status, 200, r.text);
  } finally {
    assert.equal(await stopServer(srv), 0);
  }
  const lines = logged(log);
  assert.equal(lines.length, CASES.length + ADDRESS_FREE + 3);
  for (const [p, , addr] of CASES) assert.deepEqual(lines.filter((l) => l.path === p).map((l) => l.addr), [addr], p);
  const logins = lines.filter((l) => l.path === '/api/login').map((l) => `${l.addr} ${l.status}`).sort();
  assert.deepEqual(logins, ['198.51.100.1 401', '198.51.100.1 429', '198.51.100.2 200'].flatMap((x, i) =>
    Array(i === 0 ? ADDRESS_FREE : i === 1 ? 2 : 1).fill(x)));
});

test('--trusted-proxy must be an address', async () => {
  await assert.rejects(serve(['--trusted-proxy', 'proxy.example']), /不是 IP 地址/);
});

test('16 parallel wrong guesses at one account, on two processes, are counted exactly', async () => {
  const frozen = nowSecond(); // one clock for both
  const a = await serve(['--trusted-proxy', '127.0.0.1'], { frozen });
  const b = await serve(['--trusted-proxy', '127.0.0.1'], { frozen });
  try {
    // sixteen addresses, so that only the account's own count can stop them
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) =>
      login(i % 2 ? a.url : b.url, 'officer2', 'guess-' + i, from(`192.0.2.${100 + i}`))));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [...Array(ACCOUNT_FREE).fill(401), ...Array(16 - ACCOUNT_FREE).fill(429)]);
    for (const r of answers.filter((x) => x.status === 429)) assert.equal(r.headers.get('retry-after'), '2');
    // the refused ones were not counted: the wait is still the first one (2 s), and the
    // right password waits like a wrong one (the clock is stopped)
    const r = await login(a.url, 'officer2', PASSWORD, from('192.0.2.200'));
    assert.equal(r.status, 429);
    assert.equal(r.headers.get('retry-after'), '2');
  } finally {
    assert.equal(await stopServer(a), 0);
    assert.equal(await stopServer(b), 0);
  }
});

test('an attacker hammering an account does not keep its owner out: the owner waits at most 60 s', async () => {
  const srv = await serve(['--trusted-proxy', '127.0.0.1']);
  let stop = false, evaluated = 0, refused = 0;
  const attacker = (async () => {
    try {
      for (let i = 0; !stop; i++) {
        const r = await login(srv.url, 'head1', 'attack-' + i, from('203.0.113.66'));
        if (r.status === 401) evaluated++;
        else if (r.status === 429) refused++;
        else assert.fail(`attacker: ${r.status} ${r.text}`);
        await sleep(20);
      }
    } finally {
      stop = true;
    }
  })();
  try {
    while (refused === 0 && !stop) await sleep(20); // the attacker has used the account's free failures
    assert.ok(!stop, 'the attacker stopped early');
    const t0 = Date.now();
    const waits = [];
    let r;
    for (;;) {
      r = await login(srv.url, 'head1', PASSWORD, from('198.51.100.200'));
      if (r.status !== 429) break;
      const wait = Number(r.headers.get('retry-after'));
      assert.ok(wait >= 1 && wait <= ACCOUNT_CAP_S, `Retry-After ${wait}`);
      assert.match(r.json.message, new RegExp(`请 ${wait} 秒后再试`));
      waits.push(wait);
      await sleep(wait * 1000);
      assert.ok(Date.now() - t0 < (ACCOUNT_CAP_S + 5) * 1000, `the owner still waits after ${waits.join(' + ')} s`);
    }
    assert.equal(r.status, 200, r.text);
    assert.ok(waits.length <= 2, `the owner was refused ${waits.length} times (${waits.join(', ')} s)`);
  } finally {
    stop = true;
    await attacker;
    assert.equal(await stopServer(srv), 0);
  }
  // the attacker's guesses were slowed down: its free ones and hardly any more
  assert.ok(evaluated <= ACCOUNT_FREE + 2, `${evaluated} guesses evaluated, ${refused} refused`);
});

test('login only takes JSON, and only from our own origin (login CSRF)', async () => {
  const srv = await serve(['--trusted-proxy', '127.0.0.1']);
  const plain = await serve();
  try {
    const body = JSON.stringify({ username: 'officer1', password: PASSWORD });
    // a form or text/plain body, which any site can make a browser send
    let r = await req(srv.url, 'POST', '/api/login', { raw: body }); // fetch says text/plain;charset=UTF-8
    assert.equal(r.status, 415);
    assert.equal(r.json.error, 'unsupported_media_type');
    assert.match(r.json.message, /application\/json.*text\/plain/);
    r = await req(srv.url, 'POST', '/api/login', { raw: Buffer.from(body) }); // no Content-Type
    assert.equal(r.status, 415);
    r = await req(srv.url, 'POST', '/api/login', { raw: body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 415);
    r = await req(srv.url, 'POST', '/api/login', { raw: body, headers: { 'Content-Type': 'application/jsonp' } });
    assert.equal(r.status, 415);
    // JSON from another site
    for (const headers of [{ Origin: 'http://evil.example' }, { Origin: 'null' }, { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' }, { Origin: srv.url + '.evil.example' }, { Origin: srv.url.replace(/:\d+$/, ':1') }]) {
      r = await req(srv.url, 'POST', '/api/login', { raw: body, headers: { 'Content-Type': 'application/json', ...headers } });
      assert.equal(r.status, 403, JSON.stringify(headers));
      assert.equal(r.json.error, 'cross_origin');
      assert.match(r.json.message, /拒绝跨站请求/);
    }
    // our own page (as a browser sends it), and a script without either header
    const ok = [
      { Origin: srv.url, 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'none' },
      {},
      { 'Content-Type': 'application/json; charset=utf-8' },
      { 'Content-Type': 'Application/JSON;charset=UTF-8', Origin: srv.url },
    ];
    for (const headers of ok) {
      r = await req(srv.url, 'POST', '/api/login', { raw: body, headers: { 'Content-Type': 'application/json', ...headers } });
      assert.equal(r.status, 200, `${JSON.stringify(headers)}: ${r.text}`);
    }
    // behind the proxy: its X-Forwarded-Host and X-Forwarded-Proto say what the browser saw
    const site = { 'Content-Type': 'application/json', Origin: 'https://jixiao.example.gov.cn', 'X-Forwarded-Host': 'jixiao.example.gov.cn' };
    r = await req(srv.url, 'POST', '/api/login', { raw: body, headers: { ...site, 'X-Forwarded-Proto': 'https' } });
    assert.equal(r.status, 200, r.text);
    r = await req(srv.url, 'POST', '/api/login', { raw: body, headers: { ...site, 'X-Forwarded-Proto': 'http' } });
    assert.equal(r.status, 403);
    // … but only from a trusted proxy: otherwise those headers are the client's own words
    r = await req(plain.url, 'POST', '/api/login', { raw: body, headers: { ...site, 'X-Forwarded-Proto': 'https' } });
    assert.equal(r.status, 403);
    assert.match(r.json.message, /jixiao\.example\.gov\.cn/);
    // refused requests are not failed logins: the account is not slowed down
    for (let i = 0; i < 5; i++)
      assert.equal((await req(plain.url, 'POST', '/api/login', { raw: JSON.stringify({ username: 'reviewer', password: 'x' }) })).status, 415);
    assert.equal((await login(plain.url, 'reviewer', PASSWORD)).status, 200);
  } finally {
    assert.equal(await stopServer(srv), 0);
    assert.equal(await stopServer(plain), 0);
  }
});
