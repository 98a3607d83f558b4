/* review.js — the bureau's pages: the review desk, the dashboard, rectification and accounts.
 * Loaded after core.js. */
'use strict';

/* ---- the bureau: the desk and its analyses -------------------------------------------------- */
/* The desk's tabs: the list of department-years, then the store's analyses (GET /api/analysis). */
const DESK_TABS = [['list', '复核列表'], ['rank', '排名'], ['flags', '自评与数据不一致'], ['yoy', '同比变化'], ['stats', '得分分布'],
  ['missing', '报送情况'], ['totals', '分类汇总']];
const RANK_BY = [['total', '得分'], ['execution', '预算执行率'], ['indicators', '指标得分'], ['attainment', '指标完成率']];
const DESK_LEVELS = [['unit', '单位'], ['authority', '主管部门'], ['bureau', '财政局']];

const deskParams = () => new URLSearchParams(location.hash.split('?')[1] || '');
/* Go to the desk with params changed (empty values dropped); the URL holds every filter. */
const deskGo = (params, changes) => listGo('#/desk', params, changes);

/* A column head that sorts (server side) by key: a button, aria-sort on the head. */
function sortHead(params, key, label, numeric, cls) {
  const on = params.get('sort') === key, desc = params.get('dir') === 'desc';
  return h('th' + (numeric ? '.r' : '') + (cls || ''), { 'aria-sort': on ? (desc ? 'descending' : 'ascending') : 'none', scope: 'col' },
    h('button.sort', { type: 'button', 'data-sort': key, title: `按${label}排序`,
      onclick: () => deskGo(params, { sort: key, dir: on ? (desc ? 'asc' : 'desc') : (numeric ? 'desc' : 'asc'), page: '' }) },
    label, on ? (desc ? ' ▼' : ' ▲') : ''));
}

/* Links that download the list as it is filtered and sorted (all its rows, not the page). */
function exportLinks(path, params) {
  const p = new URLSearchParams(params);
  p.delete('page'); p.delete('per'); p.delete('tab');
  const url = (f) => { const q = new URLSearchParams(p); q.set('format', f); return path + '?' + q.toString(); };
  return h('p.export', {}, '导出全部：', h('a', { href: url('xlsx'), download: '', id: 'export-xlsx' }, 'Excel 表格（XLSX）'), ' · ',
    h('a', { href: url('csv'), download: '', id: 'export-csv' }, 'CSV 表格'));
}

/* A row that opens href when clicked anywhere (the link in it stays the keyboard's way). */
function clickRow(tr, href) {
  tr.classList.add('clickable');
  tr.addEventListener('click', (e) => { if (!e.target.closest('a,button,input,select')) location.hash = href; });
  return tr;
}

async function viewDesk() {
  const params = deskParams();
  const tab = params.get('tab') || 'list';
  const tabs = h('nav.tabs', { 'aria-label': '复核与分析' }, DESK_TABS.map(([k, label]) => {
    const p = new URLSearchParams();
    if (params.get('year')) p.set('year', params.get('year'));
    if (k !== 'list') p.set('tab', k);
    return h('a' + (k === tab ? '.on' : ''), { href: '#/desk?' + p.toString(), 'aria-current': k === tab ? 'page' : null, 'data-tab': k }, label);
  }));
  if (tab === 'list') return deskList(params, tabs);
  return deskAnalysis(params, tab, tabs);
}

