/* yearform.js — the whole department-year on its page: every section of the year's file as a
 * form served as data (GET /api/years/{id} → form), with the live check, each diagnostic at
 * its field, a summary linking to the fields, local rules as one types, and keyboard movement
 * through the grids.  Mounted by year.js (mountYearForm); uses app.js's helpers. */
'use strict';

const YF = { set: new Map(), bad: new Map(), timer: null, seq: 0, ids: new Map(), fields: new Map(), year: null,
  remove: new Set(), add: [], uid: 0, first: new Map() };
/* What the form would save: fields typed, list items removed, items added. */
const pending = () => YF.set.size + YF.remove.size + YF.add.length;

/* ---- local rules (DHIS2-style: number, range, unit, checked as one types) --------------- */
const NUM_RE = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
/* The local rule's complaint about text typed into field f, or '' when it may go to the server. */
function localProblem(f, text, row) {
  const t = text.trim();
  if (!t) return '';
  if (f.kind === 'money') {
    if (/[万元]/.test(t)) return `金额以${f.unit || '万元'}为单位填写数字，不要带单位`;
    if (!NUM_RE.test(t)) return '请填写数字（如 1072.52）';
    const dec = (t.split('.')[1] || '').length;
    if (f.unit === '元' && dec > 2) return '以元填写时最多两位小数';
    if (dec > 6) return '以万元填写时最多六位小数（到分）';
    if (t.startsWith('-')) return '金额不能为负数';
    return '';
  }
  if (f.kind === 'number' || f.kind === 'percent') {
    if (t.startsWith('=')) return '';
    let s = t;
    if (s.endsWith('%') || s.endsWith('％')) {
      if (f.kind !== 'percent' && f.unit && f.unit !== '%') return `度量单位是“${f.unit}”，不能带 %`;
      s = s.slice(0, -1);
    } else if (/[^\d.,+-]/.test(s)) {
      const u = s.replace(/^[\d.,+-]+/, '');
      if (f.unit && u === f.unit) return `只填数字，度量单位“${f.unit}”已写在表头`;
      return '请填写数字' + (f.unit ? `（单位：${f.unit}）` : '');
    }
    if (!NUM_RE.test(s)) return '请填写数字' + (f.unit ? `（单位：${f.unit}）` : '');
    const v = Number(s.replace(/,/g, ''));
    if (v < 0) return '不能为负数';
    if (/(^|· )(权重|得分|自评总分)$/.test(f.name) && v > 100) return '不能超过 100 分';
    if (f.name === '自评得分' && row) {
      const w = row.get('权重');
      const wv = w ? Number(currentText(w).replace(/,/g, '')) : NaN;
      if (!Number.isNaN(wv) && v > wv) return `自评得分不能超过权重 ${wv}`;
    }
    return '';
  }
  if (f.kind === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
    if (!m) return '日期请写成 2024-06-20 的形式';
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return '没有这一天';
    return '';
  }
  return '';
}

const currentText = (f) => (YF.set.has(f.path) ? YF.set.get(f.path) : f.text);

/* The indicator fields the grid above (year.js) also edits — its columns, app.js's
 * FIELD_LABEL: {index, key} of such a path. */
function gridField(path) {
  const m = /^(?:project\.)?indicators\[(\d+)\]\.(\w+)$/.exec(path);
  return m && Object.hasOwn(FIELD_LABEL, m[2]) ? { index: Number(m[1]), key: m[2] } : null;
}

/* An edit typed into the grid: shown in the same field here, and held by the grid alone. */
function formMirror(index, key, value) {
  for (const path of [`indicators[${index}].${key}`, `project.indicators[${index}].${key}`]) {
    const id = fieldId(path);
    const el = id && document.getElementById(id);
    if (!el) continue;
    YF.set.delete(path);
    YF.bad.delete(path);
    const cell = el.closest('.yf-cell');
    cell?.querySelectorAll('.ref, button.small').forEach((n) => n.remove()); /* a reference no more */
    el.hidden = false;
    el.value = value;
    cell?.classList.add('changed');
    paintLocal(path);
  }
}
const fieldId = (path) => YF.ids.get(path);

