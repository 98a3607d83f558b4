/* app.js — the workbench of jixiao serve: the department's form, the bureau's desk,
 * dashboard and rectification.  It speaks only the JSON API (docs/api.md).  Text from the
 * server is always put in the page with textContent, never as HTML. */
'use strict';

const state = { me: null, edits: new Map(), year: null, timer: null, seq: 0 };
const STATUS = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已通过', published: '已公开' };
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

const can = (p) => !!(state.me && state.me.permissions.includes(p));
const main = () => document.getElementById('main');
const badge = (s) => h('span.badge.st-' + s, {}, STATUS[s] || s);
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
  const head = h('tr', {}, h('th', {}, '部门'), h(withFlags ? 'th.hide-phone' : 'th', {}, '年度'), h('th.hide-phone', {}, '类别'), h('th', {}, '状态'),
    h('th.r', {}, '计算得分'), h('th.r.hide-phone', {}, '自评得分'), h('th.r.hide-phone', {}, '执行率%'), h('th.hide-phone', {}, '版本'),
    withFlags ? h('th', {}, '提示') : null);
  const body = rows.map((y) => h('tr', {},
    h('td', {}, h('a', { href: '#/year/' + y.id }, y.department_name)), h(withFlags ? 'td.hide-phone' : 'td', {}, y.year),
    h('td.hide-phone', {}, y.kind === 'department' ? '部门整体' : y.kind.replace(/^project:/, '项目：')),
    h('td', {}, badge(y.status)), h('td.r', {}, ...totalCell(y)),
    h('td.r.hide-phone', {}, y.stated_total ?? '—'), h('td.r.hide-phone', {}, y.execution_rate ?? '—'),
    h('td.hide-phone', {}, '第 ' + y.version + ' 版'),
    withFlags ? h('td', {}, y.flags.map((f) => h('span.flag', {}, f))) : null));
  return h('div.table-scroll', {}, h('table.grid', {}, h('thead', {}, head), h('tbody', {}, body)));
}

async function viewYears() {
  const d = await api('GET', '/api/years');
  show(h('h1', {}, can('read_all') ? '全部部门年度数据' : `本部门填报（${state.me.department_name || ''}）`),
    d.years.length ? yearsTable(d.years, false) : h('p.muted', {}, '还没有数据。本年度的文件由财政局或管理员导入后，会列在这里。'));
}

/* ---- one department-year: the form ---------------------------------------------------- */
function fieldInput(ind, key, wide, enabled) {
  const cur = state.edits.get(ind.index)?.[key];
  const value = cur !== undefined ? cur : ind[key];
  return h('input.cell' + (wide ? '.wide' : ''), {
    value, disabled: !enabled, title: value, 'aria-label': `${ind.name} ${FIELD_LABEL[key] || key}`, 'data-index': ind.index, 'data-key': key,
    oninput: (ev) => {
      const e = state.edits.get(ind.index) || {};
      e[key] = ev.target.value;
      state.edits.set(ind.index, e);
      ev.target.closest('tr').classList.add('changed');
      scheduleCheck();
    }
  });
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(liveCheck, 350);
  document.getElementById('save')?.removeAttribute('disabled');
}

function editsBody() {
  return { indicators: [...state.edits.entries()].map(([index, e]) => ({ index, ...e })) };
}

async function liveCheck() {
  const seq = ++state.seq;
  try {
    const d = await api('POST', `/api/years/${state.year.year.id}/check`, editsBody());
    if (seq !== state.seq) return; /* a newer check is on its way */
    paintEvaluation(d.evaluation, true);
  } catch (e) { flash(e.message, true); }
}

function paintEvaluation(ev, live) {
  const tot = document.getElementById('total');
  if (tot) {
    const changed = !!live && state.edits.size > 0;
    tot.textContent = ev.complete === false ? '不完整' : ev.total ?? '—';
    tot.title = ev.complete === false ? incompleteText(ev) + '（不计算总分和等级）' : '';
    const it = document.getElementById('indicator-total');
    it.textContent = ev.indicator_total ?? '—';
    document.getElementById('indicator-weight').textContent = ev.indicator_weight ? ' / ' + ev.indicator_weight : '';
    tot.classList.toggle('changed', changed);
    it.classList.toggle('changed', changed);
    document.getElementById('grade').textContent = ev.complete === false ? incompleteText(ev) + '（不计算总分和等级）'
      : ev.grade ? '等级：' + ev.grade : '';
    document.getElementById('exec-rate').textContent = ev.execution_rate ? `预算执行率 ${ev.execution_rate}%` : '';
  }
  const scores = ev.indicators || [];
  document.querySelectorAll('[data-score]').forEach((td) => {
    const s = scores[Number(td.dataset.score)];
    /* replaceChildren writes a null as the text "null": only the parts that exist */
    td.replaceChildren(...[s ? h('span', {}, s.score ?? '—') : '—',
      s && s.attainment ? h('div.deriv.att-' + s.attainment, {}, s.attainment) : null,
      s && s.derivation ? h('div.deriv', {}, s.derivation) : null].filter((n) => n !== null));
  });
  const list = document.getElementById('diags');
  if (list) {
    const ds = ev.diagnostics || [];
    list.replaceChildren(...(ds.length ? ds.map((g) => h('li.' + g.severity, {}, `${g.code} 第 ${g.line} 行：${g.message}`))
      : [h('li.note', {}, '没有发现问题')]));
    document.getElementById('diag-count').textContent = `（错误 ${ds.filter((g) => g.severity === 'error').length}，警告 ${ds.filter((g) => g.severity === 'warning').length}）`;
  }
}

async function uploadEvidence(y, ind, input) {
  const file = input.files[0];
  if (!file) return;
  try {
    await api('POST', `/api/years/${y.year.id}/evidence?indicator=${ind.index}&name=${encodeURIComponent(file.name)}`, await file.arrayBuffer(), true);
    await route();
    flash('已上传：' + file.name);
  } catch (e) { flash(e.message, true); }
}

async function deleteEvidence(e) {
  if (!confirm(`删除佐证材料“${e.name}”？`)) return;
  try {
    await api('DELETE', '/api/evidence/' + e.id);
    await route();
    flash('已删除：' + e.name);
  } catch (err) { flash(err.message, true); }
}

async function act(y, action, body) {
  try {
    await api('POST', `/api/years/${y.year.id}/${action}`, { version: y.year.version, ...(body || {}) });
    await route();
    flash({ submit: '已提交', return: '已退回', approve: '已审核通过', publish: '已公开', 'send-back': '已退回填报人' }[action] || '完成');
  } catch (e) { flash(e.message, true); }
}