async function deskList(params, tabs) {
  const q = new URLSearchParams(params);
  const d = await api('GET', '/api/desk?' + q.toString());
  const year = h('input', { type: 'number', name: 'year', value: params.get('year') || d.year || '', 'aria-label': '年度', style: 'width:6em' });
  const status = h('select', { name: 'status', 'aria-label': '状态' }, h('option', { value: '' }, '全部状态'),
    Object.entries(STATUS).map(([k, v]) => h('option', { value: k, selected: params.get('status') === k }, v)));
  const search = h('input', { type: 'search', name: 'q', value: params.get('q') || '', placeholder: '部门名称或代码', 'aria-label': '搜索' });
  const onlyFlags = h('input', { type: 'checkbox', id: 'only-flags', checked: params.get('flags') === '1' });
  const form = h('form.filters', {
    onsubmit: (e) => {
      e.preventDefault();
      deskGo(params, { year: year.value, status: status.value, q: search.value, flags: onlyFlags.checked ? '1' : '', page: '' });
    }
  }, year, status, search, h('label', {}, onlyFlags, ' 只看有提示的'), h('button', { type: 'submit' }, '筛选'));
  /* on a phone the column heads are hidden (each row is a card): the order is chosen here */
  const cur = params.get('sort') ? `${params.get('sort')}:${params.get('dir') === 'desc' ? 'desc' : 'asc'}` : '';
  const order = h('select.show-phone', { id: 'desk-order', 'aria-label': '排序', onchange: () => { const [k, dir] = order.value.split(':'); deskGo(params, { sort: k, dir, page: '' }); } },
    [['', '按编码（默认）'], ['name:asc', '部门名称'], ['total:desc', '计算得分从高到低'], ['total:asc', '计算得分从低到高'], ['execution:asc', '执行率从低到高'], ['change:asc', '比上年下降最多']]
      .map(([v, t]) => h('option', { value: v, selected: v === cur }, t)));
  form.append(order);
  const counts = Object.entries(STATUS).map(([k, v]) => `${v} ${d.counts[k] || 0}`).join(' · ');
  const head = h('tr', {}, sortHead(params, 'name', '部门', false), sortHead(params, 'status', '状态', false),
    sortHead(params, 'total', '计算得分', true), sortHead(params, 'stated', '自评得分', true),
    sortHead(params, 'execution', '执行率%', true), sortHead(params, 'change', '比上年', true),
    h('th', { scope: 'col' }, '提示'));
  const body = d.years.map((y) => clickRow(h('tr', { 'data-id': y.id },
    h('td', { 'data-label': '部门' }, h('a', { href: '#/year/' + y.id }, y.department_name),
      y.kind === 'department' ? null : h('div.deriv', {}, y.kind.replace(/^project:/, '项目：'))),
    h('td', { 'data-label': '状态' }, badge(y.status, y.awaiting)), h('td.r', { 'data-label': '计算得分' }, ...totalCell(y)),
    h('td.r', { 'data-label': '自评得分' }, y.stated_total ?? '—'), h('td.r', { 'data-label': '执行率%' }, y.execution_rate ?? '—'),
    h('td.r', { 'data-label': '比上年', title: y.previous_total != null ? `上年 ${y.previous_total} 分` : '上年没有可比的得分' },
      y.change == null ? '—' : (Number(y.change) > 0 ? '+' : '') + y.change),
    h('td', { 'data-label': '提示' }, y.flags.map((f) => h('span.flag', {}, f)))), '#/year/' + y.id));
  const per = d.per, page = d.page;
  show(h('h1', {}, `复核工作台 · ${d.year} 年度`), tabs, form, h('p.muted', { id: 'desk-counts' }, counts),
    d.years.length ? [h('div.table-scroll', {}, h('table.grid.cards', { id: 'desk-list' }, h('thead', {}, head), h('tbody', {}, body))),
      pager('#/desk', params, d.total, page, per), exportLinks('/api/desk', new URLSearchParams({ ...Object.fromEntries(params), year: d.year }))]
      : h('p.muted', {}, '没有符合条件的数据'),
    h('h2', {}, `未报送的单位（${d.missing_total}）`),
    d.missing.length ? h('p', { id: 'desk-missing' }, d.missing.map((m) => h('span.flag', {}, `${m.name}（${m.department}）`)),
      d.missing_total > d.missing.length ? h('a', { href: `#/desk?tab=missing&year=${d.year}` }, `……全部 ${d.missing_total} 个见“报送情况”`) : null)
      : h('p.muted', {}, '全部已报送'));
}

async function deskAnalysis(params, tab, tabs) {
  const d = await api('GET', '/api/analysis?' + (() => { const p = new URLSearchParams(params); p.set('what', tab); p.delete('tab'); return p.toString(); })());
  const year = h('input', { type: 'number', name: 'year', value: d.year, 'aria-label': '年度', style: 'width:6em' });
  const extra = [];
  const byNow = params.get('by') || 'total', known = RANK_BY.some(([k]) => k === byNow);
  const bySel = h('select', { id: 'rank-by', name: 'by', 'aria-label': '排名依据' }, RANK_BY.map(([k, v]) => h('option', { value: k, selected: known && byNow === k }, `按${v}`)),
    h('option', { value: '', selected: !known }, '按评分块…'));
  const block = h('input', { id: 'rank-block', name: 'block', value: known ? '' : byNow, placeholder: '评分块名称，如 目标管理', 'aria-label': '评分块名称', hidden: known, style: 'width:12em' });
  bySel.addEventListener('change', () => { block.hidden = bySel.value !== ''; if (!block.hidden) block.focus(); });
  const level = h('select', { name: 'level', 'aria-label': '层级' }, DESK_LEVELS.map(([k, v]) => h('option', { value: k, selected: (params.get('level') || 'unit') === k }, v)));
  if (tab === 'rank') extra.push(bySel, block, level);
  if (tab === 'stats' || tab === 'totals') extra.push(level);
  const form = h('form.filters', {
    onsubmit: (e) => {
      e.preventDefault();
      deskGo(params, { year: year.value, by: tab === 'rank' ? (bySel.value || block.value.trim()) : '', level: tab === 'rank' || tab === 'stats' || tab === 'totals' ? level.value : '', page: '', sort: '', dir: '' });
    }
  }, year, extra, h('button', { type: 'submit' }, '查看'));
  const cols = d.columns.filter((c) => c.key !== 'bar');
  const at = cols.map((c) => d.columns.indexOf(c));
  const codeAt = d.columns.findIndex((c) => c.key === 'code');
  const head = h('tr', {}, cols.map((c) => sortHead(params, c.key, c.label, c.numeric)));
  const body = d.rows.map((row) => {
    const tr = h('tr', {}, at.map((i, k) => h('td' + (cols[k].numeric ? '.r' : ''), { 'data-label': cols[k].label },
      i === codeAt ? h('a', { href: `#/desk?year=${d.year}&q=${encodeURIComponent(row[i])}` }, row[i]) : row[i])));
    return codeAt >= 0 ? clickRow(tr, `#/desk?year=${d.year}&q=${encodeURIComponent(row[codeAt])}`) : tr;
  });
  show(h('h1', {}, `复核工作台 · ${d.year} 年度 · ${d.title}`), tabs, form, h('p.muted', { id: 'analysis-footer' }, d.footer),
    d.rows.length ? [h('div.table-scroll', {}, h('table.grid.cards', { id: 'analysis-table' }, h('thead', {}, head), h('tbody', {}, body))),
      pager('#/desk', params, d.total, d.page, d.per), exportLinks('/api/analysis', new URLSearchParams({ ...Object.fromEntries(params), what: tab, year: d.year }))]
      : h('p.muted', {}, '没有数据'));
}

