/*
 * Tasklist tab 「审批意见」: every earlier decision and opinion of the task's project, in order, with
 * 催办 and materials attached, and the link to the printable approval record (审批单).
 */
import {call, el, replace, styled, time} from './common.js';

const KINDS = {OPINION: '审批', RETURN: '退回', WITHDRAW: '撤回', TRANSFER: '转办', DELEGATE: '委派', CONSULT: '征求意见', REMINDER: '催办', MATERIAL: '材料'};

/** 催办: whoever sees the task may urge it; the reminder is recorded on the task, with who and when. */
function reminderForm(node, taskId) {
  const text = el('input', {type: 'text', name: 'reminder', maxlength: '1000', placeholder: '催办内容，如：请本周内办理',
    'aria-label': '催办内容', class: 'form-control', style: 'flex: 1; min-width: 240px;'});
  const button = el('button', {type: 'submit', class: 'btn btn-default'}, '催办');
  const message = el('div', {'aria-live': 'polite'});
  const form = el('form', {class: 'reminder', onsubmit: async (event) => {
    event.preventDefault();
    replace(message);
    if (!text.value.trim()) {
      return replace(message, el('div', {class: 'error', role: 'alert'}, '请填写催办内容'));
    }
    button.disabled = true;
    try {
      await call('/tasks/' + encodeURIComponent(taskId) + '/reminders', {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({message: text.value.trim()})});
      render(node, taskId, '已催办，记录已加入本任务的审批意见。');
    } catch (e) {
      button.disabled = false;
      replace(message, el('div', {class: 'error', role: 'alert'}, e.message));
    }
  }}, text, button);
  return [el('h4', {}, '催办'), form, message];
}

async function render(node, taskId, notice) {
  styled(node);
  replace(node, el('p', {class: 'hint'}, '正在加载审批意见…'));
  try {
    const body = await call('/tasks/' + encodeURIComponent(taskId) + '/opinions');
    const rows = body.opinions.map((o) => el('tr', {},
      el('td', {style: 'white-space: nowrap'}, time(o.time)),
      el('td', {}, el('span', {class: 'kind kind-' + o.kind}, KINDS[o.kind] || o.kind)),
      el('td', {}, o.processName || ''),
      el('td', {}, o.userName || ''),
      el('td', {class: 'message'}, o.message || '')));
    replace(node,
      el('p', {},
        '项目编号 ', el('b', {}, body.projectKey || ''), ' · ',
        body.recordHref ? el('a', {href: body.recordHref, target: '_blank', rel: 'noopener', class: 'record-link'}, '打印审批单') : null),
      rows.length
        ? el('table', {class: 'opinions'},
            el('thead', {}, el('tr', {}, el('th', {}, '时间'), el('th', {}, '类型'), el('th', {}, '流程'),
              el('th', {}, '办理人'), el('th', {}, '内容'))),
            el('tbody', {}, rows))
        : el('p', {class: 'empty'}, '本项目尚无审批意见。'),
      notice ? el('div', {class: 'ok'}, notice) : null,
      reminderForm(node, taskId));
  } catch (e) {
    replace(node, el('div', {class: 'error', role: 'alert'}, e.message));
  }
}

export default {
  id: 'approval-opinions',
  pluginPoint: 'tasklist.task.detail',
  priority: 900,
  render: (node, {taskId}) => {
    render(node, taskId);
  },
  properties: {label: '审批意见'}
};
