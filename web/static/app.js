/* app.js — the workbench's core: state, DOM helper, the API call, messages, navigation, log in,
 * the list of department-years and the router.  Each page lives in its own file (year.js,
 * approve.js, review.js, decl.js, monitor.js) and registers its views in VIEWS; index.html loads them
 * after this one.  It speaks only the JSON API (docs/api.md).  Text from the server is
 * always put in the page with textContent, never as HTML. */
'use strict';

const state = { me: null, edits: new Map(), year: null, timer: null, seq: 0 };
const STATUS = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已审核通过', published: '已公开' };
const FORMATS = ['html', 'pdf', 'docx', 'xlsx', 'md'];
/* the indicator fields as the form's column headings name them (aria-labels) */
const FIELD_LABEL = { target: '指标值', weight: '权重', actual: '实际完成值', score: '自评分', deviation_note: '偏差原因' };

/* h('tag.class', {attr: v, onclick: f}, child…): DOM from data; strings become text. */
function h(spec, attrs, ...kids) {
  const [tag, ...cls] = spec.split('.');
  const el = document.createElement(tag);
  if (cls.length) el.className = cls.join(' ');
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) el.append(k instanceof Node ? k : String(k));
  return el;
}

async function api(method, path, body, raw) {
  const headers = {};
  if (method !== 'GET' && state.me) headers['X-CSRF-Token'] = state.me.csrf;
  let payload;
  if (raw) { payload = body; headers['Content-Type'] = 'application/octet-stream'; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  const seq = state.routeSeq;
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  /* a page's data that arrives after the user went to another page is not drawn */
  if (method === 'GET' && seq !== state.routeSeq) throw Object.assign(new Error('stale'), { stale: true });
  const type = res.headers.get('Content-Type') || '';
  const data = type.startsWith('application/json') ? await res.json() : await res.text();
  if (res.status === 401 && path !== '/api/login') { state.me = null; location.hash = '#/login'; }
  if (!res.ok) throw Object.assign(new Error((data && data.message) || ('HTTP ' + res.status)), { status: res.status, data });
  return data;
}

function flash(text, bad) {
  const f = document.getElementById('flash');
  f.textContent = text;
  f.className = bad ? 'flash bad' : 'flash';
  f.hidden = !text;
  if (text && !bad) setTimeout(() => { if (f.textContent === text) f.hidden = true; }, 4000);
}

/* A time from the server (UTC, "2023-10-05T02:00:00Z" or "2023-10-05 02:00:00") as Asia/Shanghai
 * local time, "2023-10-05 10:00"; a date alone or an unreadable text is shown as it is. */
function localTime(s) {
  if (!s || !/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) return s || '';
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : s.replace(' ', 'T') + 'Z');
  if (Number.isNaN(d.getTime())) return s;
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}
/* A size in bytes as MB with two decimals ("0.01 MB"); under 10 KB also as KB. */
function fmtSize(bytes) {
  const n = Number(bytes) || 0;
  return (n / 1048576).toFixed(2) + ' MB' + (n < 10240 ? `（${(n / 1024).toFixed(1)} KB）` : '');
}
/* Mark a button busy while f runs (disabled, aria-busy, its text while busy); a second click is ignored. */
async function busy(btn, text, f) {
  if (!btn || btn.getAttribute('aria-busy')) return undefined;
  const label = btn.textContent;
  btn.setAttribute('aria-busy', 'true'); btn.disabled = true; if (text) btn.textContent = text;
  try { return await f(); } finally { btn.removeAttribute('aria-busy'); btn.disabled = false; btn.textContent = label; }
}

const can = (p) => !!(state.me && state.me.permissions.includes(p));
const main = () => document.getElementById('main');
/* a status; a submitted year also says whose approval it awaits: 已提交（待主管部门审核） */
const badge = (s, awaiting) => h('span.badge.st-' + s, {}, (STATUS[s] || s) + (awaiting ? `（${awaiting}）` : ''));
const show = (...nodes) => { main().replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false)); };

