// limits.test.mjs — the server's limits against hostile clients (issue #12), over raw
// sockets: a chunked body that also declares a Content-Length, bodies grown by what
// arrives, the per-address connection limit and the header deadline against slow
// clients, and 414/431 answered at once for long request targets and large headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freshDb, startServer, stopServer, env, PASSWORD } from './lib.mjs';

let db;
const servers = [];

before(() => {
  db = freshDb('limits');
});

after(async () => {
  for (const s of servers) assert.equal(await stopServer(s), 0, 'serve stops cleanly on SIGTERM');
  db.cleanup();
});

async function serve(extra = []) {
  const s = await startServer(db.db, extra);
  servers.push(s);
  return s;
}

/* Send head (and body pieces) on one connection and read until the server closes it or
 * `wait` ms pass.  Returns {status, text, closed, ms, error}. */
function raw(base, head, { pieces = [], wait = 10000, localAddress } = {}) {
  const u = new URL(base);
  return new Promise((resolve) => {
    const t0 = Date.now();
    const chunks = [];
    let done = false;
    const s = net.connect({ port: Number(u.port), host: u.hostname, localAddress });
    const finish = (closed, error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.\d (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text, closed, ms: Date.now() - t0, error });
    };
    const timer = setTimeout(() => finish(false), wait);
    s.on('connect', async () => {
      s.write(head);
      for (const p of pieces) {
        if (s.destroyed) break;
        if (!s.write(p)) await new Promise((r) => s.once('drain', r));
      }
    });
    s.on('data', (d) => chunks.push(d));
    s.on('end', () => finish(true));
    s.on('close', () => finish(true));
    s.on('error', (e) => finish(true, e.code));
  });
}

const json = (text) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
const chunk = (s) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;

async function healthy(base) {
  const r = await raw(base, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { wait: 5000 });
  assert.equal(r.status, 200, 'the server still answers');
}

test('a chunked body that declares Content-Length: 1 is refused at the limit, not written past a 2-byte block', async () => {
  const s = await serve();
  // 3 MB in 64 KiB chunks to a route whose limit is 2 MiB (the reproduction of issue #12)
  const piece = chunk('A'.repeat(65536));
  const pieces = [...Array(46)].map(() => piece);
  pieces.push('0\r\n\r\n');
  const head = 'POST /api/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\nConnection: close\r\n\r\n';
  const r = await raw(s.url, head, { pieces, wait: 30000 });
  assert.equal(r.status, 413, r.text.slice(0, 300));
  assert.match(json(r.text).message, /请求体过大：上限 2097152 字节/);
  // the same without Content-Length at all, to the login (limit 4 KiB)
  const r2 = await raw(s.url, 'POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
    { pieces: [chunk('{"username":"'), chunk('x'.repeat(5000)), chunk('"}'), '0\r\n\r\n'] });
  assert.equal(r2.status, 413, r2.text.slice(0, 300));
  assert.match(json(r2.text).message, /上限 4096 字节/);
  await healthy(s.url);
});

test('a body in any other transfer coding is refused at once, not read until the client gives up', async () => {
  const s = await serve();
  for (const te of ['gzip', 'gzip, chunked', 'chunkedx']) {
    const r = await raw(s.url, `POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${te}\r\n\r\n`, { pieces: ['{"username":"a"'], wait: 5000 });
    assert.equal(r.status, 400, `${te}: ${r.text.slice(0, 200) || 'no answer'}`);
    assert.ok(r.ms < 2000, `at once: ${r.ms} ms`);
    assert.match(json(r.text).message, /不支持的 Transfer-Encoding/);
  }
  await healthy(s.url);
});