/* ---- the fields --------------------------------------------------------------------------- */
function fieldControl(f, editable, row) {
  const id = fieldId(f.path);
  const msg = h('div.fmsg', { id: id + '-msg', 'aria-live': 'polite' });
  const grid = gridField(f.path);
  const oninput = (ev) => {
    YF.set.set(f.path, ev.target.value);
    if (grid && typeof gridMirror === 'function') gridMirror(grid.index, grid.key, ev.target.value); /* the grid shows it */
    ev.target.closest('.yf-cell')?.classList.add('changed');
    const p = localProblem(f, ev.target.value, row);
    if (p) YF.bad.set(f.path, p); else YF.bad.delete(f.path);
    paintLocal(f.path);
    scheduleFormCheck();
  };
  let control;
  if (f.kind === 'nature') {
    control = h('select', { id, 'data-path': f.path, 'aria-label': f.label, disabled: !editable, onchange: oninput },
      ['', '=', '≥', '>', '≤', '<', '定性'].map((o) => h('option', { value: o, selected: o === currentText(f) }, o || '（未填）')));
  } else if (f.multiline) {
    control = h('textarea', { id, 'data-path': f.path, 'aria-label': f.label, rows: 2, disabled: !editable, value: currentText(f), oninput });
  } else {
    control = h('input', {
      id, 'data-path': f.path, 'aria-label': f.label, value: currentText(f), disabled: !editable, oninput,
      inputmode: f.kind === 'money' || f.kind === 'number' || f.kind === 'percent' ? 'decimal' : null,
      placeholder: f.kind === 'date' ? '2024-06-20' : null
    });
  }
  control.setAttribute('aria-describedby', id + '-msg');
  const unit = f.unit && f.kind !== 'text' ? h('span.unit', {}, f.unit) : null;
  if (f.reference && !YF.set.has(f.path)) {
    /* a reference: its value and where it comes from, in words; 改为直接填写 replaces it */
    const shown = h('div.ref', { id: id + '-ref' },
      h('span.refval', {}, f.value != null ? f.value : '无法取得', f.unit ? ' ' + f.unit : ''),
      h('div.deriv', {}, '取自：', f.source || ''));
    control.hidden = true;
    control.value = '';
    const swap = editable ? h('button.small', {
      type: 'button', 'aria-label': '改为直接填写“' + f.label + '”', onclick: () => {
        shown.remove(); swap.remove(); control.hidden = false; control.focus();
      }
    }, '改为直接填写') : null;
    return h('div.yf-cell', { 'data-field': f.path }, shown, swap, control, msg);
  }
  const claim = !f.reference && f.value != null ? h('div.deriv.claim', {}, `计算值 ${f.value}`, f.source ? `（${f.source}）` : '') : null;
  const hint = f.hint ? h('div.deriv.hint', {}, f.hint) : null; /* what the file says of it (a count's comment) */
  return h('div.yf-cell', { 'data-field': f.path }, h('div.yf-in', {}, control, unit), claim, hint, msg);
}

function gridSection(sec, editable) {
  const loose = sec.fields.filter((f) => !f.group);
  const groups = new Map();
  for (const f of sec.fields.filter((x) => x.group)) {
    if (!groups.has(f.group)) groups.set(f.group, new Map());
    groups.get(f.group).set(f.name, f);
  }
  const cols = [];
  for (const g of groups.values()) for (const n of g.keys()) if (!cols.includes(n)) cols.push(n);
  const rows = [...groups.entries()].map(([g, row], ri) => h('tr', { 'data-row': ri },
    h('th.rowhead', { scope: 'row' }, g),
    cols.map((c, ci) => h('td', { 'data-label': c, 'data-col': ci }, row.has(c) ? fieldControl(row.get(c), editable, row) : ''))));
  if (editable) rows.forEach((tr) => { /* 删除此项 in the row's head */
    const first = [...tr.querySelectorAll('[data-path]')].map((x) => x.dataset.path).find((p) => YF.first.get(itemOf(p)) === p);
    if (first) tr.querySelector('th').append(' ', removeButton(first));
  });
  return [loose.length ? listFields(loose, editable) : null,
    h('div.table-scroll', {}, h('table.grid.yf-grid', { 'data-section': sec.id, 'aria-label': sec.title },
      h('thead', {}, h('tr', {}, h('th', {}, '项目'), cols.map((c) => h('th', {}, c)))),
      h('tbody', {}, rows)))];
}

