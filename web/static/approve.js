/* approve.js — the approval chain by level on a department-year's page (approvalPanel: where
 * the year stands, the buttons of the caller's level, the thread of steps by version) and the
 * batch approval of the years awaiting the caller's level (#/approvals).  Who may do what is
 * the server's answer (GET /api/years/{id}/approval), never guessed here.  Loaded after app.js. */
'use strict';

const AP_DONE = { submit: '已提交', approve: '已审核通过', return: '已退回', unapprove: '已撤销审核', publish: '已公开', 'send-back': '已退回填报人' };

/* Run fn with button b busy: disabled, aria-busy, its label saying what is under way; a second
 * click meanwhile does nothing.  Restored afterwards unless the page was redrawn. */
async function apBusy(b, text, fn) {
  if (b.getAttribute('aria-busy') === 'true') return;
  const label = b.textContent;
  b.disabled = true;
  b.setAttribute('aria-busy', 'true');
  b.textContent = text;
  try { await fn(); } finally {
    if (b.isConnected) { b.disabled = false; b.removeAttribute('aria-busy'); b.textContent = label; }
  }
}

/* The thread: every step of the chain, grouped by version, newest version first. */
function apThread(thread) {
  if (!thread.length) return h('p.muted', { id: 'thread' }, '还没有审核记录');
  const versions = [...new Set(thread.map((t) => t.version))].sort((a, b) => b - a);
  return h('div', { id: 'thread' }, versions.map((v) => h('section.thread', { 'aria-label': `第 ${v} 版的审核记录` },
    h('h3', {}, `第 ${v} 版`),
    h('ol', {}, thread.filter((t) => t.version === v).map((t) => h('li.step.act-' + t.action, { 'data-action': t.action, 'data-level': t.level },
      h('span.who', {}, t.who), h('span.lvl', {}, t.level_label), h('span.what', {}, t.action_label + (t.target_label ? `（${t.target_label}）` : '')),
      h('span.when', {}, fmtWhen(t.at)), t.comment ? h('div.text', {}, t.comment) : null))))));
}