async function viewYear(id) {
  const y = await api('GET', '/api/years/' + id);
  state.year = y;
  state.edits = new Map();
  const yr = y.year, ev = y.evaluation;
  const own = state.me.department === yr.department, open = yr.status === 'draft' || yr.status === 'returned';
  const editable = can('edit') && own && open;
  /* the department head reads a year before it goes to the bureau: send back or approve */
  const headReview = can('send_back') && own && open;
  const reviewing = (can('review') && yr.status === 'submitted') || headReview;
  const comments = new Map();
  const byIndicator = (name) => y.comments.filter((c) => c.indicator === name);

  const rows = y.indicators.map((ind) => {
    const ev2 = y.evidence.filter((e) => e.indicator === ind.index);
    const commentBox = reviewing ? h('textarea', {
      rows: 1, placeholder: '对此指标的意见', 'aria-label': '对“' + ind.name + '”的意见', 'data-comment': ind.name,
      oninput: (e) => comments.set(ind.name, e.target.value)
    }) : null;
    const upload = editable ? h('label.btn.upload', {}, '上传…', h('input', {
      type: 'file', 'aria-label': '上传“' + ind.name + '”的佐证材料', 'data-upload': ind.index, onchange: (e) => uploadEvidence(y, ind, e.target)
    })) : null;
    return h('tr', {},
      h('td.kind', {}, ind.level1, h('div.deriv', {}, ind.level2)),
      h('td.name', {}, ind.name, ind.assumed ? h('div.deriv', {}, '（实际值为假设）') : null,
        byIndicator(ind.name).map((c) => h('div.comment', {}, `${c.who}：${c.text}`)), commentBox),
      h('td', { 'data-label': '性质' }, ind.nature),
      h('td', { 'data-label': '指标值' }, fieldInput(ind, 'target', false, editable), ' ', ind.unit),
      h('td', { 'data-label': '权重' }, fieldInput(ind, 'weight', false, editable)),
      h('td', { 'data-label': '实际完成值' }, fieldInput(ind, 'actual', true, editable)),
      h('td', { 'data-label': '自评分' }, fieldInput(ind, 'score', false, editable)),
      h('td.r', { 'data-score': ind.index, 'data-label': '计算得分' }),
      h('td', { 'data-label': '偏差原因' }, fieldInput(ind, 'deviation_note', true, editable)),
      h('td.evidence', { 'data-label': '佐证材料' }, ev2.map((e) => h('span.ev', {}, h('a', { href: '/api/evidence/' + e.id }, e.name),
        editable ? h('button.del', { type: 'button', title: '删除', 'aria-label': '删除“' + e.name + '”', 'data-delete': e.id, onclick: () => deleteEvidence(e) }, '删除') : null)), upload));
  });

  const actions = h('div.actions', {});
  if (editable) {
    actions.append(h('button.primary', {
      type: 'button', id: 'save', disabled: true, onclick: async () => {
        try {
          const r = await api('PUT', '/api/years/' + yr.id, { base_version: yr.version, ...editsBody() });
          await route();
          flash(r.unchanged ? '没有变化' : `已保存为第 ${r.version} 版` + (r.errors ? `（有 ${r.errors} 个错误，提交前请改正）` : ''));
        } catch (e) { flash(e.message, true); }
      }
    }, '保存'));
  }
  if (can('submit') && open && (can('read_all') || own) && !headReview)
    actions.append(h('button', { type: 'button', id: 'submit', onclick: () => state.edits.size ? flash('请先保存修改', true) : act(y, 'submit') }, '提交审核'));
  if (reviewing) {
    const general = h('textarea', { id: 'general-comment', rows: 2, placeholder: '总体意见（退回时必填，可只写在指标旁）', 'aria-label': '总体意见' });
    const collect = () => {
      const cs = [...comments.entries()].filter(([, t]) => t.trim()).map(([indicator, text]) => ({ indicator, text }));
      if (general.value.trim()) cs.push({ text: general.value });
      return cs;
    };
    if (headReview) {
      general.placeholder = '给填报人的意见（退回时必填，可只写在指标旁）';
      actions.append(general, h('button.danger', { type: 'button', id: 'send-back', onclick: () => act(y, 'send-back', { comments: collect() }) }, '退回填报人'),
        h('button.primary', { type: 'button', id: 'head-approve', onclick: () => act(y, 'submit', { comments: collect() }) }, '审核通过并报送财政局'));
    } else {
      actions.append(general, h('button.danger', { type: 'button', id: 'return', onclick: () => act(y, 'return', { comments: collect() }) }, '退回修改'),
        h('button.primary', { type: 'button', id: 'approve', onclick: () => act(y, 'approve', { comments: collect() }) }, '审核通过'));
    }
  }
  if (can('publish') && yr.status === 'approved')
    actions.append(h('button.primary', { type: 'button', id: 'publish', onclick: () => act(y, 'publish') }, '公开'));
  if (yr.status === 'published') actions.append(h('a.btn', { href: '/public/' + yr.id, id: 'public-link' }, '查看公开页面'));

  const reports = h('div.actions', {}, h('span.muted', {}, '报告：'),
    h('a.btn', { href: `/api/years/${yr.id}/report/html`, target: '_blank', rel: 'noopener', id: 'preview' }, '预览'),
    FORMATS.map((f) => h('a.btn', { href: `/api/years/${yr.id}/report/${f}?download=1` }, f.toUpperCase())));

  const general = y.comments.filter((c) => !c.indicator);
  const rect = y.rectifications.length || (can('rectify') && yr.status === 'published') ? h('div.card', {},
    h('h2', {}, '整改事项'),
    h('ul', {}, y.rectifications.map((r) => h('li', {}, r.item, ' ', r.closed_at ? h('span.muted', {}, `（已关闭：${r.closing_note}）`) : h('span.flag', {}, '未关闭')))),
    can('rectify') && yr.status === 'published' ? rectForm(yr.id) : null) : null;

  show(h('h1', {}, `${yr.department_name} ${yr.year} 年度`, ' ', badge(yr.status)),
    h('div.card', {},
      h('div.summary', {}, h('span', {}, '总分 ', h('span.total', { id: 'total' }, ev.total ?? '—')), h('span', { id: 'grade' }),
        h('span', {}, '指标得分 ', h('span.total', { id: 'indicator-total' }), h('span', { id: 'indicator-weight' })),
        h('span', { id: 'exec-rate' }),
        h('span.muted', {}, `第 ${yr.version} 版 · 更新于 ${yr.updated_at}`)),
      actions, reports),
    general.length ? h('div.card', {}, h('h2', {}, '复核意见'), general.map((c) => h('div.comment', {}, `${c.who}（${c.at}）：${c.text}`))) : null,
    h('div.table-scroll', {}, h('table.grid', { id: 'indicators' },
      h('thead', {}, h('tr', {}, h('th', {}, '一级/二级指标'), h('th', {}, '三级指标'), h('th', {}, '性质'), h('th', {}, '指标值'),
        h('th', {}, '权重'), h('th', {}, '实际完成值'), h('th', {}, '自评分'), h('th.r', {}, '计算得分'), h('th.hide-phone', {}, '偏差原因'), h('th', {}, '佐证材料'))),
      h('tbody', {}, rows))),
    h('div.card', {}, h('h2', {}, '检查结果 ', h('span.muted', { id: 'diag-count' })), h('ul.diags', { id: 'diags' })),
    rect,
    y.history && y.history.rows.length ? h('details.card', { id: 'history' }, h('summary', {}, `修改记录（${y.history.total} 条）`),
      h('div.table-scroll', {}, h('table.grid', {}, h('thead', {}, h('tr', {}, y.history.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, y.history.rows.map((row) => h('tr', {}, row.map((c) => h('td', {}, c)))))))) : null);
  paintEvaluation(ev, false);
}

function rectForm(id) {
  const item = h('input', { id: 'rect-item', placeholder: '整改事项', 'aria-label': '整改事项', size: 40 });
  return h('form.filters', {
    onsubmit: async (e) => {
      e.preventDefault();
      try { await api('POST', `/api/years/${id}/rectifications`, { item: item.value }); flash('已提出整改事项'); route(); } catch (err) { flash(err.message, true); }
    }
  }, item, h('button', { type: 'submit' }, '提出整改'));
}

/* ---- the bureau -------------------------------------------------------------------------- */
async function viewDesk() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const d = await api('GET', '/api/desk?' + params.toString());
  const year = h('input', { type: 'number', name: 'year', value: params.get('year') || d.year || '', 'aria-label': '年度', style: 'width:6em' });
  const status = h('select', { name: 'status', 'aria-label': '状态' }, h('option', { value: '' }, '全部状态'),
    Object.entries(STATUS).map(([k, v]) => h('option', { value: k, selected: params.get('status') === k }, v)));
  const q = h('input', { type: 'search', name: 'q', value: params.get('q') || '', placeholder: '部门名称或代码', 'aria-label': '搜索' });
  const onlyFlags = h('input', { type: 'checkbox', id: 'only-flags', checked: params.get('flags') === '1' });
  const form = h('form.filters', {
    onsubmit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (year.value) p.set('year', year.value);
      if (status.value) p.set('status', status.value);
      if (q.value) p.set('q', q.value);
      if (onlyFlags.checked) p.set('flags', '1');
      location.hash = '#/desk?' + p.toString();
    }
  }, year, status, q, h('label', {}, onlyFlags, ' 只看有提示的'), h('button', { type: 'submit' }, '筛选'));
  const rows = params.get('flags') === '1' ? d.years.filter((y) => y.flags.length) : d.years;
  const counts = Object.entries(STATUS).map(([k, v]) => `${v} ${d.counts[k] || 0}`).join(' · ');
  const storeTable = (t, title, id) => t && t.rows.length ? [h('h2', {}, title), h('div.table-scroll', { id }, h('table.grid', {},
    h('thead', {}, h('tr', {}, t.columns.map((c) => h('th', {}, c)))), h('tbody', {}, t.rows.map((row) => h('tr', {}, row.map((c) => h('td', {}, c)))))))] : null;
  show(h('h1', {}, `复核工作台 · ${d.year} 年度`), form, h('p.muted', {}, counts),
    rows.length ? yearsTable(rows, true) : h('p.muted', {}, '没有符合条件的数据'),
    storeTable(d.store_flags, '自评与数据不一致', 'store-flags'),
    storeTable(d.store_missing, '报送情况：未报送、未提交、逾期', 'store-missing'),
    d.store_missing ? null : [h('h2', {}, `未报送的单位（${d.missing.length}）`),
      d.missing.length ? h('p', {}, d.missing.map((m) => h('span.flag', {}, `${m.name}（${m.department}）`))) : h('p.muted', {}, '全部已报送')]);
}

async function viewDashboard() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const d = await api('GET', '/api/dashboard?' + params.toString());
  const box = (id, title) => h('div.card', {}, h('h2', {}, title), h('div.chart', { id }));
  const left = d.incomplete ? h('p.muted', { id: 'dash-incomplete' }, `另有 ${d.incomplete} 个不完整的部门年度（有未计分项，没有总分）未计入得分分布和平均得分`) : null;
  show(h('h1', {}, `统计图表 · ${d.year} 年度`), left,
    h('div.charts', {}, box('c-dist', '得分分布'), box('c-exec', '各部门预算执行率'), box('c-att', '各类指标达成率'), box('c-yoy', '历年平均得分')));
  if (!window.echarts) { flash('图表库未加载', true); return; }
  const mk = (id, opt) => { const c = echarts.init(document.getElementById(id)); c.setOption(opt); window.addEventListener('resize', () => c.resize()); };
  const num = (s) => Number(s);
  const grid = { left: 48, right: 16, top: 24, bottom: 40, containLabel: true };
  const narrow = window.innerWidth < 600;
  const cat = (data) => ({ type: 'category', data, axisLabel: { interval: 0, fontSize: narrow ? 10 : 12, rotate: narrow ? 30 : 0 } });
  mk('c-dist', { grid, tooltip: {}, xAxis: cat(d.distribution.map((b) => b.bin)), yAxis: { type: 'value', minInterval: 1, name: '部门数' },
    series: [{ type: 'bar', data: d.distribution.map((b) => b.count), itemStyle: { color: '#a3161a' } }] });
  mk('c-exec', { grid: { ...grid, left: 8 }, tooltip: {}, xAxis: { type: 'value', name: '%', max: (v) => Math.max(100, Math.ceil(v.max)) },
    yAxis: { type: 'category', data: d.execution.map((e) => e.department).reverse(), axisLabel: { width: 120, overflow: 'truncate' } },
    series: [{ type: 'bar', data: d.execution.map((e) => num(e.rate)).reverse(), itemStyle: { color: '#1f5fa8' } }] });
  mk('c-att', { grid, tooltip: {}, xAxis: cat(d.attainment.map((a) => a.level1)), yAxis: { type: 'value', max: 100, name: '%' },
    series: [{ type: 'bar', data: d.attainment.map((a) => num(a.rate)), itemStyle: { color: '#1c7c3a' } }] });
  mk('c-yoy', { grid, tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: d.years.map((y) => String(y.year)) }, yAxis: { type: 'value', min: (v) => Math.floor(v.min - 5), name: '平均分' },
    series: [{ type: 'line', data: d.years.map((y) => num(y.average)), label: { show: true } }] });
}

