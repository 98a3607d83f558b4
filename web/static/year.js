/* year.js — one department-year on the workbench: the form with its live check, evidence, the
 * approval card of approve.js and rectification items.  Loaded after core.js (shared helpers). */
'use strict';

/* ---- one department-year: the form ---------------------------------------------------- */
/* Fields the server did not take (a weight of 一): `${index}:${key}` → its message, shown at the field. */
const fieldErrors = new Map();

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
      if (typeof formMirror === 'function') formMirror(ind.index, key, ev.target.value); /* the same field below */
      scheduleCheck();
    }
  });
}

/* The whole-year form below holds the same indicator fields: an edit made there is shown
 * here and held there alone (the last place typed in holds an edit; both saves send both). */
function gridMirror(index, key, value) {
  const e = state.edits.get(index);
  if (e && key in e) {
    delete e[key];
    if (!Object.keys(e).length) state.edits.delete(index);
  }
  const input = document.querySelector(`#indicators input[data-index="${index}"][data-key="${key}"]`);
  if (input) { input.value = value; input.title = value; input.closest('tr').classList.add('changed'); }
}

/* The body of a check or a save: the grid's edits, and the whole-year form's when it is shown. */
const yearBody = (yr) => (typeof setBody === 'function' && YF.year ? setBody() : { base_version: yr.version, ...editsBody() });

/* Mark the fields of `rejected` (the server's [{index, key, message}]) red with the message
 * beside each one; every other field loses its mark. */
function paintFieldErrors(rejected) {
  fieldErrors.clear();
  for (const r of rejected || []) if (r.index !== undefined && r.key) fieldErrors.set(`${r.index}:${r.key}`, r.message);
  document.querySelectorAll('#indicators input[data-key]').forEach((input) => {
    const id = `err-${input.dataset.index}-${input.dataset.key}`;
    const msg = fieldErrors.get(`${input.dataset.index}:${input.dataset.key}`);
    let note = document.getElementById(id);
    if (msg) {
      if (!note) { note = h('span.field-error', { id, role: 'alert' }); input.after(note); }
      note.textContent = msg;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', id);
      input.closest('td').classList.add('invalid');
    } else {
      note?.remove();
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
      input.closest('td').classList.remove('invalid');
    }
  });
}

function scheduleCheck() {
  clearTimeout(state.timer);
  state.timer = setTimeout(liveCheck, 350);
  if (!state.saving) document.getElementById('save')?.removeAttribute('disabled');
}

function editsBody() {
  return { indicators: [...state.edits.entries()].map(([index, e]) => ({ index, ...e })) };
}

async function liveCheck() {
  const seq = ++state.seq;
  try {
    const d = await api('POST', `/api/years/${state.year.year.id}/check`, yearBody(state.year.year));
    if (seq !== state.seq) return; /* a newer check is on its way */
    paintEvaluation(d.evaluation, true);
    paintFieldErrors(d.rejected);
  } catch (e) { if (seq === state.seq) flash(e.message, true); }
}

/* Year over year: the year before's total (its page when it can be read) and the change of
 * the stored totals; an incomplete year, either one, has none to compare. */
function yoy(p) {
  if (!p) return h('span.muted', { id: 'yoy' }, '上年没有可比的得分');
  const change = p.change == null ? '本年得分不完整，不比较' : `比上年 ${p.change > 0 ? '+' : ''}${p.change} 分`;
  return h('span', { id: 'yoy' }, h('a', { href: '#/year/' + p.id }, `上年（${p.year} 年度）${p.total} 分${p.grade ? ' ' + p.grade : ''}`), ' · ', change);
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
    /* no line numbers of the file on the web: the code and the message */
    list.replaceChildren(...(ds.length ? ds.map((g) => h('li.' + g.severity, {}, `${g.code} ${g.message}`))
      : [h('li.note', {}, '没有发现问题')]));
    document.getElementById('diag-count').textContent = `（错误 ${ds.filter((g) => g.severity === 'error').length}，警告 ${ds.filter((g) => g.severity === 'warning').length}）`;
  }
}