function renderNav() {
  const nav = document.getElementById('nav'), who = document.getElementById('who');
  const here = location.hash.split('/')[1] || '';
  const link = (hash, text) => h('a' + (here === hash || here + 's' === hash ? '.on' : ''), { href: '#/' + hash }, text);
  nav.replaceChildren();
  who.replaceChildren();
  if (!state.me) { nav.append(h('a', { href: '/public/' }, '公开报告')); return; }
  nav.append(link('todo', '待办'));
  nav.append(link('years', can('read_all') ? '全部数据' : '本部门填报'));
  if (can('review')) nav.append(link('desk', '复核工作台'));
  if (can('approve')) nav.append(link('approvals', '年度审核'));
  nav.append(link('targets', can('review') ? '绩效目标审核' : '绩效目标'));
  if (can('review')) nav.append(link('mondesk', '运行监控'));
  else if (state.me.department) nav.append(link('monitor', '运行监控'));
  if (can('dashboard')) nav.append(link('dashboard', '统计图表'));
  if (can('rectify')) nav.append(link('rect', '整改跟踪'));
  if (can('admin')) nav.append(link('users', '账号'));
  nav.append(h('a', { href: '/public/' }, '公开报告'));
  who.append(`${state.me.display}（${state.me.role_label}${state.me.department_name ? '·' + state.me.department_name : ''}）`,
    h('button', { type: 'button', id: 'logout', onclick: logout }, '退出'));
}

async function logout() {
  try { await api('POST', '/api/logout', {}); } catch (e) { /* already gone */ }
  state.me = null;
  location.hash = '#/login';
}

/* ---- log in ---------------------------------------------------------------------------- */
function viewLogin() {
  const err = h('p.error', { role: 'alert' });
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form.card.login', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      err.textContent = '';
      try {
        state.me = await api('POST', '/api/login', { username: user.value, password: pass.value });
        location.hash = can('review') ? '#/desk' : '#/years';
      } catch (e) { err.textContent = e.message; }
    }
  }, h('h1', {}, '登录'), h('label', { for: 'username' }, '账号'), user, h('label', { for: 'password' }, '口令'), pass,
  h('button.primary', { type: 'submit', id: 'login' }, '登录'), err,
  h('p.muted', {}, '公开的报告无需登录：', h('a', { href: '/public/' }, '浏览公开报告')));
  show(form);
  user.focus();
}

/* ---- department-years ---------------------------------------------------------------- */
/* Where a total would be when something that carries points was not scored: no total, no grade. */
function incompleteText(y) {
  const n = y.unscored ?? '若干';
  const pts = y.unscored_points != null ? `，共 ${y.unscored_points} 分无法计算` : '';
  const part = y.partial_total != null ? `；已计分部分合计 ${y.partial_total}` : '';
  return `不完整：${n} 项未计分${pts}${part}`;
}
function totalCell(y) {
  if (y.complete === false) return [h('span.incomplete', { title: incompleteText(y) }, '不完整'), h('div.deriv', {}, `${y.unscored ?? ''} 项未计分`)];
  return [y.total ?? '—', y.grade ? ' ' + y.grade : ''];
}

function yearsTable(rows, withFlags) {
  const head = h('tr', {}, h('th', {}, '部门'), h(withFlags ? 'th.hide-phone' : 'th', {}, '年度'), h('th.hide-phone', {}, '类型'), h('th', {}, '状态'),
    h('th.r', {}, '计算得分'), h('th.r.hide-phone', {}, '自评得分'), h('th.r.hide-phone', {}, '执行率%'), h('th.hide-phone', {}, '版本'),
    withFlags ? h('th', {}, '提示') : null);
  const body = rows.map((y) => h('tr', {},
    h('td', {}, h('a', { href: '#/year/' + y.id }, y.department_name)), h(withFlags ? 'td.hide-phone' : 'td', {}, y.year),
    h('td.hide-phone', {}, y.kind === 'department' ? '部门整体' : y.kind.replace(/^project:/, '项目：')),
    h('td', {}, badge(y.status, y.awaiting)), h('td.r', {}, ...totalCell(y)),
    h('td.r.hide-phone', {}, y.stated_total ?? '—'), h('td.r.hide-phone', {}, y.execution_rate ?? '—'),
    h('td.hide-phone', {}, '第 ' + y.version + ' 版'),
    withFlags ? h('td', {}, y.flags.map((f) => h('span.flag', {}, f))) : null));
  return h('div.table-scroll', {}, h('table.grid', {}, h('thead', {}, head), h('tbody', {}, body)));
}