test('chunked bodies within the limit arrive whole, in as many pieces as the client likes', async () => {
  const s = await serve();
  // a login in five chunks, with a Content-Length that lies
  const body = JSON.stringify({ username: 'reviewer', password: PASSWORD });
  const parts = [body.slice(0, 3), body.slice(3, 10), body.slice(10, 11), body.slice(11, 30), body.slice(30)].map(chunk);
  let r = await raw(s.url, 'POST /api/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n',
    { pieces: [...parts, '0\r\n\r\n'] });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.equal(json(r.text).username, 'reviewer');
  const cookie = /Set-Cookie: ([^;]+)/i.exec(r.text)[1];
  const csrf = json(r.text).csrf;
  // the seed example (35 KB: the block doubles from 4 KiB) in uneven chunks, and again
  // with Content-Length: the same scores, so every byte arrived in order
  const yaml = readFileSync(path.join(env.source, 'examples/ebian-cppcc-2023.yaml'));
  const cuts = [];
  for (let i = 0; i < yaml.length; i += 3001) cuts.push(Buffer.concat([Buffer.from(`${Math.min(3001, yaml.length - i).toString(16)}\r\n`), yaml.subarray(i, i + 3001), Buffer.from('\r\n')]));
  const auth = `Host: x\r\nCookie: ${cookie}\r\nX-CSRF-Token: ${csrf}\r\nConnection: close\r\n`;
  r = await raw(s.url, `POST /api/check HTTP/1.1\r\n${auth}Transfer-Encoding: chunked\r\n\r\n`, { pieces: [...cuts, '0\r\n\r\n'], wait: 20000 });
  assert.equal(r.status, 200, r.text.slice(0, 300));
  const whole = await raw(s.url, `POST /api/check HTTP/1.1\r\n${auth}Content-Length: ${yaml.length}\r\n\r\n`, { pieces: [yaml], wait: 20000 });
  assert.equal(whole.status, 200);
  assert.match(r.text, /保障职工基本支出和单位正常运转/, 'scored, indicators and all');
  assert.deepEqual(json(r.text), json(whole.text));
});

/* n connections from 127.0.0.1, each having sent one byte of a request head; closed()
 * counts those the server has closed. */
async function trickle(base, n) {
  const u = new URL(base);
  const socks = [];
  let closed = 0;
  await Promise.all([...Array(n)].map(() => new Promise((resolve) => {
    const c = net.connect({ port: Number(u.port), host: '127.0.0.1' }, () => { c.write('G'); resolve(); });
    c.on('close', () => { closed++; resolve(); });
    c.on('error', () => resolve());
    socks.push(c);
  })));
  return { socks, closed: () => closed };
}

test('300 trickling connections from one address do not keep another address out', async () => {
  // --max-connections 256: without a per-address limit the trickling clients take every slot
  const s = await serve(['--max-connections', '256']);
  const { socks, closed } = await trickle(s.url, 300);
  const tick = setInterval(() => { for (const c of socks) if (!c.destroyed) c.write('E'); }, 500);
  try {
    await new Promise((r) => setTimeout(r, 500)); // let the server close the ones over the limit
    for (let i = 0; i < 3; i++) {
      const r = await raw(s.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { localAddress: '127.0.0.2', wait: 3000 });
      assert.equal(r.status, 200, `another address is answered (${r.error || r.text.slice(0, 80)})`);
      assert.ok(r.ms < 1000, `within 1 s: ${r.ms} ms`);
    }
    assert.ok(closed() >= 300 - 32 - 5, `the connections over the per-address limit (32) are closed: ${closed()} closed`);
  } finally {
    clearInterval(tick);
    for (const c of socks) c.destroy();
  }
});

test('behind a trusted proxy (every connection from its address) there is no per-address limit unless asked for', async () => {
  for (const [extra, open] of [[['--trusted-proxy', '127.0.0.1'], 40], [['--trusted-proxy', '127.0.0.1', '--max-connections-per-address', '8'], 8]]) {
    const s = await serve(extra);
    const { socks, closed } = await trickle(s.url, 40);
    await new Promise((r) => setTimeout(r, 500));
    const left = 40 - closed();
    for (const c of socks) c.destroy();
    assert.equal(left, open, `${extra.join(' ')}: ${open} of 40 connections from the proxy stay open (${left})`);
  }
});

