/*
 * Tasklist navbar 「我的已办 · 撤回」: the reviewer's last completed steps (GET /api/my/submissions, projects still
 * running, newest first) in a dialog; a step whose next step nobody has touched yet can be taken back (撤回,
 * POST /api/tasks/{completedTaskId}/withdraw) and is then open again in 「我的待办」. The server decides which steps
 * may be taken back and says why not, and checks every request again; this dialog only shows it.
 */
import {call, el, replace, styled, time} from './common.js';

const STYLE = `
.approval-withdraw-overlay { position: fixed; inset: 0; z-index: 2000; background: rgba(0, 0, 0, 0.4);
  display: flex; align-items: flex-start; justify-content: center; padding-top: 60px; }
.approval-withdraw-dialog { background: #fff; border-radius: 4px; box-shadow: 0 5px 15px rgba(0, 0, 0, 0.5);
  width: 960px; max-width: 94vw; max-height: calc(100vh - 100px); display: flex; flex-direction: column; }
.approval-withdraw-dialog .head { display: flex; justify-content: space-between; align-items: center;
  padding: 10px 16px; border-bottom: 1px solid #e5e5e5; }
.approval-withdraw-dialog .head h3 { margin: 0; font-size: 18px; }
.approval-withdraw-dialog .approval-tab { overflow-y: auto; }
.approval-withdraw-dialog tr.not-withdrawable td { color: #999; }
.approval-withdraw-dialog td.action { min-width: 260px; }
.approval-withdraw-dialog td.action form { margin: 0; }
.approval-withdraw-dialog td.action input { flex: 1; min-width: 160px; }
`;

function styleOnce() {
  if (!document.getElementById('approval-withdraw-style')) {
    document.head.appendChild(el('style', {id: 'approval-withdraw-style'}, STYLE));
  }
}

/** Tasklist reloads its task list (the filters refresh on this event) so the step taken back shows at once. */
function refreshTasklist(scope) {
  const root = scope && scope.$root;
  if (root) {
    root.$applyAsync(() => root.$broadcast('refresh'));
  }
}

/** The 「撤回」 cell of a row: the button, then the optional reason and the confirmation. */
function withdrawCell(item, {message, reload, scope}) {
  const cell = el('td', {class: 'action'});
  const ask = () => {
    const reason = el('input', {type: 'text', name: 'withdrawReason', maxlength: '1000', class: 'form-control',
      placeholder: '撤回理由（选填）', 'aria-label': '撤回理由（选填）'});
    const confirm = el('button', {type: 'submit', class: 'btn btn-warning btn-sm'}, '确认撤回');
    const cancel = el('button', {type: 'button', class: 'btn btn-default btn-sm', onclick: show}, '取消');
    replace(cell, el('form', {onsubmit: async (event) => {
      event.preventDefault();
      replace(message);
      confirm.disabled = true;
      try {
        await call('/tasks/' + encodeURIComponent(item.taskId) + '/withdraw', {method: 'POST',
          headers: {'Content-Type': 'application/json'}, body: JSON.stringify({reason: reason.value})});
        refreshTasklist(scope);
        await reload();
        replace(message, el('div', {class: 'ok', role: 'status'}, '已撤回，任务已回到您的待办'));
      } catch (e) {
        confirm.disabled = false;
        replace(message, el('div', {class: 'error', role: 'alert'}, e.message));
      }
    }}, reason, confirm, cancel));
    reason.focus();
  };
  function show() {
    replace(cell, el('button', {type: 'button', class: 'btn btn-default btn-sm', onclick: ask,
      'data-task-id': item.taskId}, '撤回'));
  }
  show();
  return cell;
}

async function load(list, context) {
  replace(list, el('p', {class: 'hint'}, '正在加载您近期办结的环节…'));
  let items;
  try {
    items = await call('/my/submissions');
  } catch (e) {
    return replace(list, el('div', {class: 'error', role: 'alert'}, e.message));
  }
  if (!items.length) {
    return replace(list, el('p', {class: 'empty'}, '近期没有您办结、且项目仍在办理中的环节。'));
  }
  replace(list, el('table', {},
    el('thead', {}, el('tr', {}, ['项目编号', '项目名称', '环节', '办结时间', '撤回'].map((h) => el('th', {}, h)))),
    el('tbody', {}, items.map((item) => el('tr', {class: item.withdrawable ? 'withdrawable' : 'not-withdrawable',
      'data-task-id': item.taskId},
      el('td', {}, item.projectNumber || ''),
      el('td', {}, item.projectName || ''),
      el('td', {}, item.taskName || ''),
      el('td', {}, time(item.endTime)),
      item.withdrawable ? withdrawCell(item, context) : el('td', {class: 'action reason'}, item.reason))))));
}

function open(scope) {
  styleOnce();
  const message = el('div', {'aria-live': 'polite'});
  const list = el('div');
  const body = styled(el('div', {}, el('p', {class: 'hint'}, '下一环节尚无人认领或办理时，可撤回自己提交的环节：'
    + '该环节回到您的待办（保留已填写的内容），已生成的下一环节随之撤销。'), message, list));
  let overlay;
  const close = () => {
    overlay.remove();
    document.removeEventListener('keydown', onKey);
  };
  const onKey = (event) => event.key === 'Escape' && close();
  overlay = el('div', {class: 'approval-withdraw-overlay', onclick: (event) => event.target === overlay && close()},
    el('div', {class: 'approval-withdraw-dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'approval-withdraw-title'},
      el('div', {class: 'head'}, el('h3', {id: 'approval-withdraw-title'}, '我的已办 · 撤回'),
        el('button', {type: 'button', class: 'btn btn-default btn-sm', onclick: close}, '关闭')),
      body));
  document.addEventListener('keydown', onKey);
  document.body.appendChild(overlay);
  const context = {message, scope, reload: () => load(list, context)};
  context.reload();
}

export default {
  id: 'approval-withdraw',
  pluginPoint: 'tasklist.navbar.action',
  priority: 200,
  render: (node, props, scope) => {
    replace(node, el('a', {href: '', role: 'button', onclick: (event) => {
      event.preventDefault();
      open(scope);
    }}, el('span', {class: 'glyphicon glyphicon-share-alt'}), ' 我的已办 · 撤回'));
  }
};
