/*
 * Tasklist tab 「材料」: every material of the task's project (需求书, PoC 报告, 可研, 交付物 …) from
 * all its steps, to open; the task's assignee attaches more. The server checks type and size
 * (MaterialRules); the size is checked here first only to spare a long upload.
 */
import {call, el, replace, styled, time} from './common.js';

function megabytes(bytes) {
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

async function render(node, taskId, notice) {
  styled(node);
  let body;
  try {
    body = await call('/tasks/' + encodeURIComponent(taskId) + '/materials');
  } catch (e) {
    replace(node, el('div', {class: 'error', role: 'alert'}, e.message));
    return;
  }
  const list = body.materials.length
    ? el('table', {class: 'materials'},
        el('thead', {}, el('tr', {}, el('th', {}, '类别'), el('th', {}, '文件'), el('th', {}, '上传环节'),
          el('th', {}, '上传人'), el('th', {}, '时间'))),
        el('tbody', {}, body.materials.map((m) => el('tr', {},
          el('td', {}, m.category || ''),
          el('td', {}, el('a', {href: m.href, target: '_blank', rel: 'noopener'}, m.name)),
          el('td', {}, m.taskName || ''),
          el('td', {}, m.uploadedByName || ''),
          el('td', {}, time(m.uploadedAt))))))
    : el('p', {class: 'empty'}, '本项目尚无材料。');

  const message = el('div', {'aria-live': 'polite'});
  if (notice) {
    message.appendChild(el('div', {class: 'ok'}, notice));
  }
  let form = el('p', {class: 'hint'}, '认领此任务后可上传材料。');
  if (body.canUpload) {
    const category = el('select', {name: 'category', 'aria-label': '材料类别'},
      el('option', {value: ''}, '请选择材料类别'),
      body.categories.map((c) => el('option', {value: c.value}, c.label)));
    const file = el('input', {type: 'file', name: 'file', 'aria-label': '选择文件'});
    const button = el('button', {type: 'submit', class: 'btn btn-primary'}, '上传');
    form = el('form', {class: 'upload', onsubmit: async (event) => {
      event.preventDefault();
      replace(message);
      const chosen = file.files[0];
      if (!category.value) {
        return replace(message, el('div', {class: 'error', role: 'alert'}, '请选择材料类别'));
      }
      if (!chosen) {
        return replace(message, el('div', {class: 'error', role: 'alert'}, '请选择要上传的文件'));
      }
      if (chosen.size > body.maxFileSize) {
        return replace(message, el('div', {class: 'error', role: 'alert'},
          '文件《' + chosen.name + '》大小为 ' + megabytes(chosen.size) + '，超过单个文件上限 ' + megabytes(body.maxFileSize)));
      }
      const data = new FormData();
      data.append('category', category.value);
      data.append('file', chosen);
      button.disabled = true;
      try {
        const saved = await call('/tasks/' + encodeURIComponent(taskId) + '/materials', {method: 'POST', body: data});
        render(node, taskId, '已上传《' + saved.name + '》');
      } catch (e) {
        button.disabled = false;
        replace(message, el('div', {class: 'error', role: 'alert'}, e.message));
      }
    }}, category, file, button);
  }
  replace(node,
    el('p', {}, '项目编号 ', el('b', {}, body.projectKey || ''), ' 的全部材料（含各环节上传的）：'),
    list,
    el('h4', {}, '上传材料'),
    el('p', {class: 'hint'}, '单个文件不超过 ' + megabytes(body.maxFileSize) + '；可上传：' + body.allowedTypes + '。材料上传后不可删除，将随审批单存档。'),
    el('p', {class: 'hint'}, '提示：请先上传材料，再到「表单」标签填写并完成——切换标签会清空表单中尚未提交的内容。'),
    form,
    message);
}

export default {
  id: 'approval-materials',
  pluginPoint: 'tasklist.task.detail',
  priority: 850,
  render: (node, {taskId}) => {
    render(node, taskId);
  },
  properties: {label: '材料'}
};