/* "2024-04-03T16:00:00Z" as Asia/Shanghai local time "2024-04-04 00:00". */
function fmtWhen(at) {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at || '';
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    .formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/* The approval card of year y (GET /api/years/{id} as drawn by year.js).  indicatorComments()
 * gives the comments written beside the indicators ([{indicator, text}]); the card adds its
 * own general comment.  Drawn empty at once, filled when the chain arrives. */
function approvalPanel(y, indicatorComments) {
  const card = h('div.card.approval', { id: 'approval', 'aria-busy': 'true' }, h('h2', {}, '审核流程'), h('p.muted', {}, '正在读取审核流程…'));
  api('GET', `/api/years/${y.year.id}/approval`).then((a) => fillApproval(card, y, a, indicatorComments || (() => []))).catch((e) => {
    if (e.stale) return;
    card.replaceChildren(h('h2', {}, '审核流程'), h('p.error', {}, e.message));
    card.removeAttribute('aria-busy');
  });
  return card;
}

function fillApproval(card, y, a, indicatorComments) {
  const can = a.can || {};
  const reviewing = can.approve || can.return || can.unapprove || can.send_back;
  /* the comment boxes beside the indicators are for whoever reviews at this level */
  if (!reviewing) document.querySelectorAll('textarea[data-comment]').forEach((t) => t.remove());
  const general = h('textarea', { id: 'general-comment', rows: 2, maxlength: 2000, 'aria-label': '审核意见',
    placeholder: can.send_back ? '给填报人的意见（退回时必填，可只写在指标旁）' : '审核意见（退回、撤销审核时必填，可只写在指标旁）' });
  const comments = () => {
    const cs = indicatorComments().filter((c) => c.text.trim());
    if (general.value.trim()) cs.push({ text: general.value.trim() });
    return cs;
  };
  const msg = h('p.save-msg', { id: 'approval-msg', role: 'alert', tabindex: -1 });
  const say = (text) => { msg.textContent = text; msg.className = 'save-msg error'; msg.focus(); };
  const post = (b, action, busyText, body, ask) => apBusy(b, busyText, async () => {
    if (ask && !confirm(ask)) return;
    try {
      await api('POST', `/api/years/${y.year.id}/${action}`, { version: a.version, ...(body || {}) });
      state.flashNext = null;
      await route();
      flash(AP_DONE[action] || '完成');
    } catch (e) { say(e.message); }
  });
  const needComment = (b, action, busyText, what, ask) => () => {
    const cs = comments();
    if (!cs.length) { say(`${what}时请写明意见（写在下面的审核意见里或指标旁）`); general.focus(); return; }
    post(b, action, busyText, { comments: cs }, ask);
  };
  const awaiting = a.chain.find((l) => l.state === 'awaiting');
  const last = a.chain[a.chain.length - 1];
  const buttons = h('div.actions', {});
  if (can.send_back) {
    const back = h('button.danger', { type: 'button', id: 'send-back' }, '退回填报人');
    back.onclick = needComment(back, 'send-back', '正在退回…', '退回');
    const up = h('button.primary', { type: 'button', id: 'head-approve' }, '审核通过并报送');
    up.onclick = () => state.edits.size ? say('请先保存修改') : post(up, 'submit', '正在报送…', { comments: comments() });
    buttons.append(back, up);
  } else if (can.submit) {
    const sub = h('button.primary', { type: 'button', id: 'submit' }, '提交审核');
    sub.onclick = () => state.edits.size ? say('请先保存修改') : post(sub, 'submit', '正在提交…');
    buttons.append(sub);
  }
  if (can.return) {
    const ret = h('button.danger', { type: 'button', id: 'return' }, '退回修改');
    ret.onclick = needComment(ret, 'return', '正在退回…', '退回');
    buttons.append(ret);
  }
  if (can.approve && awaiting) {
    const ok = h('button.primary', { type: 'button', id: 'approve' }, `审核通过（${awaiting.label}）`);
    const final = awaiting.level === last.level;
    ok.onclick = () => post(ok, 'approve', '正在审核…', { comments: comments() },
      final ? `以${awaiting.approver}身份审核通过 ${y.year.department_name} ${y.year.year} 年度？这是最后一级审核，通过后即可公开。` : null);
    buttons.append(ok);
  }
  let pick = null;
  if (can.unapprove && can.unapprove_levels && can.unapprove_levels.length) {
    const levels = can.unapprove_levels;
    pick = h('select', { id: 'unapprove-level', 'aria-label': '撤销哪一级的审核' },
      levels.map((l, i) => h('option', { value: l.level, selected: i === levels.length - 1 }, l.label)));
    const un = h('button', { type: 'button', id: 'unapprove' }, '撤销审核');
    un.onclick = () => {
      const cs = comments();
      if (!cs.length) { say('撤销审核时请写明理由（写在下面的审核意见里）'); general.focus(); return; }
      const label = pick.options[pick.selectedIndex].textContent;
      post(un, 'unapprove', '正在撤销…', { level: pick.value, comments: cs }, `撤销“${label}”的审核通过？年度将回到该级待审。`);
    };
    buttons.append(h('span.unapprove', {}, h('label', { for: 'unapprove-level' }, '撤销'), pick, un));
  }
  if (can.publish) {
    const pub = h('button.primary', { type: 'button', id: 'publish' }, '公开');
    pub.onclick = () => post(pub, 'publish', '正在公开…', null,
      `公开 ${y.year.department_name} ${y.year.year} 年度的自评报告？公开后所有人可见，只能以更正的方式修改。`);
    buttons.append(pub);
  }
  const steps = h('ol.chain', { id: 'chain', 'aria-label': '审核链' },
    a.chain.map((l) => h('li.lv-' + l.state, { 'data-level': l.level, 'data-state': l.state, 'aria-current': l.state === 'awaiting' ? 'step' : null },
      h('span.lvl', {}, l.label), h('span.st', {}, { approved: '已审核通过', awaiting: '待审核', pending: '未到' }[l.state]))),
    h('li.lv-' + (a.status === 'published' ? 'approved' : 'pending'), { 'data-level': 'publish' }, h('span.lvl', {}, '公开'),
      h('span.st', {}, a.status === 'published' ? '已公开' : '未到')));
  /* replaceChildren would write a null as the text "null": only the parts that exist */
  card.replaceChildren(...[h('h2', {}, '审核流程 ', h('span.state', { id: 'approval-state' }, a.state_label)), steps,
    reviewing ? h('div.field.full', {}, general) : null, buttons.childNodes.length ? buttons : null, msg,
    h('h2', {}, '审核记录'), apThread(a.thread)].filter((n) => n !== null));
  card.removeAttribute('aria-busy');
}

/* ---- #/approvals: the years awaiting my level, approved in a batch -------------------------- */
async function viewApprovals() {
  const d = await api('GET', '/api/todo');
  const items = d.items.filter((x) => x.kind === 'approval');
  const picked = new Set();
  const count = h('span.muted', { id: 'batch-count', 'aria-live': 'polite' }, '未选择');
  const boxes = [];
  const go = h('button.primary', { type: 'button', id: 'batch-approve', disabled: true }, '批量审核通过');
  const sync = () => { count.textContent = picked.size ? `已选 ${picked.size} 个年度` : '未选择'; go.disabled = !picked.size; };
  const comment = h('input', { id: 'batch-comment', 'aria-label': '批量审核意见（可不填）', placeholder: '审核意见（可不填）', maxlength: 2000 });
  const result = h('div', { id: 'batch-result', tabindex: -1 });
  go.onclick = () => apBusy(go, '正在审核…', async () => {
    const ids = [...picked];
    if (!confirm(`审核通过选中的 ${ids.length} 个年度？每个年度单独处理，通过后转下一级审核。`)) return;
    try {
      const r = await api('POST', '/api/years/batch', { action: 'approve', ids, comment: comment.value.trim() });
      const bad = r.results.filter((x) => !x.ok);
      state.flashNext = null;
      await route();
      flash(`批量审核通过：完成 ${r.done} 个` + (r.refused ? `，未完成 ${r.refused} 个（原因见下）` : ''), r.refused > 0);
      const out = document.getElementById('batch-result');
      if (bad.length && out) {
        out.replaceChildren(h('div.card', {}, h('h2', {}, '未完成的年度'),
          h('ul', {}, bad.map((x) => h('li', {}, `${x.department_name ? x.department_name + ' ' + x.year + ' 年度' : '编号 ' + x.id}：${x.message}`)))));
        out.focus();
      }
    } catch (e) { flash(e.message, true); }
  });
  const rows = items.map((x) => {
    const box = h('input', { type: 'checkbox', 'aria-label': `选择“${x.unit_name} ${x.year} 年度”`, 'data-pick': x.id,
      onchange: (e) => { if (e.target.checked) picked.add(x.id); else picked.delete(x.id); sync(); } });
    boxes.push(box);
    return h('tr', { 'data-id': x.id },
      h('td.pick', {}, box),
      h('td.name', { 'data-label': '单位' }, h('a', { href: '#/year/' + x.id }, x.unit_name)),
      h('td', { 'data-label': '年度' }, x.year),
      h('td', { 'data-label': '类别' }, x.what),
      h('td', { 'data-label': '状态' }, x.state),
      h('td', { 'data-label': '提交日期' }, x.date));
  });
  const all = h('input', { type: 'checkbox', id: 'pick-all', 'aria-label': '全选',
    onchange: (e) => { boxes.forEach((b) => { b.checked = e.target.checked; b.dispatchEvent(new Event('change')); }); } });
  show(h('h1', {}, '年度审核'),
    h('p.muted', {}, '待本级审核的部门年度。可逐个打开审核，也可勾选后批量审核通过（退回须逐个写明意见）。'),
    items.length ? h('div.actions.batch', {}, count, comment, go) : null, result,
    items.length ? h('div.table-scroll', {}, h('table.grid.cards', { id: 'approvals' },
      h('thead', {}, h('tr', {}, h('th.pick', {}, all), h('th', {}, '单位'), h('th', {}, '年度'), h('th', {}, '类别'), h('th', {}, '状态'), h('th', {}, '提交日期'))),
      h('tbody', {}, rows))) : h('p.muted', { id: 'approvals-empty' }, '没有待本级审核的年度。'));
}

VIEWS.approvals = () => viewApprovals();