function listFields(fields, editable) {
  return h('div.fields.yf-list', {}, fields.map((f) => h('div.field' + (f.multiline ? '.full' : ''), {},
    h('label', { for: fieldId(f.path) }, f.label), fieldControl(f, editable, null),
    editable && YF.first.get(itemOf(f.path)) === f.path ? removeButton(f.path) : null)));
}

/* ---- list items: removed and added ({remove: [path], add: [{list, value | fields}]}) ------ */
/* The item of a list on the form that path is or is in (the innermost: "tasks[2]"), or ''. */
function itemOf(path) {
  let best = '';
  for (const l of YF.year.form.lists || []) {
    const m = path.startsWith(l.path + '[') && /^\[(\d+)\]/.exec(path.slice(l.path.length));
    if (m && l.path.length + m[0].length > best.length) best = l.path + m[0];
  }
  return best;
}
const listOf = (item) => item.replace(/\[\d+\]$/, '');
const newKey = (entry, k) => `new:${entry.uid}` + (k ? ':' + k : '');
const newBad = (entry) => [...YF.bad.keys()].some((k) => k === newKey(entry) || k.startsWith(newKey(entry) + ':'));

/* The 删除此项 button of the item whose first field is path. */
function removeButton(path) {
  const item = itemOf(path);
  const f = YF.fields.get(path);
  const what = item === path ? f.label : f.group || f.label; /* a text item, or the item's title */
  return h('button.small.yf-del', {
    type: 'button', 'data-remove': item, 'aria-pressed': 'false', 'aria-label': `删除“${what}”`,
    onclick: (e) => toggleRemove(item, e.currentTarget, what)
  }, '删除此项');
}

/* Mark item removed (its fields greyed and locked) or keep it again; saved with the form. */
function toggleRemove(item, btn, what) {
  const on = !YF.remove.has(item);
  if (on) YF.remove.add(item); else YF.remove.delete(item);
  btn.textContent = on ? '撤销删除' : '删除此项';
  btn.setAttribute('aria-pressed', String(on));
  btn.setAttribute('aria-label', `${on ? '撤销删除' : '删除'}“${what}”`);
  for (const [path, id] of YF.ids) {
    if (path !== item && !path.startsWith(item + '.') && !path.startsWith(item + '[')) continue;
    const el = document.getElementById(id);
    if (!el) continue;
    el.disabled = on;
    (el.closest('tr') || el.closest('.field') || el.closest('.yf-cell'))?.classList.toggle('yf-removed', on);
  }
  paintSave();
  scheduleFormCheck();
}

/* A new item of list l in box: one text, or an input per field of the item, checked as one
 * types (a required field left empty, a number that is not one); 取消添加 takes it back. */