/* ---- lists of many pages -------------------------------------------------------------- */
const LIST_PER = [20, 50, 100, 200];

/* The list at base (#/desk, #/years) with params changed (an empty value removes one). */
function listGo(base, params, changes) {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) { if (v === '' || v == null) p.delete(k); else p.set(k, v); }
  location.hash = base + '?' + p.toString();
}

/* The pager of the list at base: previous, "第 n / m 页（共 t 条）", next, rows per page. */
function pager(base, params, total, page, per) {
  const pages = Math.max(1, Math.ceil(total / per));
  const perSel = h('select', { 'aria-label': '每页行数', id: 'per', onchange: () => listGo(base, params, { per: perSel.value, page: '' }) },
    /* a size from the address that is not among the choices (per=1) is shown as itself, not as the first choice */
    [...new Set([...LIST_PER, per])].sort((a, b) => a - b).map((n) => h('option', { value: n, selected: n === per }, `每页 ${n} 条`)));
  return h('nav.pager', { 'aria-label': '分页' },
    h('button', { type: 'button', id: 'page-prev', disabled: page <= 1, onclick: () => listGo(base, params, { page: page - 1 }) }, '上一页'),
    h('span', { id: 'page-info' }, ` 第 ${page} / ${pages} 页（共 ${total} 条） `),
    h('button', { type: 'button', id: 'page-next', disabled: page >= pages, onclick: () => listGo(base, params, { page: page + 1 }) }, '下一页'),
    ' ', perSel);
}

/* The caller's department-years, a page at a time (a head of a 主管部门 sees its units' too). */
async function viewYears() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const q = new URLSearchParams();
  for (const k of ['page', 'per']) if (params.get(k)) q.set(k, params.get(k));
  const d = await api('GET', '/api/years?' + q.toString());
  const units = d.years.some((y) => y.department !== state.me.department);
  const title = can('read_all') ? '全部部门年度数据'
    : `${units ? '本部门及下属单位填报' : '本部门填报'}（${state.me.department_name || ''}）`;
  show(h('h1', {}, title),
    d.years.length ? yearsTable(d.years, false) : h('p.muted', {}, d.total ? '这一页没有数据。' : '还没有数据。本年度的文件由财政局或管理员导入后，会列在这里。'),
    d.total > d.per || d.page > 1 || params.has('per') ? pager('#/years', params, d.total, d.page, d.per) : null);
}

/* ---- routing ------------------------------------------------------------------------------ */
/* VIEWS[first path part] = (parts) => render; the page files add their own entries. */
const VIEWS = {
  login: () => viewLogin(),
  years: () => viewYears(),
};

async function route() {
  state.routeSeq = (state.routeSeq || 0) + 1;
  const hash = location.hash || '#/';
  const [path] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  if (!state.me && parts[0] !== 'login') {
    try { state.me = await api('GET', '/api/me'); } catch (e) { state.me = null; }
    if (!state.me) { location.hash = '#/login'; return; }
  }
  renderNav();
  /* a page that takes a moment says so: 正在加载… over the old page until the new one is drawn */
  const seq = state.routeSeq;
  const slow = setTimeout(() => { if (seq === state.routeSeq) main().setAttribute('aria-busy', 'true'); }, 150);
  try {
    const view = Object.prototype.hasOwnProperty.call(VIEWS, parts[0]) ? VIEWS[parts[0]] : null;
    if (view) return await view(parts);
    location.hash = can('review') ? '#/desk' : '#/years';
  } catch (e) {
    if (e.stale) return;
    if (e.status !== 401) show(h('p.error', {}, e.message));
  } finally {
    clearTimeout(slow);
    if (seq === state.routeSeq) main().removeAttribute('aria-busy');
  }
}

window.addEventListener('hashchange', () => { flash(state.flashNext || ''); state.flashNext = null; route(); });
window.addEventListener('DOMContentLoaded', route);
