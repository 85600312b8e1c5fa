/*
 * Tasklist tab 「审批操作」: 退回, 转办 and 委派 on the open task, as far as its model allows
 * (extension properties approval.actions / approval.returnTo, see README “审批操作”). The server decides
 * what is offered and checks every request again; this tab only shows it.
 */
import {call, el, replace, styled} from './common.js';

function select(name, label, options) {
  return el('select', {name, 'aria-label': label, class: 'form-control', style: 'min-width: 220px;'},
    el('option', {value: ''}, '请选择' + label),
    options.map((o) => el('option', {value: o.value}, o.label)));
}

function opinion(name, placeholder) {
  return el('input', {type: 'text', name, maxlength: '1000', placeholder, 'aria-label': placeholder,
    class: 'form-control', style: 'flex: 1; min-width: 240px;'});
}

/** One action's form: its fields, its button, and where its answer appears. */
function actionForm(node, taskId, {title, hint, fields, button, path, body, done}) {
  const message = el('div', {'aria-live': 'polite'});
  const submit = el('button', {type: 'submit', class: 'btn btn-default'}, button);
  const form = el('form', {class: 'approval-action', onsubmit: async (event) => {
    event.preventDefault();
    replace(message);
    submit.disabled = true;
    try {
      await call('/tasks/' + encodeURIComponent(taskId) + path, {method: 'POST',
        headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body())});
      replace(node, el('div', {class: 'ok', role: 'status'}, done), el('p', {class: 'hint'}, '请刷新任务列表。'));
    } catch (e) {
      submit.disabled = false;
      replace(message, el('div', {class: 'error', role: 'alert'}, e.message));
    }
  }}, fields, submit);
  return [el('h4', {}, title), hint ? el('p', {class: 'hint'}, hint) : null, form, message];
}

async function render(node, taskId) {
  styled(node);
  replace(node, el('p', {class: 'hint'}, '正在加载可用的审批操作…'));
  let offered;
  try {
    offered = await call('/tasks/' + encodeURIComponent(taskId) + '/actions');
  } catch (e) {
    return replace(node, el('div', {class: 'error', role: 'alert'}, e.message));
  }
  const ids = offered.actions.map((a) => a.id);
  const parts = [];
  if (ids.includes('return')) {
    const target = select('target', '退回到的环节', offered.returnTargets.map((t) => ({value: t.activityId,
      label: t.name + (t.assigneeName ? '（' + t.assigneeName + '）' : '')})));
    const why = opinion('returnOpinion', '退回意见（必填），如：请补充网络安全方案');
    parts.push(actionForm(node, taskId, {title: '退回', hint: offered.returnTargets.length
      ? '退回到本项目已办理的环节，由原办理人修改后重新提交；之后依次经过中间各环节。'
      : '本项目尚无可退回的环节。', fields: [target, why], button: '退回',
      path: '/return', body: () => ({target: target.value, opinion: why.value}), done: '已退回，本任务已结束。'}));
  }
  const people = offered.transferCandidates.map((u) => ({value: u.userId, label: u.name}));
  for (const [id, title, hint, done] of [
    ['transfer', '转办', '交给同一办理组中的他人办理，由其完成本任务。', '已转办。'],
    ['delegate', '委派', '请他人代为填写，其办理完成（解决）后任务回到您手中，由您最终提交。', '已委派。']]) {
    if (ids.includes(id) && !people.length) {
      parts.push([el('h4', {}, title), el('p', {class: 'empty'}, '本任务的办理组中没有其他可接手的人员。')]);
    } else if (ids.includes(id)) {
      const who = select(id + 'User', '人员', people);
      const why = opinion(id + 'Opinion', '说明（选填）');
      parts.push(actionForm(node, taskId, {title, hint, fields: [who, why], button: title, path: '/' + id,
        body: () => ({userId: who.value, opinion: why.value}), done}));
    }
  }
  replace(node, parts.length ? parts.flat() : el('p', {class: 'empty'}, '本环节的流程模型未配置退回、转办或委派。'));
}

export default {
  id: 'approval-actions',
  pluginPoint: 'tasklist.task.detail',
  priority: 950,
  render: (node, {taskId}) => {
    render(node, taskId);
  },
  properties: {label: '审批操作'}
};
