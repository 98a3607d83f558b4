// lib.mjs — shared helpers of the web tests: a seeded database, `jixiao serve` processes
// on loopback (port 0, the real port read from its first line), logging in, requests.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';

export const PASSWORD = 'test-password-1';
export const env = {
  jixiao: process.env.JIXIAO,
  seed: process.env.JX_SEED,
  source: process.env.JX_SOURCE_DIR,
  pg: process.env.JX_PG_URL || '',
  artifacts: process.env.JX_ARTIFACTS || tmpdir(),
};
for (const k of ['jixiao', 'seed', 'source']) if (!env[k]) throw new Error(`environment: ${k} not set (JIXIAO, JX_SEED, JX_SOURCE_DIR)`);

/* A fresh seeded database: SQLite in a temporary directory, or a new schema of the
 * PostgreSQL cluster named by JX_PG_URL (scripts/pg-test-server.sh newdb). */
/* A database of its own, seeded (tests/web/seed.c); chain: false leaves out the approval
 * chain's 主管部门 and unit (the world some tests count). */
export function freshDb(name, { chain = true } = {}) {
  let db, cleanup;
  if (env.pg) {
    db = execFileSync('bash', [path.join(env.source, 'scripts/pg-test-server.sh'), 'newdb', env.pg, name + '_' + process.pid]).toString().trim();
    cleanup = () => {};
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'jx-web-'));
    db = path.join(dir, 'web.db');
    cleanup = () => rmSync(dir, { recursive: true, force: true });
  }
  execFileSync(env.seed, [db, env.source, ...(chain ? [] : ['--without-chain'])], { stdio: ['ignore', 'inherit', 'inherit'] });
  return { db, cleanup };
}

export function startServer(db, extra = []) {
  return new Promise((resolve, reject) => {
    // JX_SERVE_WRAPPER: e.g. valgrind, for `make valgrind` (its errors make serve exit non-zero)
    const wrap = (process.env.JX_SERVE_WRAPPER || '').split(' ').filter(Boolean);
    const argv = [...wrap, env.jixiao, 'serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2', ...extra];
    const proc = spawn(argv[0], argv.slice(1),
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, JIXIAO_FRAMEWORKS: path.join(env.source, 'frameworks') } });
    let err = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('serve did not start: ' + err)); }, wrap.length ? 120000 : 20000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /正在监听 (http:\/\/[^ ]+?)\/? /.exec(err);
      if (m && !proc.url) {
        clearTimeout(timer);
        proc.url = m[1].replace(/\/$/, '');
        resolve(proc);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (!proc.url) reject(new Error(`serve exited ${code}: ${err}`));
      else if (code !== 0) console.error(`serve exited ${code}; its stderr:\n${err.slice(-20000)}`);
    });
  });
}

export function stopServer(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve(proc.exitCode);
    proc.on('exit', (code, sig) => resolve(code ?? sig));
    proc.kill('SIGTERM');
  });
}

/* fetch with an optional session {cookie, csrf}; returns {status, headers, json, text, bytes}. */
export async function req(base, method, p, { session, body, raw, csrf = true, headers = {} } = {}) {
  const h = { ...headers };
  if (session) h.Cookie = session.cookie;
  if (session && csrf && method !== 'GET') h['X-CSRF-Token'] = session.csrf;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = typeof body === 'string' ? body : JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const res = await fetch(base + p, { method, headers: h, body: payload, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let json = null;
  if ((res.headers.get('content-type') || '').startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, json, text, bytes };
}

export async function login(base, username, password = PASSWORD) {
  const r = await req(base, 'POST', '/api/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: r.json.csrf, me: r.json, setCookie: r.headers.get('set-cookie') };
}

/* A request with the path sent byte for byte (fetch would normalise "..", "%2e"). */
export function rawGet(base, rawPath, method = 'GET') {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.write(`${method} ${rawPath} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n\r\n`));
    let data = '';
    s.on('data', (d) => { data += d; });
    s.on('end', () => resolve({ status: Number(data.split(' ')[1]), text: data }));
    s.on('error', reject);
  });
}
