/* decl.js — 绩效目标申报 on the workbench: the officer's declaration form and the target desk.
 * Loaded after core.js. */
'use strict';

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
    returned ? h('div.comment.returned', { id: 'decl-returned', role: 'note' }, h('strong', {}, '已退回修改'), `（${returned.who}，${localTime(returned.at)}）：${returned.text}`) : null,
    h('div.card', { id: 'decl-summary', 'aria-live': 'polite' }),
    h('div.card', {}, h('h2', {}, '项目信息'), h('div.fields', {}, head, DFIELDS.map(field)),
      decl ? h('p.muted', {}, `第 ${decl.version} 版 · 更新于 ${localTime(decl.updated_at)}`) : null),
    h('h2', {}, '绩效指标'), findingBox('indicators'), grid,
    h('datalist', { id: 'dl-level1' }, Object.keys(LEVELS).map((k) => h('option', { value: k }))),
    h('datalist', { id: 'dl-level2' }, Object.values(LEVELS).flat().map((k) => h('option', { value: k }))),
    actions, flow,
    comments.length ? h('div.card', { id: 'decl-comments' }, h('h2', {}, '审核意见'),
      comments.map((c) => h('div.comment', {}, `${c.step_label} · ${c.who}（${localTime(c.at)}）：${c.text}`))) : null,
    d && d.history && d.history.rows.length ? h('details.card', { id: 'decl-history' }, h('summary', {}, `修改记录（${d.history.total} 条）`),
      h('div.table-scroll', {}, h('table.grid', {}, h('thead', {}, h('tr', {}, d.history.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, d.history.rows.map((row) => h('tr', {}, row.map((c) => h('td', {}, c)))))))) : null);
  if (edit) indicatorRows(tbody);
  if (fresh) scheduleDeclCheck(); else paintFindings(d.review);
  dform.dirty = false;
}

VIEWS.targets = () => viewTargets();
VIEWS.target = (p) => viewTarget(p[1]);
