/*
 * Cockpit's start page (dashboard): the administrators' notices of the platform — next year's holidays not
 * loaded, login locks in force (GET /api/admin/notices with the Cockpit session). Others see nothing here.
 * Text only, never HTML.
 */

async function load(node) {
  let body;
  try {
    const response = await fetch('/api/admin/notices', {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    if (!response.ok) {
      return; // not an administrator
    }
    body = await response.json();
  } catch (e) {
    return;
  }
  const notices = (body && body.notices) || [];
  if (notices.length === 0) {
    return;
  }
  const box = document.createElement('div');
  box.setAttribute('style', 'margin:0 0 16px;padding:10px 14px;border:1px solid #e0b252;background:#fff8e5;border-radius:3px');
  const title = document.createElement('strong');
  title.textContent = '平台提醒（系统管理员）';
  box.appendChild(title);
  const list = document.createElement('ul');
  list.setAttribute('style', 'margin:6px 0 0;padding-left:20px');
  for (const notice of notices) {
    const item = document.createElement('li');
    item.textContent = (notice.kind === 'CALENDAR' ? '【工作日历】' : notice.kind === 'LOGIN_LOCK' ? '【登录锁定】' : '') + notice.message;
    list.appendChild(item);
  }
  box.appendChild(list);
  node.appendChild(box);
}

export default {
  id: 'approval-admin-notices',
  pluginPoint: 'cockpit.dashboard',
  priority: 1000,
  render: (node) => {
    load(node);
  }
};