async function viewRect() {
  const d = await api('GET', '/api/rectifications');
  const rows = d.rectifications.map((r) => {
    const note = h('input', { placeholder: '整改结果', 'aria-label': '整改结果' });
    return h('tr', {}, h('td', {}, h('a', { href: '#/year/' + r.year_id }, r.department_name), ' ', r.year), h('td', {}, r.item),
      h('td.hide-phone', {}, r.opened_by, h('div.deriv', {}, r.opened_at)),
      h('td', {}, r.closed_at ? `已关闭：${r.closing_note}` : h('form.filters', {
        onsubmit: async (e) => {
          e.preventDefault();
          try { await api('POST', `/api/rectifications/${r.id}/close`, { note: note.value }); flash('已关闭'); route(); } catch (err) { flash(err.message, true); }
        }
      }, note, h('button', { type: 'submit' }, '关闭'))));
  });
  show(h('h1', {}, '整改跟踪'), rows.length ? h('div.table-scroll', {}, h('table.grid', {},
    h('thead', {}, h('tr', {}, h('th', {}, '部门年度'), h('th', {}, '整改事项'), h('th.hide-phone', {}, '提出'), h('th', {}, '状态'))),
    h('tbody', {}, rows))) : h('p.muted', {}, '没有整改事项。在已公开的部门年度页面上可以提出整改事项。'));
}

async function viewUsers() {
  const d = await api('GET', '/api/users');
  const f = {
    username: h('input', { name: 'username', required: true, 'aria-label': '账号', placeholder: '账号' }),
    password: h('input', { name: 'password', type: 'password', required: true, minlength: 10, autocomplete: 'new-password', 'aria-label': '口令', placeholder: '口令（至少 10 个字符）' }),
    role: h('select', { name: 'role', 'aria-label': '角色' }, [['officer', '填报人'], ['head', '部门审核人'], ['reviewer', '财政局复核人'], ['admin', '管理员']].map(([v, t]) => h('option', { value: v }, t))),
    department: h('input', { name: 'department', 'aria-label': '部门代码', placeholder: '部门代码（填报人、审核人必填）' }),
  };
  const form = h('form.filters.card', {
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api('POST', '/api/users', { username: f.username.value, password: f.password.value, role: f.role.value, department: f.department.value || null });
        const name = f.username.value;
        await route();
        flash('已建立账号 ' + name);
      } catch (err) { flash(err.message, true); }
    }
  }, f.username, f.password, f.role, f.department, h('button.primary', { type: 'submit' }, '建立账号'));
  show(h('h1', {}, '账号'), form, h('div.table-scroll', {}, h('table.grid', {},
    h('thead', {}, h('tr', {}, h('th', {}, '账号'), h('th', {}, '角色'), h('th', {}, '部门'), h('th.hide-phone', {}, '建立时间'))),
    h('tbody', {}, d.users.map((u) => h('tr', {}, h('td', {}, u.username), h('td', {}, u.role_label), h('td', {}, u.department_name || '—'), h('td.hide-phone', {}, u.created)))))));
}

/* ---- 绩效目标申报: the officer's form, with library suggestions and live review findings,
 * and the reviewer's target desk with batch 批复 ------------------------------------------- */
const DSTATUS = { declared: '已申报', authority_reviewed: '主管部门已审', bureau_reviewed: '财政已审', approved: '已批复', returned: '已退回' };
const dbadge = (s) => h('span.badge.st-' + s, {}, DSTATUS[s] || s);
const LEVELS = { 产出: ['数量', '质量', '时效', '成本'], 效益: ['经济效益', '社会效益', '生态效益', '可持续影响'], 满意度: ['服务对象满意度'] };
/* the form's fields, in order: key, label, kind */
const DFIELDS = [['name', '项目名称', 'text'], ['total', '项目总金额（万元）', 'money'], ['this_year', '本年金额（万元）', 'money'],
  ['policy_basis', '政策依据', 'area'], ['calc_basis', '测算依据', 'area'], ['annual_goal', '年度目标', 'area']];
const ICOLS = [['level1', '一级指标'], ['level2', '二级指标'], ['name', '三级指标'], ['value', '指标值'], ['explanation', '指标解释']];
const dform = { rows: [], timer: null, seq: 0, saving: false, dirty: false, sugTimer: null, sugSeq: 0 };

function hashParams() { return new URLSearchParams(location.hash.split('?')[1] || ''); }

async function viewTargets() {
  const params = hashParams();
  const d = await api('GET', '/api/declarations?' + params.toString());
  const reviewer = can('review');
  const year = h('input', { type: 'number', name: 'year', value: params.get('year') || '', placeholder: '年度', 'aria-label': '年度', style: 'width:6em' });
  const status = h('select', { name: 'status', 'aria-label': '状态' }, h('option', { value: '' }, '全部状态'),
    Object.entries(DSTATUS).map(([k, v]) => h('option', { value: k, selected: params.get('status') === k }, v)));
  const q = h('input', { type: 'search', name: 'q', value: params.get('q') || '', placeholder: '项目、编码或单位', 'aria-label': '搜索' });
  const form = h('form.filters', {
    id: 'target-filters', onsubmit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (year.value) p.set('year', year.value);
      if (status.value) p.set('status', status.value);
      if (q.value) p.set('q', q.value);
      location.hash = '#/targets' + (p.toString() ? '?' + p.toString() : '');
    }
  }, year, status, q, h('button', { type: 'submit' }, '筛选'));
  const picked = new Set();
  const count = h('span.muted', { id: 'batch-count', 'aria-live': 'polite' }, '未选择');
  const result = h('div', { id: 'batch-result' });
  const boxes = [];
  const sync = () => {
    count.textContent = picked.size ? `已选 ${picked.size} 份` : '未选择';
    document.querySelectorAll('[data-batch]').forEach((b) => { b.disabled = !picked.size; });
  };
  const batch = async (action, label) => {
    const ids = [...picked];
    if (action === 'approve' && !confirm(`批复选中的 ${ids.length} 份申报？批复后绩效目标即锁定，不能再修改（只能按动态调整变更）。`)) return;
    document.querySelectorAll('[data-batch]').forEach((b) => { b.disabled = true; });
    try {
      const r = await api('POST', '/api/declarations/batch', { action, ids });
      await route();
      flash(`${label}：完成 ${r.done} 份` + (r.refused ? `，未完成 ${r.refused} 份（原因见下）` : ''), r.refused > 0);
      const bad = r.results.filter((x) => !x.ok);
      if (bad.length) document.getElementById('batch-result').replaceChildren(h('div.card', {}, h('h2', {}, '未完成的申报'),
        h('ul', {}, bad.map((x) => h('li', {}, `${x.name || '编号 ' + x.id}：${x.message}`)))));
    } catch (e) { flash(e.message, true); sync(); }
  };
  const rows = d.declarations.map((x) => {
    const box = reviewer ? h('input', {
      type: 'checkbox', 'aria-label': `选择“${x.name}”`, 'data-pick': x.id,
      onchange: (e) => { if (e.target.checked) picked.add(x.id); else picked.delete(x.id); sync(); }
    }) : null;
    if (box) boxes.push(box);
    return h('tr', {},
      reviewer ? h('td.pick', {}, box) : null,
      h('td.name', { 'data-label': '项目' }, h('a', { href: '#/target/' + x.id }, x.name || '（未命名）'), h('div.deriv', {}, x.code)),
      h('td', { 'data-label': '申报单位' }, x.unit_name),
      h('td', { 'data-label': '年度' }, x.year),
      h('td.r', { 'data-label': '本年金额（万元）' }, x.this_year || '—'),
      h('td', { 'data-label': '状态' }, dbadge(x.status)),
      h('td.r', { 'data-label': '审核发现' }, x.findings ?? '—', x.finding_errors ? h('div.deriv.bad', {}, `其中错误 ${x.finding_errors}`) : null),
      h('td', { 'data-label': '审核结论' }, x.conclusion ? h('span.concl.c-' + x.conclusion, {}, x.conclusion) : '—'),
      h('td.r', { 'data-label': '退回次数' }, x.returns));
  });
  const all = reviewer ? h('input', {
    type: 'checkbox', id: 'pick-all', 'aria-label': '全选',
    onchange: (e) => { boxes.forEach((b) => { b.checked = e.target.checked; b.dispatchEvent(new Event('change')); }); }
  }) : null;
  const table = h('div.table-scroll', {}, h('table.grid.cards', { id: 'targets' },
    h('thead', {}, h('tr', {}, reviewer ? h('th.pick', {}, all) : null, h('th', {}, '项目'), h('th', {}, '申报单位'), h('th', {}, '年度'),
      h('th.r', {}, '本年金额（万元）'), h('th', {}, '状态'), h('th.r', {}, '审核发现'), h('th', {}, '审核结论'), h('th.r', {}, '退回次数'))),
    h('tbody', {}, rows)));
  const counts = Object.entries(DSTATUS).map(([k, v]) => `${v} ${d.counts[k] || 0}`).join(' · ');
  const bar = reviewer ? h('div.actions.batch', {}, count,
    h('button', { type: 'button', id: 'batch-review', 'data-batch': 1, disabled: true, onclick: () => batch('review', '批量审核通过') }, '批量审核通过'),
    h('button.primary', { type: 'button', id: 'batch-approve', 'data-batch': 1, disabled: true, onclick: () => batch('approve', '批量批复') }, '批量批复')) : null;
  show(h('h1', {}, reviewer ? '绩效目标审核' : `绩效目标申报${state.me.department_name ? '（' + state.me.department_name + '）' : ''}`),
    can('edit') && state.me.department ? h('div.actions', {}, h('a.btn.primary', { href: '#/target/new', id: 'decl-new' }, '新建申报')) : null,
    form, h('p.muted', {}, counts), bar, result,
    rows.length ? table : h('p.muted', {}, can('edit') ? '还没有申报。点“新建申报”填写本年度的绩效目标。' : '没有符合条件的申报。'),
    d.truncated ? h('p.muted', {}, '只列出前 500 份，请用筛选缩小范围。') : null);
}

/* ---- one declaration ---- */
const fid = (key, i) => i === undefined || i < 0 ? 'df-' + key : `di-${i}-${key}`;