function newItem(l, box) {
  const entry = { uid: ++YF.uid, list: l.path, value: l.fields ? undefined : '', fields: l.fields ? {} : undefined };
  YF.add.push(entry);
  const n = YF.add.filter((a) => a.list === l.path).length;
  const title = `新增${l.group ? l.group + '的' : ''}${l.name}（第 ${l.items + n} ${l.fields ? '项' : '条'}）`;
  const recheck = (k, problem) => {
    if (problem) YF.bad.set(newKey(entry, k), problem); else YF.bad.delete(newKey(entry, k));
    paintLocal(newKey(entry, k));
    scheduleFormCheck();
  };
  const input = (k, label, kind, multiline, onvalue) => {
    const id = 'yf-' + newKey(entry, k).replace(/:/g, '-');
    YF.ids.set(newKey(entry, k), id);
    const oninput = (e) => onvalue(e.target.value);
    const attrs = { id, 'data-path': newKey(entry, k), 'aria-label': label, 'aria-describedby': id + '-msg' };
    const control = kind === 'nature'
      ? h('select', { ...attrs, onchange: oninput }, ['', '=', '≥', '>', '≤', '<', '定性'].map((o) => h('option', { value: o }, o || '（未填）')))
      : multiline ? h('textarea', { ...attrs, rows: 2, oninput })
        : h('input', { ...attrs, oninput, inputmode: kind === 'money' || kind === 'number' ? 'decimal' : null, placeholder: kind === 'date' ? '2024-06-20' : null });
    return h('div.yf-cell', { 'data-field': newKey(entry, k) }, h('div.yf-in', {}, control), h('div.fmsg', { id: id + '-msg', 'aria-live': 'polite' }));
  };
  const need = (nf, v) => (nf.required && !v.trim() ? `请填写${nf.name}` : '') || localProblem({ kind: nf.kind, unit: nf.unit, name: nf.name }, v, null);
  const body = !l.fields
    ? h('div.field.full', {}, input('', title, 'text', true, (v) => { entry.value = v; recheck('', v.trim() ? '' : '请填写内容'); }))
    : h('div.fields', {}, l.fields.map((nf) => h('div.field', {},
      h('label', { for: 'yf-' + newKey(entry, nf.key).replace(/:/g, '-') }, nf.name, nf.unit ? `（${nf.unit}）` : '', nf.required ? '（必填）' : ''),
      input(nf.key, `${title} · ${nf.name}`, nf.kind, false, (v) => { entry.fields[nf.key] = v; recheck(nf.key, need(nf, v)); }))));
  const node = h('fieldset.yf-new', { 'data-new': entry.uid, 'data-list': l.path }, h('legend', {}, title), body);
  node.append(h('button.small', {
    type: 'button', 'aria-label': '取消' + title, onclick: () => {
      YF.add = YF.add.filter((a) => a !== entry);
      for (const m of [YF.bad, YF.ids, YF.rejected]) for (const k of [...m.keys()]) if (k === newKey(entry) || k.startsWith(newKey(entry) + ':')) m.delete(k);
      node.remove();
      paintSave();
      scheduleFormCheck();
    }
  }, '取消添加'));
  box.append(node);
  /* what a new item still needs is said at once */
  if (!l.fields) YF.bad.set(newKey(entry), '请填写内容');
  else for (const nf of l.fields) if (nf.required) YF.bad.set(newKey(entry, nf.key), `请填写${nf.name}`);
  for (const k of YF.ids.keys()) if (k === newKey(entry) || k.startsWith(newKey(entry) + ':')) paintLocal(k);
  node.querySelector('input, textarea, select')?.focus();
}

/* The 添加 buttons of section sec's lists, and the box their new items go in. */
function addBar(sec) {
  const lists = (YF.year.form.lists || []).filter((l) => l.section === sec.id);
  if (!lists.length) return null;
  const box = h('div.yf-news');
  return h('div.yf-add', {}, box, h('div.actions', {}, lists.map((l) => h('button', {
    type: 'button', 'data-add': l.path, onclick: () => newItem(l, box)
  }, `添加${l.group ? l.group + '的' : ''}${l.name}`))));
}

/* The added items sent (those complete and well formed), in the order of the body's "add". */
const sentAdds = () => YF.add.filter((a) => !newBad(a));
function listBody() {
  return {
    remove: [...YF.remove],
    add: sentAdds().map((a) => a.fields ? { list: a.list, fields: Object.fromEntries(Object.entries(a.fields).filter(([, v]) => v.trim())) } : { list: a.list, value: a.value })
  };
}

/* A path of the checked file as the form knows it: items after a removed one have moved up;
 * an added item is new:uid (its field new:uid:key), sent the sent items in order. */
