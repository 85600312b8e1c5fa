/*
 * Tasklist tab 「审批操作」: 退回, 转办, 委派 and 征求意见 on the open task, as far as its model allows
 * (extension properties approval.actions / approval.returnTo, see README “审批操作”). The server decides
 * what is offered and checks every request again; this tab only shows it.
 */
import {call, el, replace, styled, time} from './common.js';

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
      if (typeof done === 'function') {
        return done();
      }
      replace(node, el('div', {class: 'ok', role: 'status'}, done), el('p', {class: 'hint'}, '请刷新任务列表。'));
    } catch (e) {
      submit.disabled = false;
      replace(message, el('div', {class: 'error', role: 'alert'}, e.message));
    }
  }}, fields, submit);
  return [title ? el('h4', {}, title) : null, hint ? el('p', {class: 'hint'}, hint) : null, form, message];
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
    const direct = el('input', {type: 'checkbox', name: 'resubmitDirect'});
    const fields = [target, why];
    if (offered.resubmitDirect) {
      fields.push(el('label', {style: 'font-weight: normal;'}, direct, ' 修改后直接送回本环节（不再经过中间环节）'));
    }
    parts.push(actionForm(node, taskId, {title: '退回', hint: offered.returnTargets.length
      ? '退回到本项目已办理的环节，由原办理人修改后重新提交；之后依次经过中间各环节'
        + (offered.resubmitDirect ? '，或按您的选择直接送回本环节。' : '。')
      : '本项目尚无可退回的环节。', fields, button: '退回',
      path: '/return', body: () => Object.assign({target: target.value, opinion: why.value},
        direct.checked ? {resubmit: 'direct'} : {}), done: '已退回，本任务已结束。'}));
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
  if (ids.includes('consult') || offered.consultations.length) {
    parts.push(consultation(node, taskId, offered, ids.includes('consult')));
  }
  replace(node, parts.length ? parts.flat() : el('p', {class: 'empty'}, '本环节的流程模型未配置退回、转办、委派或征求意见。'));
}

/** 征求意见: ask named people first; what was asked here, its state and answer; 撤销 a question not yet answered. */
function consultation(node, taskId, offered, allowed) {
  const parts = [el('h4', {}, '征求意见')];
  if (allowed) {
    const who = el('select', {name: 'consultUsers', multiple: true, size: '6', 'aria-label': '被征求意见人（可多选）',
      class: 'form-control', style: 'min-width: 260px;'},
    [['本组同事', true], ['其他人员', false]]
      .filter(([, colleague]) => offered.consultCandidates.some((u) => Boolean(u.colleague) === colleague))
      .map(([label, colleague]) => el('optgroup', {label},
      offered.consultCandidates.filter((u) => Boolean(u.colleague) === colleague)
        .map((u) => el('option', {value: u.userId}, u.name)))));
    const search = el('input', {type: 'search', name: 'consultSearch', placeholder: '按姓名或职务筛选', 'aria-label': '按姓名或职务筛选',
      class: 'form-control', style: 'min-width: 260px;'});
    search.addEventListener('input', () => {
      const words = search.value.trim();
      Array.from(who.options).forEach((o) => {
        o.hidden = Boolean(words) && !o.textContent.includes(words) && !o.selected;
      });
    });
    const question = el('textarea', {name: 'consultQuestion', maxlength: '1000', rows: '3', class: 'form-control',
      placeholder: '征求意见的事项（必填），如：网络方案是否满足等保三级？', 'aria-label': '征求意见的事项',
      style: 'flex: 1; min-width: 280px;'});
    parts.push(actionForm(node, taskId, {title: null, hint: '在作出决定前请他人提出意见（可多选，按住 Ctrl 选择）。被征求人在任务列表中答复；'
      + '其意见记入本环节，与您的决定一并显示，但不是表决或决定。本环节办结、退回或撤回时，未答复的征求意见随之关闭。',
    fields: [el('div', {style: 'display: flex; flex-direction: column; gap: 4px;'}, search, who), question], button: '征求意见',
    path: '/consult',
    body: () => ({userIds: Array.from(who.selectedOptions).map((o) => o.value), question: question.value}),
    done: () => render(node, taskId)}));
  }
  if (offered.consultations.length) {
    parts.push(el('table', {class: 'consultations'},
      el('thead', {}, el('tr', {}, ['被征求人', '征求的事项', '状态', '答复', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, offered.consultations.map((c) => el('tr', {},
        el('td', {}, c.name), el('td', {}, c.question || ''),
        el('td', {}, c.stateLabel + (c.answered ? '（' + time(c.answered) + '）' : '')),
        el('td', {class: 'message'}, c.answer || ''),
        el('td', {}, c.state === 'OPEN' ? el('button', {type: 'button', class: 'btn btn-link', onclick: async (event) => {
          event.target.disabled = true;
          try {
            await call('/tasks/' + encodeURIComponent(taskId) + '/consultations/' + encodeURIComponent(c.id) + '/cancel',
              {method: 'POST'});
            render(node, taskId);
          } catch (e) {
            event.target.disabled = false;
            event.target.replaceWith(el('div', {class: 'error', role: 'alert'}, e.message));
          }
        }}, '撤销') : ''))))));
  }
  return parts.flat();
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