function findingBox(key, i) {
  return h('ul.findings', { id: fid(key, i) + '-msg', 'data-for': fid(key, i), hidden: true });
}

function paintFindings(review) {
  document.querySelectorAll('ul.findings').forEach((u) => { u.replaceChildren(); u.hidden = true; });
  document.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const sum = document.getElementById('decl-summary');
  const fs = (review && review.findings) || [];
  for (const f of fs) {
    const id = fid(f.key, f.indicator);
    const box = document.getElementById(id + '-msg') || document.getElementById('df-indicators-msg');
    box.hidden = false;
    box.append(h('li.' + f.severity, {}, h('strong', {}, f.detail), f.found ? '：' + f.found : '',
      f.opinion ? h('div.opinion', {}, '意见：' + f.opinion) : null));
    const el = document.getElementById(id);
    if (el && f.severity !== 'note') el.setAttribute('aria-invalid', 'true');
  }
  if (!sum) return;
  const concl = review && review.conclusion;
  const where = (f) => {
    if (f.indicator >= 0) return `第 ${f.indicator + 1} 行指标`;
    const d = DFIELDS.find(([k]) => k === f.key);
    return d ? d[1].replace(/（.*/, '') : f.key === 'code' ? '项目编码' : '绩效指标表';
  };
  sum.replaceChildren(
    h('p', {}, '审核结论：', concl ? h('span.concl.c-' + concl, { id: 'decl-conclusion' }, concl) : '—',
      review && review.points && review.points.length ? h('span.muted', {}, ' · ' + review.points.map((p) => `${p.point} ${p.score}`).join(' · ')) : null),
    fs.length ? h('ol.summary-list', {}, fs.map((f) => h('li.' + f.severity, {},
      h('a', {
        href: '#' + fid(f.key, f.indicator), onclick: (e) => {
          e.preventDefault();
          const el = document.getElementById(fid(f.key, f.indicator)) || document.getElementById('df-indicators-msg');
          el?.focus(); el?.scrollIntoView({ block: 'center' });
        }
      }, where(f)), '：', f.detail))) : h('p.ok', {}, '没有发现问题'));
}

function formBody() {
  const body = { indicators: dform.rows.map((r) => ({ ...r })) };
  for (const [k] of DFIELDS) body[k] = document.getElementById(fid(k))?.value ?? '';
  const y = document.getElementById('df-year'), c = document.getElementById('df-code');
  body.year = y ? Number(y.value) : dform.key?.year;
  body.code = c ? c.value : dform.key?.code;
  return body;
}

function scheduleDeclCheck() {
  dform.dirty = true;
  clearTimeout(dform.timer);
  dform.timer = setTimeout(async () => {
    const seq = ++dform.seq;
    try {
      const d = await api('POST', '/api/declarations/check', formBody());
      if (seq === dform.seq) paintFindings(d.review);
    } catch (e) { flash(e.message, true); }
  }, 400);
}

/* The 三级指标 field: a combobox whose listbox holds the library's suggestions. */
function nameCombo(i, row, onPick) {
  const listId = `di-${i}-sug`;
  const list = h('ul.suggest', { id: listId, role: 'listbox', 'aria-label': '指标库建议', hidden: true });
  let items = [], active = -1;
  const input = h('input.cell.wide', {
    id: fid('name', i), value: row.name, role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
    'aria-label': `第 ${i + 1} 行 三级指标`, 'aria-describedby': fid('name', i) + '-msg', autocomplete: 'off', maxlength: 1000,
    oninput: (e) => { row.name = e.target.value; scheduleDeclCheck(); suggest(e.target.value); },
    onkeydown: (e) => {
      if (list.hidden || !items.length) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        mark();
      } else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); pick(items[active]); } else if (e.key === 'Escape') close();
    },
    onblur: () => setTimeout(close, 150)
  });
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant'); active = -1; };
  const mark = () => {
    [...list.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === active)));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
  };
  const pick = (s) => { close(); onPick(s); };
  const suggest = (text) => {
    clearTimeout(dform.sugTimer);
    if (!text.trim()) { close(); return; }
    dform.sugTimer = setTimeout(async () => {
      const seq = ++dform.sugSeq;
      try {
        const d = await api('GET', '/api/library?q=' + encodeURIComponent(text.trim()));
        if (seq !== dform.sugSeq || document.activeElement !== input) return;
        items = d.suggestions;
        active = -1;
        list.replaceChildren(...items.map((s, k) => h('li', {
          id: `${listId}-${k}`, role: 'option', 'aria-selected': 'false', onmousedown: (e) => { e.preventDefault(); pick(s); }
        }, h('span.sname', {}, s.name), h('span.deriv', {}, ` ${s.level1}/${s.level2}` + (s.typical ? ` · 常用值 ${s.typical}` : '') + ` · 用过 ${s.uses} 次`))));
        list.hidden = !items.length;
        input.setAttribute('aria-expanded', String(!list.hidden));
      } catch (e) { close(); }
    }, 200);
  };
  return h('div.combo', {}, input, list);
}

function indicatorRows(tbody) {
  tbody.replaceChildren(...dform.rows.map((row, i) => {
    const cell = (key, label, attrs) => h('input.cell' + (key === 'explanation' || key === 'value' ? '.wide' : ''), {
      id: fid(key, i), value: row[key], 'aria-label': `第 ${i + 1} 行 ${label}`, 'aria-describedby': fid(key, i) + '-msg', maxlength: 1000,
      oninput: (e) => { row[key] = e.target.value; scheduleDeclCheck(); }, ...(attrs || {})
    });
    const combo = nameCombo(i, row, (s) => {
      row.name = s.name; row.level1 = s.level1; row.level2 = s.level2;
      if (!row.value && s.typical) row.value = s.typical;
      indicatorRows(tbody);
      document.getElementById(fid('value', i))?.focus();
      scheduleDeclCheck();
    });
    return h('tr', {},
      h('td', { 'data-label': '一级指标' }, cell('level1', '一级指标', { list: 'dl-level1' }), findingBox('level1', i)),
      h('td', { 'data-label': '二级指标' }, cell('level2', '二级指标', { list: 'dl-level2' }), findingBox('level2', i)),
      h('td.name', { 'data-label': '三级指标' }, combo, findingBox('name', i)),
      h('td', { 'data-label': '指标值' }, cell('value', '指标值'), findingBox('value', i)),
      h('td', { 'data-label': '指标解释' }, cell('explanation', '指标解释'), findingBox('explanation', i)),
      h('td.del', {}, h('button.del', {
        type: 'button', 'aria-label': `删除第 ${i + 1} 行指标`, onclick: () => { dform.rows.splice(i, 1); indicatorRows(tbody); scheduleDeclCheck(); }
      }, '删除')));
  }));
}

