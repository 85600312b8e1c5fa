/*
 * Task cards: which project each task is — 项目编号, 项目名称, 金额, 发起部门 — and, beside Tasklist's own
 * 「到期」 date, the working days left (「剩余 3 个工作日」, 「今日到期」, 「已逾期 2 个工作日」 in red), from
 * GET /api/tasks/cards (one request per page of cards). The facts are the project's card variables
 * (labels.ProjectCard), the days the working-day calendar's (calendar.TimeLeft); nothing is computed here.
 * Where Tasklist's own card variables already show the facts (a user allowed to read the project, such as an
 * administrator), they are not shown twice.
 *
 * And the list's default order: by due date, soonest first, unless the reviewer chose another order.
 */
import {call, el, replace} from './common.js';

const STYLE = `
.approval-card { font-size: 12px; line-height: 18px; color: #333; padding: 0 2px; }
.approval-card .line { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.approval-card .fact { margin-right: 10px; }
.approval-card .fact .label-text { color: #777; margin-right: 3px; }
.approval-card .fact-cardNumber { font-weight: 600; }
.task-card-details:has(.approval-card) { max-height: none; padding-bottom: 0; }
.task-card-details:has(.approval-card) .shutter { display: none; }
.approval-time-left { margin-left: 6px; font-weight: 600; color: #31708f; white-space: nowrap; }
.approval-time-left.overdue { color: #d62728; }
.approval-time-left.provisional { font-style: italic; }
`;

const CACHE_MILLIS = 60000;
const cache = new Map(); // taskId -> {at, row (null: not visible)}
let pending = new Map(); // taskId -> [resolve]
let timer = null;

function styled() {
  if (!document.getElementById('approval-cards-style')) {
    document.head.appendChild(el('style', {id: 'approval-cards-style'}, STYLE));
  }
}

/** Collects the cards rendered in one go and asks once for all of them. */
function cardOf(taskId) {
  const hit = cache.get(taskId);
  if (hit && Date.now() - hit.at < CACHE_MILLIS) {
    return Promise.resolve(hit.row);
  }
  return new Promise((resolve) => {
    pending.set(taskId, (pending.get(taskId) || []).concat(resolve));
    if (!timer) {
      timer = setTimeout(flush, 30);
    }
  });
}

async function flush() {
  const batch = pending;
  pending = new Map();
  timer = null;
  const ids = Array.from(batch.keys());
  let rows = [];
  try {
    rows = await call('/tasks/cards?ids=' + ids.map(encodeURIComponent).join(','));
  } catch (e) {
    rows = [];
  }
  const byId = new Map(rows.map((row) => [row.taskId, row]));
  ids.forEach((id) => {
    const row = byId.get(id) || null;
    cache.set(id, {at: Date.now(), row});
    batch.get(id).forEach((resolve) => resolve(row));
  });
}

/** Tasklist's own card variables, when it could read them (else its view is empty). */
function tasklistShowsFacts(card) {
  const own = card && card.querySelector('[data-plugin-id="tasklist-card-variables"]');
  return !!(own && own.textContent.trim());
}

async function render(node, taskId) {
  styled();
  const row = await cardOf(taskId);
  const card = node.closest('li.task');
  if (!row) {
    return;
  }
  if (!tasklistShowsFacts(card)) {
    // two lines: which project (number, name), then how much and whose (amount, department)
    const fact = (f, labelled) => el('span', {class: 'fact fact-' + f.name, title: f.label + '：' + f.value},
      labelled ? el('span', {class: 'label-text'}, f.label) : null, String(f.value));
    const first = row.facts.filter((f) => f.name === 'cardNumber' || f.name === 'cardTitle');
    const second = row.facts.filter((f) => f.name !== 'cardNumber' && f.name !== 'cardTitle');
    replace(node, el('div', {class: 'approval-card', 'data-task-id': taskId},
      first.length ? el('div', {class: 'line'}, first.map((f) => fact(f, false))) : null,
      second.length ? el('div', {class: 'line'}, second.map((f) => fact(f, true))) : null));
  }
  const due = card && card.querySelector('.due-date');
  if (row.timeLeft && due) {
    const old = due.querySelector('.approval-time-left');
    if (old) {
      old.remove();
    }
    const left = row.timeLeft;
    due.appendChild(el('span', {class: 'approval-time-left' + (left.overdue ? ' overdue' : '') + (left.provisional ? ' provisional' : ''),
      'data-task-id': taskId, title: left.provisional ? '所跨年度的节假日安排尚未录入，按周一至周五计算' : null}, left.text));
  }
}

/** Soonest deadline first by default: a list without a chosen order is shown by due date. */
function dueDateFirst() {
  const hash = window.location.hash || '';
  if (!hash.startsWith('#/') || hash.startsWith('#/login') || /[?&]sorting=/.test(hash)) {
    return;
  }
  const sorting = encodeURIComponent(JSON.stringify([{sortBy: 'dueDate', sortOrder: 'asc'}]));
  window.location.replace(hash + (hash.includes('?') ? '&' : '?') + 'sorting=' + sorting);
}
window.addEventListener('hashchange', dueDateFirst);
dueDateFirst();

export default {
  id: 'approval-card-project',
  pluginPoint: 'tasklist.card',
  priority: 300,
  render: (node, {taskId}) => {
    render(node, taskId);
  }
};