function pathBack(path, sent) {
  for (const l of [...(YF.year.form.lists || [])].sort((a, b) => b.path.length - a.path.length)) {
    const m = path.startsWith(l.path + '[') && /^\[(\d+)\](.*)$/.exec(path.slice(l.path.length));
    if (!m) continue;
    const gone = [...YF.remove].filter((r) => listOf(r) === l.path).map((r) => Number(/\[(\d+)\]$/.exec(r)[1])).sort((a, b) => a - b);
    let k = Number(m[1]);
    const kept = l.items - gone.length;
    if (k >= kept) {
      const entry = sent.filter((a) => a.list === l.path)[k - kept];
      const key = /^\.(\w+)$/.exec(m[2]);
      return entry ? newKey(entry, key ? key[1] : '') : path;
    }
    for (const g of gone) if (g <= k) k++;
    return `${l.path}[${k}]${m[2]}`;
  }
  return path;
}


/* ---- diagnostics at the fields, the summary and the headline ------------------------------ */
function paintLocal(path) {
  const id = fieldId(path);
  const el = id && document.getElementById(id);
  if (!el) return;
  const server = (YF.diags.get(path) || []);
  const local = YF.bad.get(path) || (YF.rejected && YF.rejected.get(path));
  const msg = document.getElementById(id + '-msg');
  const items = [];
  if (local) items.push(h('div.error.local', {}, local));
  for (const g of server) items.push(h('div.' + g.severity, {}, g.message));
  msg.replaceChildren(...items);
  const bad = !!local || server.some((g) => g.severity === 'error');
  const warn = !bad && server.some((g) => g.severity === 'warning');
  if (bad || warn) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
  el.closest('.yf-cell')?.classList.toggle('bad', bad);
  el.closest('.yf-cell')?.classList.toggle('warn', warn);
  paintSave();
}

function paintSave() {
  const save = document.getElementById('form-save');
  if (save && !save.getAttribute('aria-busy')) save.disabled = YF.bad.size > 0 || pending() === 0;
  const note = document.getElementById('form-local');
  if (note) note.textContent = YF.bad.size ? `有 ${YF.bad.size} 处填写不完整或不符合格式，改正后才能检查和保存` : '';
}