async function viewTarget(id) {
  const fresh = id === 'new';
  const d = fresh ? null : await api('GET', '/api/declarations/' + encodeURIComponent(id));
  const f = fresh ? { name: '', total: '', this_year: '', policy_basis: '', calc_basis: '', annual_goal: '', indicators: [], unit: state.me.department_name || '' } : d.fields || {};
  const decl = d && d.declaration, cando = (d && d.can) || { edit: fresh && can('edit') };
  const edit = !!cando.edit;
  dform.rows = (f.indicators || []).map((x) => ({ level1: x.level1, level2: x.level2, name: x.name, value: x.value, explanation: x.explanation, read: x.read }));
  if (fresh && !dform.rows.length) dform.rows = [{ level1: '产出', level2: '数量', name: '', value: '', explanation: '' }];
  dform.dirty = false;
  dform.saving = false;
  dform.key = decl ? { year: decl.year, code: decl.code } : null;

  const field = ([key, label, kind]) => {
    const attrs = { id: fid(key), 'aria-describedby': fid(key) + '-msg', oninput: scheduleDeclCheck, maxlength: kind === 'area' ? 1300 : 400 };
    const input = !edit ? h('div.value', { id: fid(key), tabindex: -1 }, f[key] || '—')
      : kind === 'area' ? h('textarea', { ...attrs, rows: 3, value: f[key] || '' })
        : h('input', { ...attrs, value: f[key] || '', inputmode: kind === 'money' ? 'decimal' : undefined });
    return h('div.field' + (kind === 'area' ? '.full' : ''), {}, h(edit ? 'label' : 'span.label', edit ? { for: fid(key) } : {}, label), input, findingBox(key));
  };
  const head = [];
  if (fresh) {
    head.push(h('div.field', {}, h('label', { for: 'df-year' }, '申报年度'), h('input', { id: 'df-year', type: 'number', value: new Date().getFullYear() + 1, min: 2000, max: 2100, oninput: scheduleDeclCheck })),
      h('div.field', {}, h('label', { for: 'df-code' }, '项目编码'), h('input', { id: 'df-code', value: '', maxlength: 63, required: true, 'aria-describedby': 'df-code-msg', oninput: scheduleDeclCheck }), findingBox('code')));
  } else {
    head.push(h('div.field', {}, h('span.label', {}, '申报年度'), h('div.value', {}, decl.year)),
      h('div.field', {}, h('span.label', {}, '项目编码'), h('div.value', { id: 'df-code-text' }, decl.code)));
  }
  head.push(h('div.field', {}, h('span.label', {}, '申报单位'), h('div.value', { id: 'df-unit' }, f.unit || (decl && decl.unit_name) || '')));

  const tbody = h('tbody', {});
  let grid;
  if (edit) {
    grid = h('div.table-scroll', {}, h('table.grid.cards', { id: 'decl-indicators' },
      h('thead', {}, h('tr', {}, ICOLS.map(([, l]) => h('th', {}, l)), h('th', {}, h('span.sr', {}, '操作')))), tbody));
  } else {
    grid = h('div.table-scroll', {}, h('table.grid.cards', { id: 'decl-indicators' },
      h('thead', {}, h('tr', {}, ICOLS.map(([, l]) => h('th', {}, l)))),
      h('tbody', {}, dform.rows.map((row, i) => h('tr', {}, ICOLS.map(([k, l]) => h('td' + (k === 'name' ? '.name' : ''), { 'data-label': l },
        h('span', { id: fid(k, i), tabindex: -1 }, row[k] || '—'), k === 'value' && row.read && row.read !== row.value ? h('div.deriv', {}, '读作 ' + row.read) : null, findingBox(k, i))))))));
  }

  const actions = h('div.actions', {});
  if (edit) {
    const save = h('button.primary', {
      type: 'button', id: 'decl-save', onclick: async () => {
        if (dform.saving) return;
        dform.saving = true;
        save.disabled = true;
        save.setAttribute('aria-busy', 'true');
        save.textContent = '正在保存…';
        try {
          const body = formBody();
          const r = fresh ? await api('POST', '/api/declarations', body) : await api('PUT', '/api/declarations/' + decl.id, { base_version: decl.version, ...body });
          dform.dirty = false;
          const msg = r.unchanged ? '没有变化' : `已保存为第 ${r.version} 版` + (r.errors ? `（有 ${r.errors} 个错误，送审前请改正）` : '');
          if (fresh) { state.flashNext = msg; location.hash = '#/target/' + r.id; return; }
          await route();
          flash(msg);
        } catch (e) {
          flash(e.message, true);
          dform.saving = false;
          save.disabled = false;
          save.removeAttribute('aria-busy');
          save.textContent = '保存';
        }
      }
    }, '保存');
    actions.append(save, h('button', {
      type: 'button', id: 'decl-add-row', onclick: () => {
        dform.rows.push({ level1: '', level2: '', name: '', value: '', explanation: '' });
        indicatorRows(tbody);
        document.getElementById(fid('level1', dform.rows.length - 1))?.focus();
      }
    }, '添加指标行'));
  }
  const flow = [];
  if (cando.review || cando.return || cando.approve) {
    const comment = h('textarea', { id: 'decl-comment', rows: 2, maxlength: 600, placeholder: '审核意见（退回时必填）', 'aria-label': '审核意见' });
    const step = async (action, label) => {
      if (action === 'approve' && !confirm(`批复“${decl.name}”？批复后绩效目标即锁定，不能再修改（只能按动态调整变更）。`)) return;
      if (action === 'return' && !comment.value.trim()) { flash('退回时请写明意见', true); comment.focus(); return; }
      try {
        await api('POST', `/api/declarations/${decl.id}/${action}`, { version: decl.version, comment: comment.value });
        await route();
        flash(label + '：' + decl.name);
      } catch (e) { flash(e.message, true); }
    };
    flow.push(h('div.card', { id: 'decl-flow' }, h('h2', {}, '审核'), h('label', { for: 'decl-comment' }, '审核意见'), comment,
      h('div.actions', {},
        cando.return ? h('button.danger', { type: 'button', id: 'decl-return', onclick: () => step('return', '已退回') }, '退回修改') : null,
        cando.review ? h('button', { type: 'button', id: 'decl-review', onclick: () => step('review', '已审核通过') }, '审核通过') : null,
        cando.approve ? h('button.primary', { type: 'button', id: 'decl-approve', onclick: () => step('approve', '已批复') }, '批复') : null)));
  }
  const comments = (d && d.comments) || [];
  const returned = decl && decl.status === 'returned' ? comments.filter((c) => c.step === 'return').slice(-1)[0] : null;
  show(h('h1', {}, fresh ? '新建绩效目标申报' : `${decl.name || decl.code} ${decl.year} 年度`, ' ', decl ? dbadge(decl.status) : null),
    decl && decl.status === 'approved' ? h('p.locked', { id: 'decl-locked' }, '已批复：绩效目标已锁定，不能再修改。') : null,
    returned ? h('div.comment.returned', { id: 'decl-returned', role: 'note' }, h('strong', {}, '已退回修改'), `（${returned.who}，${returned.at}）：${returned.text}`) : null,
    h('div.card', { id: 'decl-summary', 'aria-live': 'polite' }),
    h('div.card', {}, h('h2', {}, '项目信息'), h('div.fields', {}, head, DFIELDS.map(field)),
      decl ? h('p.muted', {}, `第 ${decl.version} 版 · 更新于 ${decl.updated_at}`) : null),
    h('h2', {}, '绩效指标'), findingBox('indicators'), grid,
    h('datalist', { id: 'dl-level1' }, Object.keys(LEVELS).map((k) => h('option', { value: k }))),
    h('datalist', { id: 'dl-level2' }, Object.values(LEVELS).flat().map((k) => h('option', { value: k }))),
    actions, flow,
    comments.length ? h('div.card', { id: 'decl-comments' }, h('h2', {}, '审核意见'),
      comments.map((c) => h('div.comment', {}, `${c.step_label} · ${c.who}（${c.at}）：${c.text}`))) : null,
    d && d.history && d.history.rows.length ? h('details.card', { id: 'decl-history' }, h('summary', {}, `修改记录（${d.history.total} 条）`),
      h('div.table-scroll', {}, h('table.grid', {}, h('thead', {}, h('tr', {}, d.history.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, d.history.rows.map((row) => h('tr', {}, row.map((c) => h('td', {}, c)))))))) : null);
  if (edit) indicatorRows(tbody);
  if (fresh) scheduleDeclCheck(); else paintFindings(d.review);
  dform.dirty = false;
}

/* ---- 绩效运行监控: the unit's checkpoint form, the bureau's desk, one unit over the year ----- */
const LIGHT = { red: '红灯', yellow: '黄灯', green: '绿灯', none: '未定灯' };
const lightBadge = (key, id) => h('span.light.l-' + (key || 'none'), id ? { id } : {}, LIGHT[key || 'none'] || '未定灯');
/* An ISO time (UTC) as Beijing time. */
function fmtTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
/* A decimal text as a BigInt scaled by 10^6 (exact; null when not a plain number). */
function decScaled(s) {
  const m = /^\s*(-?)(\d+)(?:\.(\d{1,6}))?\s*$/.exec(String(s ?? ''));
  if (!m) return null;
  const v = BigInt(m[2]) * 1000000n + BigInt((m[3] || '').padEnd(6, '0'));
  return m[1] ? -v : v;
}
const cmpDec = (a, b) => { const x = decScaled(a), y = decScaled(b); if (x === null || y === null) return (x === null) - (y === null); return x < y ? -1 : x > y ? 1 : 0; };
/* part ÷ whole × 100 to hundredths, half up, as text (exact integer arithmetic). */
function pctOf(part, whole) { return pctScaled(decScaled(part), decScaled(whole)); }
function pctScaled(p, w) {
  if (p === null || w === null || w <= 0n) return '';
  const q = (p * 20000n / w + 1n) / 2n;
  return `${q / 100n}.${String(q % 100n).padStart(2, '0')}`;
}
/* 序时进度 of month-day in year: days elapsed (1 January counts 1) ÷ days of the year. */
function schedulePct(year, day) {
  const [m, d] = String(day || '').split('-').map(Number);
  if (!year || !m || !d) return '';
  const days = Math.round((Date.UTC(year, m - 1, d) - Date.UTC(year, 0, 1)) / 864e5) + 1;
  const total = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
  return pctOf(String(days), String(total));
}
const MSRC = [['source', '资金来源'], ['budget', '全年预算数（万元）'], ['executed', '累计执行数（万元）'], ['forecast', '全年预计执行数（万元）']];
const MIND = [['level1', '一级指标'], ['level2', '二级指标'], ['name', '三级指标'], ['target', '年度指标值'], ['actual', '累计完成值'],
  ['forecast', '全年预计完成值'], ['can_complete', '是否能完成'], ['cause', '偏差原因'], ['fix', '纠偏措施']];
const mform = { key: null, sources: [], rows: [], timer: null, seq: 0, saving: false, last: null, local: new Map() };
const msgBox = (id) => h('ul.findings', { id: id + '-msg', hidden: true });

function monBody() {
  return { unit: mform.key.unit, year: mform.key.year, day: mform.key.day, sources: mform.sources.map((s) => ({ ...s })),
    cause: document.getElementById('mf-cause')?.value ?? '', fix: document.getElementById('mf-fix')?.value ?? '', indicators: mform.rows.map((r) => ({ ...r })) };
}

/* Local rules, as the user types: an amount is a number of 万元, not negative. */
function localCheck(id, key, value) {
  let msg = '';
  if (['budget', 'executed', 'forecast'].includes(key) && value.trim()) {
    const v = decScaled(value);
    if (v === null) msg = '请填写数字（万元，最多 6 位小数），例如 24.71';
    else if (v < 0n) msg = '金额不能为负数';
  }
  if (msg) mform.local.set(id, msg); else mform.local.delete(id);
  paintMon(mform.last);
}

function scheduleMonCheck() {
  clearTimeout(mform.timer);
  mform.timer = setTimeout(async () => {
    const seq = ++mform.seq;
    try {
      const d = await api('POST', '/api/monitor/check', monBody());
      if (seq === mform.seq) { mform.last = d; paintMon(d); }
    } catch (e) { flash(e.message, true); }
  }, 350);
}

function liveRates() {
  const sched = schedulePct(mform.key.year, mform.key.day);
  mform.sources.forEach((s, i) => {
    const el = document.getElementById(`ms-${i}-rate`);
    if (el) el.textContent = pctOf(s.executed, s.budget) ? pctOf(s.executed, s.budget) + '%' : '—';
  });
  let b = 0n, e = 0n, ok = true;
  for (const s of mform.sources) { const x = decScaled(s.budget), y = decScaled(s.executed); if (x === null || y === null) ok = false; else { b += x; e += y; } }
  const rate = ok && b > 0n ? pctScaled(e, b) : '';
  const r = document.getElementById('mon-rate'), sc = document.getElementById('mon-schedule');
  if (r) r.textContent = rate ? rate + '%' : '—';
  if (sc) sc.textContent = sched ? sched + '%' : '—';
}

/* Findings at their fields, the lights with their derivations, the summary linking to fields. */
function paintMon(d) {
  liveRates();
  const form = document.getElementById('mon-form');
  if (!form) return;
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('ul.findings').forEach((u) => { u.replaceChildren(); u.hidden = true; });
  form.querySelectorAll('.need').forEach((el) => el.classList.remove('need'));
  const all = [...mform.local].map(([field, message]) => ({ field, severity: 'error', message }));
  const seen = new Set(all.map((f) => f.field + f.message));
  for (const f of (d && d.findings) || []) if (!seen.has(f.field + f.message)) all.push(f);
  for (const f of all) {
    const box = document.getElementById(f.field + '-msg') || document.getElementById('mf-report-msg');
    box.hidden = false;
    box.append(h('li.' + f.severity, {}, f.message));
    const el = document.getElementById(f.field);
    if (el && f.severity === 'error') el.setAttribute('aria-invalid', 'true');
  }
  const ex = d && d.exec;
  const lightBox = document.getElementById('mon-exec-light');
  if (lightBox) lightBox.replaceChildren(ex ? lightBadge(ex.light, 'mon-exec-badge') : '—', ex ? h('span.deriv', { id: 'mon-exec-deriv' }, ' ' + ex.derivation) : null);
  const need = ex && ex.fix_required;
  for (const k of ['cause', 'fix']) {
    const lab = document.getElementById(`mf-${k}-label`);
    if (lab) lab.querySelector('.req').textContent = need ? '（红灯，必填）' : '';
    if (need) document.getElementById('mf-' + k)?.closest('.field')?.classList.add('need');
    const el = document.getElementById('mf-' + k);
    if (need && el && !el.value.trim()) {
      el.setAttribute('aria-invalid', 'true');
      el.setAttribute('aria-required', 'true');
      const box = document.getElementById(`mf-${k}-msg`);
      if (box && !box.children.length) { box.hidden = false; box.append(h('li.error', {}, `红灯须填写${k === 'cause' ? '偏差原因' : '纠偏措施'}`)); }
    } else if (el) el.removeAttribute('aria-required');
  }
  mform.rows.forEach((row, i) => {
    const cell = document.getElementById(`mi-${i}-light`);
    const x = d && d.indicators && d.indicators.find((y) => y.row === i);
    if (cell) cell.replaceChildren(x ? lightBadge(x.light) : '—', x && x.derivation ? h('div.deriv', {}, x.derivation) : null);
    if (x && x.fix_required) for (const k of ['cause', 'fix']) {
      const el = document.getElementById(`mi-${i}-${k}`);
      el?.closest('td')?.classList.add('need');
      if (el && !el.value.trim()) el.setAttribute('aria-invalid', 'true');
    }
  });
  const sum = document.getElementById('mon-summary');
  if (!sum) return;
  const where = (f) => {
    const m = /^(ms|mi|mf)-(?:(\d+)-)?(\w+)$/.exec(f.field) || [];
    if (m[1] === 'ms') return `第 ${Number(m[2]) + 1} 个资金来源的${(MSRC.find(([k]) => k === m[3]) || [, ''])[1].replace(/（.*/, '')}`;
    if (m[1] === 'mi') return `第 ${Number(m[2]) + 1} 行指标的${(MIND.find(([k]) => k === m[3]) || [, ''])[1]}`;
    return m[3] === 'cause' ? '偏差原因' : m[3] === 'fix' ? '纠偏措施' : '报告';
  };
  sum.replaceChildren(h('p', {}, '总体：', d && d.light ? lightBadge(d.light, 'mon-light') : '—',
    ex ? h('span.muted', {}, ` · 执行进度 ${ex.rate || '—'}%，序时进度 ${ex.schedule}%`) : null),
  all.length ? h('ol.summary-list', { id: 'mon-findings' }, all.map((f) => h('li.' + f.severity, {},
    h('a', { href: '#' + f.field, onclick: (e) => { e.preventDefault(); const el = document.getElementById(f.field) || document.getElementById('mf-report-msg'); el?.focus(); el?.scrollIntoView({ block: 'center' }); } }, where(f)),
    '：', f.message))) : h('p.ok', {}, '没有发现问题'));
}

function monSources(tbody, edit) {
  tbody.replaceChildren(...mform.sources.map((s, i) => h('tr', {},
    MSRC.map(([k, l]) => h('td' + (k === 'source' ? '' : '.r'), { 'data-label': l }, edit ? h('input.cell', {
      id: `ms-${i}-${k}`, value: s[k], 'aria-label': `第 ${i + 1} 个资金来源 ${l}`, 'aria-describedby': `ms-${i}-${k}-msg`, maxlength: 200,
      inputmode: k === 'source' ? undefined : 'decimal',
      oninput: (e) => { s[k] = e.target.value; localCheck(`ms-${i}-${k}`, k, e.target.value); scheduleMonCheck(); }
    }) : h('span', { id: `ms-${i}-${k}` }, s[k] || '—'), msgBox(`ms-${i}-${k}`))),
    h('td.r', { 'data-label': '执行进度' }, h('span', { id: `ms-${i}-rate` }, '—')),
    edit ? h('td.del', {}, mform.sources.length > 1 ? h('button.del', { type: 'button', 'aria-label': `删除第 ${i + 1} 个资金来源`, onclick: () => { mform.sources.splice(i, 1); monSources(tbody, edit); scheduleMonCheck(); } }, '删除') : null) : null)));
}

function monRows(tbody, edit) {
  tbody.replaceChildren(...mform.rows.map((row, i) => h('tr', {},
    MIND.map(([k, l]) => {
      const id = `mi-${i}-${k}`;
      const common = { id, 'aria-label': `第 ${i + 1} 行 ${l}`, 'aria-describedby': id + '-msg' };
      const input = !edit ? h('span', { id }, row[k] || '—')
        : k === 'can_complete' ? h('select', { ...common, onchange: (e) => { row[k] = e.target.value; scheduleMonCheck(); } },
          h('option', { value: '' }, '—'), ['是', '否'].map((v) => h('option', { value: v, selected: row[k] === v }, v)))
          : h('input.cell' + (['name', 'cause', 'fix'].includes(k) ? '.wide' : ''), { ...common, value: row[k], maxlength: 1000, oninput: (e) => { row[k] = e.target.value; scheduleMonCheck(); } });
      return h('td' + (k === 'name' ? '.name' : ''), { 'data-label': l }, input, msgBox(id));
    }),
    h('td.lightcell', { 'data-label': '灯' }, h('div', { id: `mi-${i}-light` }, '—')),
    edit ? h('td.del', {}, h('button.del', { type: 'button', 'aria-label': `删除第 ${i + 1} 行指标`, onclick: () => { mform.rows.splice(i, 1); monRows(tbody, edit); scheduleMonCheck(); } }, '删除')) : null)));
}

async function viewMonitor() {
  const params = hashParams();
  const d = await api('GET', '/api/monitor/form?' + params.toString());
  const cp = d.checkpoints.find((c) => c.day === d.day);
  const edit = d.can_save && !!cp;
  mform.key = { unit: d.unit, year: d.year, day: d.day };
  mform.sources = d.fields.sources.map((s) => ({ ...s }));
  mform.rows = d.fields.indicators.map((r) => ({ ...r }));
  if (edit && !mform.rows.length) mform.rows.push({ level1: '', level2: '', name: '', target: '', actual: '', forecast: '', can_complete: '', cause: '', fix: '' });
  mform.local = new Map();
  mform.last = d.check || null;
  mform.saving = false;
  const go = (p) => { location.hash = '#/monitor?' + p.toString(); };
  const year = h('input', { type: 'number', id: 'mon-year', value: d.year, min: 2000, max: 2100, style: 'width:6em' });
  const day = h('select', { id: 'mon-day' }, d.checkpoints.map((c) => h('option', { value: c.day, selected: c.day === d.day }, `${c.day}（${c.state}）`)));
  const pick = h('form.filters', {
    id: 'mon-pick', onsubmit: (e) => {
      e.preventDefault();
      const p = new URLSearchParams();
      if (params.get('unit')) p.set('unit', params.get('unit'));
      p.set('year', year.value);
      if (day.value && String(d.year) === year.value) p.set('day', day.value);
      go(p);
    }
  }, h('label', { for: 'mon-year' }, '年度'), year, h('label', { for: 'mon-day' }, '监控时点'), day, h('button', { type: 'submit' }, '打开'));
  if (!d.checkpoints.length) {
    show(h('h1', {}, `绩效运行监控填报 · ${d.unit_name}`), pick, h('p.muted', { id: 'mon-none' }, `${d.year} 年度财政局还没有设定监控时点。`));
    return;
  }
  const srcBody = h('tbody', {}), indBody = h('tbody', {});
  const area = (k, label) => h('div.field.full', {}, h('label', { for: 'mf-' + k, id: `mf-${k}-label` }, label, h('span.req', {})),
    edit ? h('textarea', { id: 'mf-' + k, rows: 2, maxlength: 1300, 'aria-describedby': `mf-${k}-msg`, value: d.fields[k] || '', oninput: scheduleMonCheck })
      : h('div.value', { id: 'mf-' + k, tabindex: -1 }, d.fields[k] || '—'), msgBox('mf-' + k));
  const actions = h('div.actions', {});
  if (edit) {
    const save = h('button.primary', {
      type: 'button', id: 'mon-save', onclick: async () => {
        if (mform.saving) return;
        mform.saving = true;
        save.disabled = true;
        save.setAttribute('aria-busy', 'true');
        save.textContent = '正在保存…';
        const out = document.getElementById('mon-save-msg');
        out.textContent = '';
        out.className = 'save-msg';
        try {
          const r = await api('POST', '/api/monitor/reports', monBody());
          const msg = r.unchanged ? '没有变化' : `已报送（第 ${r.version} 版，${LIGHT[r.light]}）` + (r.followup_opened ? '；红灯已列入财政局跟进事项' : '');
          state.flashNext = msg;
          const p = new URLSearchParams(params);
          p.set('year', d.year); p.set('day', d.day);
          if (location.hash === '#/monitor?' + p.toString()) { await route(); flash(msg); } else go(p);
        } catch (e) {
          out.textContent = e.message;
          out.className = 'save-msg error';
          if (e.data && e.data.findings) paintMon({ ...(mform.last || {}), findings: e.data.findings });
          out.focus();
          mform.saving = false;
          save.disabled = false;
          save.removeAttribute('aria-busy');
          save.textContent = '报送';
        }
      }
    }, '报送');
    actions.append(save, h('button', {
      type: 'button', id: 'mon-add-row', onclick: () => {
        mform.rows.push({ level1: '', level2: '', name: '', target: '', actual: '', forecast: '', can_complete: '', cause: '', fix: '' });
        monRows(indBody, edit);
        document.getElementById(`mi-${mform.rows.length - 1}-level1`)?.focus();
      }
    }, '添加指标行'), h('button', {
      type: 'button', id: 'mon-add-source', onclick: () => {
        mform.sources.push({ source: '', budget: '', executed: '', forecast: '', adjustment: '' });
        monSources(srcBody, edit);
        document.getElementById(`ms-${mform.sources.length - 1}-source`)?.focus();
      }
    }, '添加资金来源'));
  }
  show(h('h1', {}, `绩效运行监控填报 · ${d.unit_name}`), pick,
    cp && cp.locked ? h('p.locked', { id: 'mon-locked' }, `${d.day} 监控时点已锁定（报送期限 ${cp.deadline}，宽限至 ${cp.grace_end}）：如需补报，请联系财政局重新开放。`)
      : cp ? h('p.muted', {}, `报送期限 ${cp.deadline}，宽限至 ${cp.grace_end}`) : null,
    d.from ? h('p.muted', { id: 'mon-from' }, (d.stored ? '显示' : '已带入') + d.from) : null,
    h('div', { id: 'mon-form' },
      h('div.card', { id: 'mon-summary', 'aria-live': 'polite' }),
      msgBox('mf-report'),
      h('div.card', {}, h('h2', {}, '预算执行情况'),
        h('p', {}, '执行进度 ', h('strong', { id: 'mon-rate' }, '—'), ' · 序时进度 ', h('strong', { id: 'mon-schedule' }, '—'), ' · ', h('span', { id: 'mon-exec-light' }, '—')),
        h('div.table-scroll', {}, h('table.grid.cards', { id: 'mon-sources' },
          h('thead', {}, h('tr', {}, MSRC.map(([, l]) => h('th', {}, l)), h('th.r', {}, '执行进度'), edit ? h('th', {}, h('span.sr', {}, '操作')) : null)), srcBody)),
        h('div.fields', {}, area('cause', '偏差原因'), area('fix', '纠偏措施'))),
      h('h2', {}, '绩效指标完成情况'),
      h('div.table-scroll', {}, h('table.grid.cards', { id: 'mon-indicators' },
        h('thead', {}, h('tr', {}, MIND.map(([, l]) => h('th', {}, l)), h('th', {}, '灯'), edit ? h('th', {}, h('span.sr', {}, '操作')) : null)), indBody))),
    actions, h('p', { id: 'mon-save-msg', role: 'alert', tabindex: -1 }));
  monSources(srcBody, edit);
  monRows(indBody, edit);
  paintMon(mform.last);
  if (edit) scheduleMonCheck();
}

/* The bureau's desk: units by light at a checkpoint, drill-down by the departments' tree. */
/* 待办: what this account has to do, by kind, each with where to do it. */
async function viewTodo() {
  const before = hashParams().get('before');
  const d = await api('GET', '/api/todo' + (before ? '?before=' + encodeURIComponent(before) : ''));
  const where = (x) => {
    switch (x.kind) {
      case 'checkpoint': return can('review') ? '#/mondesk?' + new URLSearchParams({ year: x.year, day: (x.what.match(/-(\d\d-\d\d)/) || [])[1] || '' }).toString() : '#/monitor';
      case 'followup': return '#/monunit/' + encodeURIComponent(x.unit);
      case 'review': return '#/targets';
      case 'rectification': return can('rectify') ? '#/rect' : '#/years';
      default: return '#/years';
    }
  };
  const groups = ['checkpoint', 'returned', 'review', 'rectification', 'followup'];
  const total = d.items.length;
  const sections = groups.map((k) => {
    const items = d.items.filter((x) => x.kind === k);
    if (!items.length) return null;
    return h('section.todo', { 'aria-labelledby': 'todo-' + k },
      h('h2', { id: 'todo-' + k }, `${items[0].kind_label}（${items.length}）`),
      h('ul', {}, items.map((x) => h('li', {},
        h('a', { href: where(x) }, [x.unit_name || x.unit, x.year ? `${x.year} 年` : '', x.what].filter(Boolean).join(' · ')),
        ' ', h('span.state', {}, x.state),
        x.date ? h('span.when', {}, ` ${x.kind === 'checkpoint' ? '报送期限' : '日期'} ${x.date}` +
          (x.grace_end ? `，宽限至 ${x.grace_end}` : '') +
          (x.kind === 'checkpoint' && x.days >= 0 ? `，还有 ${x.days} 天` : x.kind === 'checkpoint' ? `，已逾期 ${-x.days} 天` : '')) : null,
        x.count ? h('span.count', {}, `，${x.count} 个单位未报`) : null))));
  });
  show(h('h1', {}, '待办'), total ? h('p', { id: 'todo-summary' }, `共 ${total} 项`) : h('p', { id: 'todo-summary' }, '没有待办事项'), sections);
}

async function viewMonDesk() {
  const params = hashParams();
  const d = await api('GET', '/api/monitor/desk?' + params.toString());
  const go = (changes) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) p.set(k, v); else p.delete(k);
    location.hash = '#/mondesk?' + p.toString();
  };
  const year = h('input', { type: 'number', id: 'md-year', name: 'year', value: d.year, min: 2000, max: 2100, style: 'width:6em' });
  const day = h('select', { id: 'md-day', name: 'day' }, d.checkpoints.map((c) => h('option', { value: c.day, selected: c.day === d.day }, `${c.day}（已报 ${c.reports}）`)));
  const light = h('select', { id: 'md-light', name: 'light' }, h('option', { value: '' }, '全部'),
    ['red', 'yellow', 'green'].map((k) => h('option', { value: k, selected: params.get('light') === k }, LIGHT[k])));
  /* the order also as a choice (on a phone the table's headings are not shown) */
  const cur = params.get('sort') ? `${params.get('sort')}:${params.get('dir') === 'desc' ? 'desc' : 'asc'}` : '';
  const sort = h('select', { id: 'md-sort', name: 'sort' }, [['', '红灯在前'], ['rate:asc', '执行进度从低到高'], ['behind:desc', '落后从多到少'],
    ['budget:desc', '全年预算数从大到小'], ['name:asc', '单位名称']].map(([v, l]) => h('option', { value: v, selected: v === cur }, l)));
  const form = h('form.filters', {
    id: 'md-filters', onsubmit: (e) => {
      e.preventDefault();
      const [sk, sd] = sort.value.split(':');
      go({ year: year.value, day: year.value === String(d.year) ? day.value : '', light: light.value, sort: sk, dir: sd });
    }
  }, h('label', { for: 'md-year' }, '年度'), year, h('label', { for: 'md-day' }, '监控时点'), day, h('label', { for: 'md-light' }, '灯'), light,
  h('label', { for: 'md-sort' }, '排序'), sort, h('button', { type: 'submit' }, '筛选'));
  const crumbs = h('nav.crumbs', { 'aria-label': '单位层级' }, h('a', { href: '#/mondesk?' + new URLSearchParams({ year: d.year, day: d.day }).toString() }, '全部'),
    d.path.flatMap((p) => [' › ', h('a', { href: '#/mondesk?' + new URLSearchParams({ year: d.year, day: d.day, under: p.code }).toString() }, p.name)]));
  const sortKey = params.get('sort') || '', dir = params.get('dir') === 'desc' ? -1 : 1;
  const COLS = [['light', '灯'], ['name', '单位'], ['budget', '全年预算数（万元）', 1], ['executed', '累计执行数（万元）', 1], ['rate', '执行进度（%）', 1],
    ['schedule', '序时进度（%）', 1], ['behind', '落后（百分点）', 1], ['ind_red', '指标红灯', 1], ['followup', '跟进']];
  const order = { red: 0, yellow: 1, green: 2, none: 3 };
  const rows = [...d.units];
  if (sortKey) rows.sort((a, b) => dir * (sortKey === 'light' ? order[a.light] - order[b.light] : sortKey === 'name' ? a.name.localeCompare(b.name, 'zh')
    : cmpDec(String(a[sortKey] ?? ''), String(b[sortKey] ?? ''))));
  const th = ([k, l, num]) => h('th' + (num ? '.r' : ''), { 'aria-sort': sortKey === k ? (dir > 0 ? 'ascending' : 'descending') : 'none' },
    h('button.sort', { type: 'button', 'data-sort': k, onclick: () => go({ sort: k, dir: sortKey === k && dir > 0 ? 'desc' : 'asc' }) }, l, sortKey === k ? (dir > 0 ? ' ▲' : ' ▼') : ''));
  const unitLink = (u) => '#/monunit/' + encodeURIComponent(u.code) + '?year=' + d.year;
  const table = h('div.table-scroll', {}, h('table.grid.cards', { id: 'md-units' },
    h('thead', {}, h('tr', {}, COLS.map(th))),
    h('tbody', {}, rows.map((u) => h('tr', { 'data-unit': u.code },
      h('td', { 'data-label': '灯' }, lightBadge(u.light)),
      h('td.name', { 'data-label': '单位' }, h('a', { href: unitLink(u) }, u.name), h('div.deriv', {}, u.code)),
      ['budget', 'executed', 'rate', 'schedule', 'behind'].map((k) => h('td.r', { 'data-label': COLS.find(([c]) => c === k)[1] }, u[k] || '—')),
      h('td.r', { 'data-label': '指标红灯' }, u.ind_red),
      h('td', { 'data-label': '跟进' }, u.followup ? h('a', { href: unitLink(u) + '#followups' }, `#${u.followup} 未关闭`) : '—'))))));
  const c = d.counts;
  show(h('h1', {}, `绩效运行监控 · ${d.year} 年度${d.day ? ' ' + d.day + ' 监控点' : ''}`), crumbs, form,
    d.children.length ? h('p', { id: 'md-children' }, '下级：', d.children.flatMap((x) => [h('a', { href: '#/mondesk?' + new URLSearchParams({ year: d.year, day: d.day, under: x.code }).toString() }, x.name), ' '])) : null,
    h('p', { id: 'md-counts' }, `已报 ${c.reported} 个单位：`, lightBadge('red'), ` ${c.red} · `, lightBadge('yellow'), ` ${c.yellow} · `, lightBadge('green'), ` ${c.green}；未报送 ${d.missing.length} 个`),
    d.day ? (rows.length ? table : h('p.muted', {}, '没有符合条件的单位')) : h('p.muted', { id: 'md-empty' }, `${d.year} 年度还没有监控报告`),
    d.missing.length ? [h('h2', {}, `未报送的单位（${d.missing.length}）`), h('p', { id: 'md-missing' }, d.missing.map((m) => h('span.flag', {}, `${m.name}（${m.code}）`)))] : null);
}