/* ---- the dashboard ------------------------------------------------------------------------------ */
const shortName = (s, n) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
/* Text for ECharts' HTML tooltips (a department's name is data, never markup). */
const escHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function viewDashboard() {
  const params = deskParams();
  const d = await api('GET', '/api/dashboard?' + params.toString());
  const go = (changes) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v) p.set(k, v); else p.delete(k); }
    location.hash = '#/dashboard?' + p.toString();
  };
  const years = [...new Set([d.year, ...d.years.map((y) => y.year)])].sort((a, b) => b - a);
  const yearSel = h('select', { id: 'dash-year', 'aria-label': '年度', onchange: () => go({ year: yearSel.value }) },
    years.map((y) => h('option', { value: y, selected: y === d.year }, `${y} 年度`)));
  const box = (id, title, note) => h('div.card', {}, h('h2', {}, title), note ? h('p.muted', {}, note) : null, h('div.chart', { id }));
  const left = d.incomplete ? h('p.muted', { id: 'dash-incomplete' }, `另有 ${d.incomplete} 个不完整的部门年度（有未计分项，没有总分）未计入得分分布和平均得分`) : null;
  show(h('h1', {}, `统计图表 · ${d.year} 年度`), h('form.filters', { onsubmit: (e) => e.preventDefault() }, h('label', { for: 'dash-year' }, '年度'), yearSel), left,
    drillSection(d, go),
    h('div.charts', {}, box('c-dist', '得分分布'), box('c-exec', '预算执行率最高的 10 个部门', '名称过长时缩写，鼠标移到柱上看全称'),
      box('c-exec-low', '预算执行率最低的 10 个部门'), box('c-att', '各类指标达成率'), box('c-yoy', '历年平均得分')));
  if (!window.echarts) { flash('图表库未加载', true); return; }
  const mk = (id, opt) => { const c = echarts.init(document.getElementById(id)); c.setOption(opt); window.addEventListener('resize', () => c.resize()); };
  const num = (s) => Number(s);
  const grid = { left: 48, right: 16, top: 24, bottom: 40, containLabel: true };
  const narrow = window.innerWidth < 600;
  const cat = (data) => ({ type: 'category', data, axisLabel: { interval: 0, fontSize: narrow ? 10 : 12, rotate: narrow ? 30 : 0 } });
  mk('c-dist', { grid, tooltip: {}, xAxis: cat(d.distribution.map((b) => b.bin)), yAxis: { type: 'value', minInterval: 1, name: '部门数' },
    series: [{ type: 'bar', data: d.distribution.map((b) => b.count), itemStyle: { color: '#a3161a' } }] });
  const execChart = (id, rows, color) => mk(id, { grid: { ...grid, left: 8 },
    tooltip: { formatter: (p) => `${escHtml(rows[rows.length - 1 - p.dataIndex].department)}<br>执行率 ${p.value}%` },
    xAxis: { type: 'value', name: '%', max: (v) => Math.max(100, Math.ceil(v.max)) },
    yAxis: { type: 'category', data: rows.map((e) => shortName(e.department, narrow ? 8 : 14)).reverse(), axisLabel: { fontSize: narrow ? 10 : 12 } },
    series: [{ type: 'bar', data: rows.map((e) => num(e.rate)).reverse(), itemStyle: { color }, label: { show: true, position: 'insideRight', color: '#fff', formatter: '{c}%' } }] });
  execChart('c-exec', d.execution, '#1f5fa8');
  execChart('c-exec-low', d.execution_low, '#b35c00');
  mk('c-att', { grid, tooltip: {}, xAxis: cat(d.attainment.map((a) => a.level1)), yAxis: { type: 'value', max: 100, name: '%' },
    series: [{ type: 'bar', data: d.attainment.map((a) => num(a.rate)), itemStyle: { color: '#1c7c3a' } }] });
  mk('c-yoy', { grid, tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: d.years.map((y) => String(y.year)) }, yAxis: { type: 'value', min: (v) => Math.floor(v.min - 5), name: '平均分' },
    series: [{ type: 'line', data: d.years.map((y) => num(y.average)), label: { show: true } }] });
}

