// shared.test.mjs — two `jixiao serve` processes on one database (PostgreSQL when
// JX_PG_URL is set, else one SQLite file): the server keeps no state of its own, so a
// session opened on one works on the other, a write on one is seen by the other, the
// login throttle counts across both, and logging out on one ends it on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { env, freshDb, startServer, stopServer, req, login } from './lib.mjs';

let db, a, b;
/* the servers' connections carry a name of this test's own: dropping connections below
 * drops theirs only, never those of the other tests sharing the cluster's database */
const APP = `jx_shared_${process.pid}`;

before(async () => {
  db = freshDb('shared');
  const url = env.pg ? `${db.db}&application_name=${APP}` : db.db;
  [a, b] = await Promise.all([startServer(url), startServer(url)]);
});

after(async () => {
  assert.equal(await stopServer(a), 0);
  assert.equal(await stopServer(b), 0);
  db.cleanup();
});

test(`a session opened on one process works on the other (${env.pg ? 'PostgreSQL' : 'SQLite'})`, async () => {
  assert.notEqual(a.url, b.url);
  const s = await login(a.url, 'officer1');
  const me = await req(b.url, 'GET', '/api/me', { session: s });
  assert.equal(me.status, 200);
  assert.equal(me.json.username, 'officer1');
  // a write with the CSRF token of the session, on the other process
  const years = (await req(b.url, 'GET', '/api/years', { session: s })).json.years;
  const y = years.find((x) => x.year === 2023);
  const detail = (await req(a.url, 'GET', `/api/years/${y.id}`, { session: s })).json;
  const i = detail.indicators.findIndex((x) => /^[0-9.]+$/.test(x.target));
  const put = await req(b.url, 'PUT', `/api/years/${y.id}`, { session: s, body: { base_version: y.version, indicators: [{ index: i, actual: '1' }] } });
  assert.equal(put.status, 200, put.text);
  // seen by the first process at once; the stale edit is refused there
  const again = (await req(a.url, 'GET', `/api/years/${y.id}`, { session: s })).json;
  assert.equal(again.year.version, y.version + 1);
  assert.equal((await req(a.url, 'PUT', `/api/years/${y.id}`, { session: s, body: { base_version: y.version, indicators: [] } })).status, 409);
  // evidence uploaded through one, downloaded through the other
  const up = await req(a.url, 'POST', `/api/years/${y.id}/evidence?indicator=${i}&name=x.txt`, { session: s, raw: 'shared bytes' });
  assert.equal(up.status, 201);
  assert.equal((await req(b.url, 'GET', `/api/evidence/${up.json.id}`, { session: s })).text, 'shared bytes');
  // logout on b ends the session on a
  assert.equal((await req(b.url, 'POST', '/api/logout', { session: s, body: {} })).status, 200);
  assert.equal((await req(a.url, 'GET', '/api/me', { session: s })).status, 401);
});

test('the login throttle counts failures on both processes', async () => {
  for (let i = 0; i < 5; i++) {
    const srv = i % 2 ? a : b;
    assert.equal((await req(srv.url, 'POST', '/api/login', { body: { username: 'officer2', password: 'nope' + i } })).status, 401);
  }
  // then a wait of 2 s, doubled per further failure (a slow machine may see a guess or two more evaluated)
  let r;
  for (let i = 5; i < 12; i++) {
    r = await req((i % 2 ? a : b).url, 'POST', '/api/login', { body: { username: 'officer2', password: 'nope' + i } });
    if (r.status === 429 && Number(r.headers.get('retry-after')) >= 2) break;
  }
  assert.equal(r.status, 429);
  assert.equal((await req(a.url, 'POST', '/api/login', { body: { username: 'officer2', password: 'test-password-1' } })).status, 429);
  assert.equal((await req(b.url, 'POST', '/api/login', { body: { username: 'officer2', password: 'test-password-1' } })).status, 429);
});

test('after PostgreSQL drops the connections, the servers reconnect by themselves', { skip: !env.pg && 'PostgreSQL only' }, async () => {
  const { execFileSync } = await import('node:child_process');
  assert.equal((await req(a.url, 'GET', '/api/public/years')).status, 200);
  const killed = execFileSync('psql', ['-q', '-X', '-A', '-t', env.pg, '-c',
    `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '${APP}'`]).toString().trim();
  assert.ok(Number(killed) >= 1, `the servers' connections were dropped (${killed})`);
  const seen = [];
  for (let i = 0; i < 6; i++) seen.push((await req(a.url, 'GET', '/api/public/years')).status);
  assert.ok(seen.every((s) => s === 200 || s === 503), seen.join(' '));
  assert.deepEqual(seen.slice(-3), [200, 200, 200], seen.join(' '));
});
