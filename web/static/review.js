/* review.js — the bureau's pages: the review desk, the dashboard, rectification and accounts.
 * Loaded after core.js. */
'use strict';

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