/* ---- unsaved edits: a warning before they are lost ------------------------------------ */
const unsaved = () => location.hash.startsWith('#/year/') && state.edits && state.edits.size > 0;
window.addEventListener('beforeunload', (ev) => {
  if (!unsaved()) return;
  ev.preventDefault();
  ev.returnValue = ''; /* the browser shows its own question */
});
const leaveQuestion = () => `有 ${state.edits.size} 项指标的修改尚未保存，离开本页将丢失这些修改。确定离开吗？`;
/* A link inside the workbench: asked before the address changes; "cancel" stays put. */
document.addEventListener('click', (ev) => {
  const a = ev.target.closest && ev.target.closest('a[href^="#"]');
  if (!a || !unsaved() || a.getAttribute('href') === location.hash) return;
  if (confirm(leaveQuestion())) { state.edits = new Map(); return; }
  ev.preventDefault();
}, true);
/* Any other change of the address (the back button, a typed address): asked; on "cancel"
 * the address goes back and the form is drawn again with the edits as they were. */
window.addEventListener('hashchange', (ev) => {
  const from = new URL(ev.oldURL).hash;
  if (state.returning) { state.returning = false; return; }
  if (!from.startsWith('#/year/') || !state.edits || !state.edits.size) return;
  if (confirm(leaveQuestion())) { state.edits = new Map(); return; }
  state.keep = { id: from.split('/')[2], edits: state.edits, rejected: [...fieldErrors].map(([k, message]) => ({ index: Number(k.split(':')[0]), key: k.split(':')[1], message })) };
  state.returning = true;
  location.replace(ev.oldURL);
});

/* Save the edits once: the button is busy until the answer, a second click does nothing. */
async function saveYear(yr, button) {
  if (state.saving) return;
  state.saving = true;
  clearTimeout(state.timer);
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = '保存中…';
  try {
    const r = await api('PUT', '/api/years/' + yr.id, yearBody(yr));
    if (typeof YF !== 'undefined') YF.set.clear(); /* the form's edits went with it */
    const rejected = r.rejected || [];
    /* the fields not taken stay in the form, marked, to be corrected */
    const keep = new Map();
    for (const x of rejected) {
      if (x.index === undefined || !x.key) continue;
      keep.set(x.index, { ...(keep.get(x.index) || {}), [x.key]: state.edits.get(x.index)?.[x.key] ?? '' });
    }
    state.edits = keep;
    state.keep = { id: yr.id, edits: keep, rejected };
    await route();
    const formRefused = rejected.filter((x) => x.path && x.index === undefined).map((x) => `${x.field || x.path}：${x.message}`);
    const left = (rejected.length - formRefused.length ? `；${rejected.length - formRefused.length} 项未保存，见标红的格子` : '') +
      (formRefused.length ? `；以下内容未能保存：${formRefused.join('；')}` : '');
    flash((r.unchanged ? '没有变化，未生成新版本' : `已保存为第 ${r.version} 版` + (r.errors ? `（有 ${r.errors} 个错误，提交前请改正）` : '')) + left, !!rejected.length);
  } catch (e) {
    flash(e.message, true);
    button.disabled = false;
    button.textContent = '保存';
  } finally {
    state.saving = false;
    button.removeAttribute('aria-busy');
  }
}

async function uploadEvidence(y, ind, input) {
  const file = input.files[0];
  if (!file || input.getAttribute('aria-busy')) return;
  input.setAttribute('aria-busy', 'true'); input.disabled = true; /* busy while it uploads */
  try {
    await api('POST', `/api/years/${y.year.id}/evidence?indicator=${ind.index}&name=${encodeURIComponent(file.name)}`, await file.arrayBuffer(), true);
    await route();
    flash('已上传：' + file.name);
  } catch (e) { flash(e.message, true); } finally { input.removeAttribute('aria-busy'); input.disabled = false; }
}