/* The drill-down: 财政局 → 主管部门 → 单位, each with DHIS2's reporting rates. */
function drillSection(d, go) {
  const dr = d.drill, pct = (v) => (v == null ? '—' : v + '%');
  const crumbs = h('nav.crumbs', { 'aria-label': '层级', id: 'drill-path' }, h('a', { href: '#', onclick: (e) => { e.preventDefault(); go({ under: '' }); } }, '全部'),
    dr.path.flatMap((p) => [' › ', h('a', { href: '#', onclick: (e) => { e.preventDefault(); go({ under: p.code }); } }, p.name)]));
  const n = dr.node;
  const rows = dr.children.map((c) => h('tr', { 'data-code': c.code },
    h('td', { 'data-label': '部门' }, c.has_children
      ? h('a', { href: '#', title: `查看${c.name}下属单位`, onclick: (e) => { e.preventDefault(); go({ under: c.code }); } }, c.name)
      : c.level === 'unit' ? h('a', { href: `#/desk?year=${d.year}&q=${encodeURIComponent(c.code)}` }, c.name) : c.name),
    h('td.r', { 'data-label': '应报单位' }, c.units), h('td.r', { 'data-label': '已报送' }, c.reported),
    h('td.r', { 'data-label': '报送率' }, pct(c.completeness)), h('td.r', { 'data-label': '按时报送' }, c.on_time),
    h('td.r', { 'data-label': '及时率' }, pct(c.timeliness)), h('td.r', { 'data-label': '平均得分' }, c.average ?? '—')));
  return h('section.card', { id: 'drill' }, h('h2', {}, '报送情况与得分（逐级查看）'), crumbs,
    h('p', { id: 'drill-rates' }, `${n.name}：应报 ${n.units} 个单位，已报送 ${n.reported} 个（报送率 ${pct(n.completeness)}），`,
      dr.deadline ? `截止 ${dr.deadline} 前报送 ${n.on_time} 个（及时率 ${pct(n.timeliness)}）` : '本年度没有设截止日期，不计及时率',
      n.average != null ? `；平均得分 ${n.average}` : ''),
    h('p.muted', {}, '报送率 = 已提交的单位 ÷ 应报单位；及时率 = 在截止日期前首次提交的单位 ÷ 应报单位。点部门名称查看其下属单位。'),
    rows.length ? h('div.table-scroll', {}, h('table.grid.cards', { id: 'drill-table' }, h('thead', {}, h('tr', {},
      ['部门', '应报单位', '已报送', '报送率', '按时报送', '及时率', '平均得分'].map((t, i) => h('th' + (i ? '.r' : ''), { scope: 'col' }, t)))),
    h('tbody', {}, rows))) : h('p.muted', {}, '没有下级单位'),
    h('p.export', {}, '导出此表：', ['xlsx', 'csv'].map((f, i) => [i ? ' · ' : '', h('a', { id: 'drill-' + f, download: '',
      href: `/api/dashboard?${new URLSearchParams({ year: d.year, ...(dr.path.length ? { under: dr.path[dr.path.length - 1].code } : {}), format: f })}` },
    f === 'xlsx' ? 'Excel 表格（XLSX）' : 'CSV 表格')]).flat()));
}

async function viewRect() {
  const d = await api('GET', '/api/rectifications');
  const rows = d.rectifications.map((r) => {
    const note = h('input', { placeholder: '整改结果', 'aria-label': '整改结果' });
    return h('tr', {}, h('td', {}, h('a', { href: '#/year/' + r.year_id }, r.department_name), ' ', r.year), h('td', {}, r.item),
      h('td.hide-phone', {}, r.opened_by, h('div.deriv', {}, localTime(r.opened_at))),
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

VIEWS.desk = () => viewDesk();
VIEWS.dashboard = () => viewDashboard();
VIEWS.rect = () => viewRect();
VIEWS.users = () => viewUsers();
