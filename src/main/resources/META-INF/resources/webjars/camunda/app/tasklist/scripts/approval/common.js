/*
 * Shared by the platform's Tasklist tabs: calls to the platform's /api with the Tasklist session
 * (and its CSRF token for changes), Chinese dates, safe DOM building (text only, never HTML).
 */

export const API = '/api';

export function csrfToken() {
  const match = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
}

/** Fetches JSON from /api; rejects with the platform's Chinese message on an error answer. */
export async function call(path, options = {}) {
  const headers = Object.assign({Accept: 'application/json'}, options.headers || {});
  if (options.method && options.method !== 'GET') {
    headers['X-XSRF-TOKEN'] = csrfToken();
  }
  const response = await fetch(API + path, Object.assign({credentials: 'same-origin'}, options, {headers}));
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.message ? body.message : '请求失败（HTTP ' + response.status + '）';
    const error = new Error(message);
    error.field = body && body.field;
    throw error;
  }
  return body;
}

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) {
      return;
    }
    if (name === 'onclick' || name === 'onsubmit' || name === 'onchange') {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat().forEach((child) => {
    if (child !== null && child !== undefined && child !== false) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  });
  return node;
}

export function time(value) {
  if (!value) {
    return '';
  }
  const d = new Date(value);
  const two = (n) => String(n).padStart(2, '0');
  return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
}

export function replace(node, ...children) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
  children.flat().forEach((child) => child && node.appendChild(child));
}

export const STYLE = `
.approval-tab { padding: 12px 16px; font-size: 14px; }
.approval-tab table { width: 100%; border-collapse: collapse; margin-bottom: 12px; }
.approval-tab th, .approval-tab td { border-bottom: 1px solid #ddd; padding: 6px 8px; text-align: left; vertical-align: top; }
.approval-tab th { background: #f5f5f5; font-weight: 600; }
.approval-tab .kind { white-space: nowrap; display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; color: #fff; background: #337ab7; }
.approval-tab .kind-REMINDER { background: #d9534f; }
.approval-tab .kind-MATERIAL { background: #5cb85c; }
.approval-tab .kind-RETURN, .approval-tab .kind-WITHDRAW { background: #f0ad4e; }
.approval-tab .kind-CONSULT { background: #8e6bb8; }
.approval-tab .kind-TRANSFER, .approval-tab .kind-DELEGATE { background: #5bc0de; }
.approval-tab .hint { color: #666; margin: 6px 0; }
.approval-tab .error { color: #a94442; background: #f2dede; padding: 6px 10px; border-radius: 3px; margin: 6px 0; }
.approval-tab .ok { color: #3c763d; background: #dff0d8; padding: 6px 10px; border-radius: 3px; margin: 6px 0; }
.approval-tab form { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.approval-tab .empty { color: #666; font-style: italic; }
`;

export function styled(node) {
  node.classList.add('approval-tab');
  if (!document.getElementById('approval-tab-style')) {
    document.head.appendChild(el('style', {id: 'approval-tab-style'}, STYLE));
  }
  return node;
}