test('a connection that keeps sending header bytes is closed at the header deadline', async () => {
  const s = await serve(['--header-timeout', '2']);
  const u = new URL(s.url);
  const t0 = Date.now();
  const closedAfter = await new Promise((resolve) => {
    const c = net.connect({ port: Number(u.port), host: '127.0.0.1' }, () => c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    let n = 0;
    const tick = setInterval(() => { if (!c.destroyed) c.write(`X-${n++}: y\r\n`); }, 200); // never idle
    const end = () => { clearInterval(tick); c.destroy(); resolve(Date.now() - t0); };
    c.on('close', end);
    c.on('error', end);
    setTimeout(end, 10000);
  });
  assert.ok(closedAfter >= 1800 && closedAfter < 5000, `closed after ${closedAfter} ms (deadline 2 s, swept each second)`);
  // headers completed within the deadline, if slowly, are answered; so is a second request
  // on the same connection soon after the first answer
  const slow = await new Promise((resolve) => {
    const c = net.connect({ port: Number(u.port), host: '127.0.0.1' });
    let text = '';
    c.on('data', (d) => {
      text += d;
      if ((text.match(/HTTP\/1\.1 200/g) || []).length === 2) { c.destroy(); resolve(text); }
    });
    c.on('close', () => resolve(text));
    c.on('connect', async () => {
      for (const line of ['GET /healthz HTTP/1.1\r\n', 'Host: x\r\n', 'X-A: b\r\n', '\r\n']) {
        c.write(line);
        await new Promise((res) => setTimeout(res, 300));
      }
      await new Promise((res) => setTimeout(res, 1000));
      c.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    });
  });
  assert.equal((slow.match(/HTTP\/1\.1 200/g) || []).length, 2, slow.slice(0, 300));
});

test('a long request target or large headers are answered 414/431 at once, in Chinese', async () => {
  const s = await serve();
  const q = [...Array(500)].map((_, i) => `p${i}=v${i}`).join('&');
  let r = await raw(s.url, `GET /api/public/years?${q} HTTP/1.1\r\nHost: x\r\n\r\n`, { wait: 5000 });
  assert.equal(r.status, 414, `500 query parameters (${q.length} bytes): ${r.text.slice(0, 200) || 'no answer'}`);
  assert.ok(r.ms < 2000, `at once: ${r.ms} ms`);
  assert.match(json(r.text).message, /请求地址过长：\d+ 字节、500 个查询参数，上限 8192 字节、64 个参数/);
  r = await raw(s.url, `GET /public/${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`, { wait: 5000 });
  assert.equal(r.status, 414);
  assert.match(json(r.text).message, /请求地址过长：9008 字节/);
  r = await raw(s.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`, { wait: 5000 });
  assert.equal(r.status, 431);
  assert.match(json(r.text).message, /请求头过大：\d+ 字节，上限 16384 字节/);
  // past the connection's memory (64 KiB) libmicrohttpd answers 431 itself, also at once
  r = await raw(s.url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100000)}\r\n\r\n`, { wait: 5000 });
  assert.equal(r.status, 431);
  assert.ok(r.ms < 2000, `at once: ${r.ms} ms`);
  // many small headers that fill the memory with their records
  const many = [...Array(3000)].map((_, i) => `X-${i}: v`).join('\r\n');
  r = await raw(s.url, `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\n\r\n`, { wait: 5000 });
  assert.equal(r.status, 431, r.text.slice(0, 200) || 'no answer');
  // within the limits: 64 parameters and a 12 KB header are fine
  const q64 = [...Array(64)].map((_, i) => `p${i}=v`).join('&');
  r = await raw(s.url, `GET /api/public/years?${q64} HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(12000)}\r\nConnection: close\r\n\r\n`);
  assert.equal(r.status, 200, r.text.slice(0, 200));
  await healthy(s.url);
});

test('serve refuses a bad value of the new options, in Chinese', () => {
  for (const [opt, v] of [['--header-timeout', '0'], ['--header-timeout', 'x'], ['--max-connections-per-address', '-1']]) {
    let code = 0, err = '';
    try {
      execFileSync(env.jixiao, ['serve', '--db', db.db, '--listen', '127.0.0.1:0', opt, v], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) { code = e.status; err = e.stderr.toString(); }
    assert.equal(code, 2, `${opt} ${v}`);
    assert.match(err, new RegExp(`${opt} 的值“${v}”不对：应为 \\d+ 到 \\d+ 之间的整数`));
  }
});