async function deleteEvidence(e) {
  if (!confirm(`删除佐证材料“${e.name}”？`)) return;
  try {
    await api('DELETE', '/api/evidence/' + e.id);
    await route();
    flash('已删除：' + e.name);
  } catch (err) { flash(err.message, true); }
}

async function viewYear(id) {
  const y = await api('GET', '/api/years/' + id);
  state.year = y;
  /* after a save, the fields it did not take stay in the form */
  const keep = state.keep && String(state.keep.id) === String(id) ? state.keep : null;
  state.keep = null;
  state.edits = keep ? keep.edits : new Map();
  const yr = y.year, ev = y.evaluation;
  const own = state.me.department === yr.department, open = yr.status === 'draft' || yr.status === 'returned';
  const editable = can('edit') && own && open;
  /* comment boxes for whoever may review: the head before submission, each level after it
   * (approve.js takes them away when the server says this account has no step to take) */
  const headReview = can('send_back') && own && open;
  const reviewing = (can('approve') && yr.status === 'submitted') || headReview;
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
      h('td.evidence', { 'data-label': '佐证材料' }, ev2.map((e) => h('span.ev', {}, h('a', { href: '/api/evidence/' + e.id }, e.name), h('span.muted', {}, ' ' + fmtSize(e.size)),
        editable ? h('button.del', { type: 'button', title: '删除', 'aria-label': '删除“' + e.name + '”', 'data-delete': e.id, onclick: (ev) => busy(ev.currentTarget, '删除中…', () => deleteEvidence(e)) }, '删除') : null)), upload));
  });

  const actions = h('div.actions', {});
  if (editable) {
    actions.append(h('button.primary', {
      type: 'button', id: 'save', disabled: !state.edits.size, onclick: (ev) => saveYear(yr, ev.currentTarget)
    }, '保存'));
  }
  /* the workflow: submit, the approval chain by level, publish (approve.js) */
  const approval = approvalPanel(y, () => [...comments.entries()].map(([indicator, text]) => ({ indicator, text })));
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
        h('span', { id: 'exec-rate' }), yoy(y.previous),
        h('span.muted', {}, `第 ${yr.version} 版 · 更新于 ${localTime(yr.updated_at)}`)),
      actions, reports),
    approval,
    general.length ? h('div.card', {}, h('h2', {}, '复核意见'), general.map((c) => h('div.comment', {}, `${c.who}（${localTime(c.at)}）：${c.text}`))) : null,
    h('div.table-scroll', {}, h('table.grid', { id: 'indicators' },
      h('thead', {}, h('tr', {}, h('th', {}, '一级/二级指标'), h('th', {}, '三级指标'), h('th', {}, '性质'), h('th', {}, '指标值'),
        h('th', {}, '权重'), h('th', {}, '实际完成值'), h('th', {}, '自评分'), h('th.r', {}, '计算得分'), h('th.hide-phone', {}, '偏差原因'), h('th', {}, '佐证材料'))),
      h('tbody', {}, rows))),
    h('div.card', {}, h('h2', {}, '检查结果 ', h('span.muted', { id: 'diag-count' })), h('ul.diags', { id: 'diags', tabindex: 0, 'aria-label': '检查结果列表' })),
    rect,
    y.history && y.history.rows.length ? h('details.card', { id: 'history' }, h('summary', {}, `修改记录（${y.history.total} 条）`),
      h('div.table-scroll', {}, h('table.grid', {}, h('thead', {}, h('tr', {}, y.history.columns.map((c) => h('th', {}, c)))),
        h('tbody', {}, y.history.rows.map((row) => h('tr', {}, row.map((c) => h('td', {}, c)))))))) : null);
  paintEvaluation(ev, false);
  if (keep) {
    paintFieldErrors(keep.rejected);
    for (const index of keep.edits.keys()) document.querySelector(`input[data-index="${index}"]`)?.closest('tr').classList.add('changed');
    if (keep.edits.size) scheduleCheck();
  }
  mountYearForm(y, editable); /* the whole year's sections (yearform.js) */
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

VIEWS.year = (p) => viewYear(p[1]);
