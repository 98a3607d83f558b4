/* monitor.js — 绩效运行监控 and 待办 on the workbench: the checkpoint form, the desk by light,
 * one unit over the year, and each role's due items.  Loaded after core.js. */
'use strict';

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
      case 'approval': return '#/year/' + x.id;
      case 'rectification': return can('rectify') ? '#/rect' : '#/years';
      default: return '#/years';
    }
  };
  const groups = ['approval', 'checkpoint', 'returned', 'review', 'rectification', 'followup'];
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
      go({ year: year.value, day: year.value === String(d.year) ? day.value : '', light: light.value, sort: sk, dir: sd, page: '' });
    }
  }, h('label', { for: 'md-year' }, '年度'), year, h('label', { for: 'md-day' }, '监控时点'), day, h('label', { for: 'md-light' }, '灯'), light,
  h('label', { for: 'md-sort' }, '排序'), sort, h('button', { type: 'submit' }, '筛选'));
  const crumbs = h('nav.crumbs', { 'aria-label': '单位层级' }, h('a', { href: '#/mondesk?' + new URLSearchParams({ year: d.year, day: d.day }).toString() }, '全部'),
    d.path.flatMap((p) => [' › ', h('a', { href: '#/mondesk?' + new URLSearchParams({ year: d.year, day: d.day, under: p.code }).toString() }, p.name)]));
  const sortKey = params.get('sort') || '', dir = params.get('dir') === 'desc' ? -1 : 1;
  const COLS = [['light', '灯'], ['name', '单位'], ['budget', '全年预算数（万元）', 1], ['executed', '累计执行数（万元）', 1], ['rate', '执行进度（%）', 1],
    ['schedule', '序时进度（%）', 1], ['behind', '落后（百分点）', 1], ['ind_red', '指标红灯', 1], ['followup', '跟进']];
  const rows = d.units; /* sorted and cut to a page by the server */
  const th = ([k, l, num]) => h('th' + (num ? '.r' : ''), { 'aria-sort': sortKey === k ? (dir > 0 ? 'ascending' : 'descending') : 'none' },
    h('button.sort', { type: 'button', 'data-sort': k, onclick: () => go({ sort: k, dir: sortKey === k && dir > 0 ? 'desc' : 'asc', page: '' }) }, l, sortKey === k ? (dir > 0 ? ' ▲' : ' ▼') : ''));
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
    h('p', { id: 'md-counts' }, `已报 ${c.reported} 个单位：`, lightBadge('red'), ` ${c.red} · `, lightBadge('yellow'), ` ${c.yellow} · `, lightBadge('green'), ` ${c.green}；未报送 ${d.missing_total} 个`),
    d.day ? (rows.length ? table : h('p.muted', {}, '没有符合条件的单位')) : h('p.muted', { id: 'md-empty' }, `${d.year} 年度还没有监控报告`),
    d.day && (d.total > d.per || d.page > 1) ? pager('#/mondesk', params, d.total, d.page, d.per) : null,
    d.missing_total ? [h('h2', {}, `未报送的单位（${d.missing_total}）`), h('p', { id: 'md-missing' }, d.missing.map((m) => h('span.flag', {}, `${m.name}（${m.code}）`)),
      d.missing_total > d.missing.length ? h('span.muted', {}, ` 等 ${d.missing_total} 个（列出前 ${d.missing.length} 个）`) : null)] : null);
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

VIEWS.todo = () => viewTodo();
VIEWS.monitor = () => viewMonitor();
VIEWS.mondesk = () => viewMonDesk();
VIEWS.monunit = (p) => viewMonUnit(decodeURIComponent(p[1] || ''));