/* One unit over the year: its checkpoints (table and chart), follow-ups, reopening, history. */
async function viewMonUnit(code) {
  const params = hashParams();
  const d = await api('GET', `/api/monitor/units/${encodeURIComponent(code)}?` + params.toString());
  const reviewer = can('review');
  const back = '#/mondesk?' + new URLSearchParams({ year: d.year, ...(d.parent ? { under: d.parent } : {}) }).toString();
  const pts = d.points;
  const table = pts.length ? h('div.table-scroll', {}, h('table.grid.cards', { id: 'mu-points' },
    h('thead', {}, h('tr', {}, ['监控时点', '灯', '全年预算数（万元）', '累计执行数（万元）', '执行进度（%）', '序时进度（%）', '落后（百分点）', '偏差原因', '纠偏措施', '报送'].map((l) => h('th', {}, l)))),
    h('tbody', {}, pts.map((p) => h('tr', {}, h('td', { 'data-label': '监控时点' }, p.day), h('td', { 'data-label': '灯' }, lightBadge(p.light)),
      h('td.r', { 'data-label': '全年预算数（万元）' }, p.budget), h('td.r', { 'data-label': '累计执行数（万元）' }, p.executed),
      h('td.r', { 'data-label': '执行进度（%）' }, p.rate || '—'), h('td.r', { 'data-label': '序时进度（%）' }, p.schedule), h('td.r', { 'data-label': '落后（百分点）' }, p.behind || '—'),
      h('td', { 'data-label': '偏差原因' }, p.cause || '—'), h('td', { 'data-label': '纠偏措施' }, p.fix || '—'),
      h('td', { 'data-label': '报送' }, `第 ${p.version} 版 · ${p.submitted_by} · ${fmtTime(p.submitted_at)}`)))))) : h('p.muted', {}, '本年度还没有监控报告');
  const fus = d.followups.map((f) => {
    const reason = h('textarea', { id: `fu-${f.id}-reason`, rows: 2, maxlength: 600, 'aria-describedby': `fu-${f.id}-err` });
    const err = h('p.error', { id: `fu-${f.id}-err`, role: 'alert' });
    const box = h('div.closeform', { hidden: true }, h('label', { for: `fu-${f.id}-reason` }, '关闭原因（必填）'), reason, err,
      h('button.primary', {
        type: 'button', id: `fu-${f.id}-confirm`, onclick: async (e) => {
          if (!reason.value.trim()) { err.textContent = '请写明关闭原因'; reason.setAttribute('aria-invalid', 'true'); reason.focus(); return; }
          if (!confirm(`关闭跟进事项 #${f.id}？`)) return;
          e.target.disabled = true;
          try { await api('POST', `/api/monitor/followups/${f.id}/close`, { reason: reason.value }); state.flashNext = `已关闭跟进事项 #${f.id}`; await route(); flash(`已关闭跟进事项 #${f.id}`); } catch (x) { err.textContent = x.message; e.target.disabled = false; }
        }
      }, '确认关闭'));
    return h('li.fu' + (f.open ? '.open' : ''), { id: `fu-${f.id}` }, h('strong', {}, `#${f.id} · ${f.day} · ${f.light}灯`), f.open ? h('span.badge.st-returned', {}, '未关闭') : h('span.badge.st-approved', {}, '已关闭'),
      h('div.deriv', {}, f.derivation), h('div.muted', {}, `开启于 ${fmtTime(f.opened_at)}` + (f.open ? '' : `；${f.closed_by} 于 ${fmtTime(f.closed_at)} 关闭：${f.reason}`)),
      f.open && reviewer ? [h('button', { type: 'button', id: `fu-${f.id}-close`, 'aria-expanded': 'false', onclick: (e) => { box.hidden = !box.hidden; e.target.setAttribute('aria-expanded', String(!box.hidden)); if (!box.hidden) reason.focus(); } }, '关闭'), box] : null);
  });
  const locked = d.checkpoints.filter((c) => c.locked);
  let reopen = null;
  if (reviewer && locked.length) {
    const day = h('select', { id: 'ro-day' }, locked.map((c) => h('option', { value: c.day }, c.day)));
    const reason = h('textarea', { id: 'ro-reason', rows: 2, maxlength: 600, 'aria-describedby': 'ro-err' });
    const err = h('p.error', { id: 'ro-err', role: 'alert' });
    reopen = h('div.card', { id: 'reopen' }, h('h2', {}, '重新开放已锁定的监控时点'), h('p.muted', {}, '重新开放后，该单位可在这个时点补报或更正一次。'),
      h('div.fields', {}, h('div.field', {}, h('label', { for: 'ro-day' }, '监控时点'), day), h('div.field.full', {}, h('label', { for: 'ro-reason' }, '原因（必填）'), reason, err)),
      h('button', {
        type: 'button', id: 'ro-submit', onclick: async (e) => {
          if (!reason.value.trim()) { err.textContent = '请写明重新开放的原因'; reason.setAttribute('aria-invalid', 'true'); reason.focus(); return; }
          if (!confirm(`为 ${d.name} 重新开放 ${day.value} 监控时点？`)) return;
          e.target.disabled = true;
          try { await api('POST', `/api/monitor/units/${encodeURIComponent(d.unit)}/reopen`, { year: d.year, day: day.value, reason: reason.value }); await route(); flash(`已重新开放 ${day.value} 监控时点`); } catch (x) { err.textContent = x.message; e.target.disabled = false; }
        }
      }, '重新开放'));
  }
  show(h('nav.crumbs', { 'aria-label': '单位层级' }, h('a', { href: back }, '← 返回' + (d.parent_name || '监控工作台'))),
    h('h1', {}, `${d.name} · ${d.year} 年度运行监控`),
    h('div.card', {}, h('h2', {}, '执行进度与序时进度'), h('div.chart', { id: 'mu-chart', role: 'img', 'aria-label': `${d.name}各监控时点的执行进度与序时进度：` + pts.map((p) => `${p.day} 执行 ${p.rate || '—'}%，序时 ${p.schedule}%`).join('；') })),
    h('h2', {}, '各监控时点'), table,
    h('h2', { id: 'followups' }, `跟进事项（未关闭 ${d.followups.filter((f) => f.open).length}）`),
    fus.length ? h('ul.fus', { id: 'mu-followups' }, fus) : h('p.muted', {}, '没有跟进事项'),
    reopen,
    d.history.length ? h('details.card', { id: 'mu-history' }, h('summary', {}, `记录（${d.history.length} 条）`),
      h('ul', {}, d.history.map((x) => h('li', {}, `${fmtTime(x.at)} ${x.who} · ${x.day} · ${x.action}：${x.detail}`)))) : null);
  if (!window.echarts || !pts.length) return;
  /* every checkpoint of the year on the axis; a checkpoint not reported has no 执行进度 */
  const days = [...new Set([...d.checkpoints.map((c) => c.day), ...pts.map((p) => p.day)])].sort();
  const at = (day) => pts.find((p) => p.day === day);
  const c = echarts.init(document.getElementById('mu-chart'));
  c.setOption({
    grid: { left: 48, right: 16, top: 36, bottom: 32, containLabel: true }, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'category', data: days }, yAxis: { type: 'value', max: 100, name: '%' },
    series: [{ name: '执行进度', type: 'line', connectNulls: false, data: days.map((x) => at(x) && at(x).rate !== '' ? Number(at(x).rate) : null), label: { show: true }, itemStyle: { color: '#1f5fa8' } },
      { name: '序时进度', type: 'line', data: days.map((x) => Number(at(x) ? at(x).schedule : schedulePct(d.year, x))), lineStyle: { type: 'dashed' }, itemStyle: { color: '#a35a00' } }]
  });
  window.addEventListener('resize', () => c.resize());
}

/* ---- routing ------------------------------------------------------------------------------ */
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
  try {
    switch (parts[0]) {
      case 'login': return viewLogin();
      case 'year': return await viewYear(parts[1]);
      case 'desk': return await viewDesk();
      case 'dashboard': return await viewDashboard();
      case 'rect': return await viewRect();
      case 'users': return await viewUsers();
      case 'targets': return await viewTargets();
      case 'target': return await viewTarget(parts[1]);
      case 'years': return await viewYears();
      case 'todo': return await viewTodo();
      case 'monitor': return await viewMonitor();
      case 'mondesk': return await viewMonDesk();
      case 'monunit': return await viewMonUnit(decodeURIComponent(parts[1] || ''));
      default: location.hash = can('review') ? '#/desk' : '#/years';
    }
  } catch (e) {
    if (e.stale) return;
    if (e.status !== 401) show(h('p.error', {}, e.message));
  }
}

window.addEventListener('hashchange', () => { flash(state.flashNext || ''); state.flashNext = null; route(); });
window.addEventListener('DOMContentLoaded', route);