function focusField(path) {
  const id = fieldId(path);
  let el = id && document.getElementById(id);
  if (!el) return;
  if (el.hidden) el = el.closest('.yf-cell').querySelector('button') || el;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

function paintForm(form, ev, sent) {
  YF.diags = new Map();
  if (sent) form.diagnostics = form.diagnostics.map((g) => g.path ? { ...g, path: pathBack(g.path, sent) } : g);
  for (const g of form.diagnostics) if (g.path) {
    if (!YF.diags.has(g.path)) YF.diags.set(g.path, []);
    YF.diags.get(g.path).push(g);
  }
  for (const path of YF.ids.keys()) paintLocal(path);
  const ds = form.diagnostics.filter((g) => g.severity !== 'note');
  const sum = document.getElementById('form-summary');
  if (sum) {
    const nErr = ds.filter((g) => g.severity === 'error').length, nWarn = ds.length - nErr;
    sum.replaceChildren(
      h('h2', { id: 'form-summary-title' }, ds.length ? `需要注意的地方：错误 ${nErr} 处，警告 ${nWarn} 处` : '检查结果：没有发现问题'),
      ds.length ? h('ul.yf-sum', {}, ds.map((g) => h('li.' + g.severity, {},
        g.path ? h('a', { href: '#' + fieldId(g.path), 'data-goto': g.path, onclick: (e) => { e.preventDefault(); focusField(g.path); } }, g.label)
          : h('span.muted', {}, '全年'), '：', g.message))) : null);
  }
  const head = document.getElementById('form-headline');
  if (head) {
    const computed = ev.complete === false ? incompleteText(ev) : ev.total != null ? `${ev.total}${ev.grade ? '（' + ev.grade + '）' : ''}` : '—';
    head.replaceChildren(...[
      h('span', {}, '填报的自评总分 ', h('strong', { id: 'stated-total' }, form.stated_total ?? '未填')),
      h('span', {}, '按规则计算的总分 ', h('strong', { id: 'computed-total' }, computed)),
      form.stated_total != null && ev.total != null && ev.complete !== false && Number(form.stated_total) !== Number(ev.total)
        ? h('span.flag', {}, `相差 ${(Number(form.stated_total) - Number(ev.total)).toFixed(2).replace(/\.?0+$/, '')} 分`) : null].filter(Boolean));
  }
}

/* ---- the live check and the save (POST /api/years/{id}[/check] {base_version, set}) -------- */
function setBody() {
  /* the indicator grid's own edits (year.js) go with the form's, so one check sees both */
  const grid = typeof editsBody === 'function' ? editsBody() : {};
  return { ...grid, ...listBody(), base_version: YF.year.year.version, set: [...YF.set.entries()].filter(([p]) => !YF.bad.has(p)).map(([path, value]) => ({ path, value })) };
}

function scheduleFormCheck() {
  clearTimeout(YF.timer);
  if (YF.bad.size) return; /* a local rule is broken: the server is not asked */
  YF.timer = setTimeout(formCheck, 350);
}

async function formCheck() {
  const seq = ++YF.seq;
  const st = document.getElementById('form-status');
  st.textContent = '正在检查…';
  try {
    const sent = sentAdds();
    const d = await api('POST', `/api/years/${YF.year.year.id}/check`, setBody());
    if (seq !== YF.seq) return;
    YF.rejected = new Map((d.rejected || []).filter((x) => x.path).map((x) => [x.path, x.message]));
    for (const x of d.rejected || []) if (x.add != null && sent[x.add]) YF.rejected.set(`new:${sent[x.add].uid}` + (x.key ? ':' + x.key : ''), x.message);
    if (d.form) paintForm(d.form, d.evaluation, sent);
    if (typeof paintEvaluation === 'function') paintEvaluation(d.evaluation, true);
    st.textContent = `已检查（${localTime(new Date().toISOString())}）`;
  } catch (e) {
    if (seq === YF.seq) st.textContent = '检查未完成：' + e.message;
  }
}

async function formSave(btn) {
  if (btn.getAttribute('aria-busy')) return;
  btn.setAttribute('aria-busy', 'true');
  btn.disabled = true;
  const label = btn.textContent;
  btn.textContent = '正在保存…';
  const st = document.getElementById('form-status');
  try {
    const r = await api('PUT', '/api/years/' + YF.year.year.id, setBody());
    YF.set.clear(); YF.remove.clear(); YF.add = [];
    if (state.edits) state.edits.clear();
    const refused = (r.rejected || []).map((x) => `${x.field}：${x.message}`).join('；');
    state.flashNext = (r.unchanged ? '没有变化' : `已保存为第 ${r.version} 版` + (r.errors ? `（有 ${r.errors} 个错误，提交前请改正）` : '')) +
      (refused ? `；以下内容未能保存：${refused}` : '');
    await route();
    flash(state.flashNext); state.flashNext = null;
  } catch (e) {
    st.textContent = '未保存：' + e.message;
    flash('未保存：' + e.message, true);
  } finally {
    btn.removeAttribute('aria-busy');
    btn.textContent = label;
    btn.disabled = YF.bad.size > 0 || pending() === 0;
  }
}

/* ---- unsaved edits of the form: asked before they are lost (year.js asks for the grid's) -- */
const formUnsaved = () => location.hash.startsWith('#/year/') && pending() > 0;
window.addEventListener('beforeunload', (ev) => {
  if (!formUnsaved()) return;
  ev.preventDefault();
  ev.returnValue = '';
});
window.addEventListener('hashchange', (ev) => {
  const from = new URL(ev.oldURL).hash;
  if (!from.startsWith('#/year/') || !pending()) return;
  if (confirm(`有 ${pending()} 处修改尚未保存，离开本页将丢失这些修改。确定离开吗？`)) { YF.set = new Map(); YF.remove = new Set(); YF.add = []; return; }
  ev.stopImmediatePropagation();
  history.replaceState(null, '', ev.oldURL);
}, true);

/* ---- keyboard: Enter and the arrow keys move through a grid; Enter to the next field in a list */
function moveKey(e) {
  const el = e.target;
  if (!el.matches || !el.matches('input, select, textarea') || !el.dataset.path) return;
  if (el.tagName === 'TEXTAREA' && e.key === 'Enter' && !e.ctrlKey) return;
  const td = el.closest('td[data-col]');
  let next = null;
  if (td) {
    const tr = td.closest('tr'), col = td.dataset.col;
    const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
    const atEnd = el.value == null || el.selectionStart === (el.value || '').length;
    if (el.tagName === 'SELECT' && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) return;
    const cells = (row) => [...row.querySelectorAll('td[data-col] [data-path]:not([hidden])')];
    const pick = (row) => row && row.querySelector(`td[data-col="${col}"] [data-path]:not([hidden])`);
    if (e.key === 'Enter' || e.key === 'ArrowDown') next = pick(e.shiftKey && e.key === 'Enter' ? tr.previousElementSibling : tr.nextElementSibling);
    else if (e.key === 'ArrowUp') next = pick(tr.previousElementSibling);
    else if (e.key === 'ArrowRight' && (atEnd || el.tagName === 'SELECT')) next = cells(tr).find((x) => Number(x.closest('td').dataset.col) > Number(col));
    else if (e.key === 'ArrowLeft' && (atStart || el.tagName === 'SELECT')) next = cells(tr).reverse().find((x) => Number(x.closest('td').dataset.col) < Number(col));
    else return;
  } else if (e.key === 'Enter') {
    const all = [...document.querySelectorAll('#yearform .yf-list [data-path]:not([hidden]):not([disabled])')];
    next = all[all.indexOf(el) + (e.shiftKey ? -1 : 1)];
  } else return;
  if (next) { e.preventDefault(); next.focus(); if (next.select) next.select(); }
  else if (e.key === 'Enter') e.preventDefault();
}

/* ---- the form on the year's page ---------------------------------------------------------- */
/* Draw the whole year's sections of y (GET /api/years/{id}) after the page's summary card. */
function mountYearForm(y, editable) {
  if (!y.form) return;
  YF.year = y;
  YF.set = new Map(); YF.bad = new Map(); YF.ids = new Map(); YF.diags = new Map(); YF.rejected = new Map();
  YF.remove = new Set(); YF.add = []; YF.fields = new Map(); YF.first = new Map();
  let n = 0;
  for (const s of y.form.sections) for (const f of s.fields) {
    YF.ids.set(f.path, 'yf-' + (n++));
    YF.fields.set(f.path, f);
    for (let it = itemOf(f.path); it; it = itemOf(listOf(it))) if (!YF.first.has(it)) YF.first.set(it, f.path);
  }
  const nav = h('nav.yf-toc', { 'aria-label': '各部分' }, y.form.sections.map((s) => h('a', {
    href: '#yf-sec-' + s.id, onclick: (e) => { e.preventDefault(); document.getElementById('yf-sec-' + s.id).scrollIntoView(); }
  }, s.title)));
  const save = editable ? h('button.primary', { type: 'button', id: 'form-save', disabled: true, onclick: (e) => formSave(e.currentTarget) }, '保存全年数据') : null;
  const node = h('div', { id: 'yearform', onkeydown: moveKey },
    h('div.card', {},
      h('div.summary.yf-head', { id: 'form-headline' }),
      h('div.actions', {}, save, h('span.muted', { id: 'form-status', role: 'status' }), h('span.error', { id: 'form-local' })),
      h('div.yf-summary', { id: 'form-summary' }), nav),
    y.form.sections.map((s) => h('section.card.yf-sec', { id: 'yf-sec-' + s.id, 'aria-labelledby': 'yf-h-' + s.id },
      h('h2', { id: 'yf-h-' + s.id }, s.title),
      s.grid ? gridSection(s, editable) : listFields(s.fields, editable), editable ? addBar(s) : null)));
  const first = document.querySelector('#main > .card');
  if (first) first.after(node); else main().append(node);
  paintForm(y.form, y.evaluation);
}
