/*
 * Camunda Forms (form-js) writes its own validation messages and select placeholders in English,
 * outside Tasklist's translation files. This puts them into Chinese as they appear, so a reviewer
 * who reads only Chinese understands why a form will not submit. No default export: not a tab.
 */

const MESSAGES = [
  [/^Field is required\.$/, () => '此项为必填项。'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => '至少填写 ' + m[1] + ' 个字符。'],
  [/^Field must have maximum length of (\d+)\.$/, (m) => '最多填写 ' + m[1] + ' 个字符。'],
  [/^Field must have minimum value of (.+)\.$/, (m) => '不能小于 ' + m[1] + '。'],
  [/^Field must have maximum value of (.+)\.$/, (m) => '不能大于 ' + m[1] + '。'],
  [/^Field must match pattern (.+)\.$/, () => '格式不正确。'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮件地址。'],
  [/^Value is not a number\.$/, () => '请填写数字。'],
  [/^Select$/, () => '请选择'],
  [/^Search$/, () => '搜索']
];

function translate(text) {
  const trimmed = text.trim();
  for (const [pattern, chinese] of MESSAGES) {
    const match = trimmed.match(pattern);
    if (match) {
      return chinese(match);
    }
  }
  return null;
}

function translateWithin(root) {
  if (!(root instanceof Element) || !root.closest('.fjs-container') && !root.querySelector('.fjs-container')) {
    return;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chinese = translate(node.nodeValue);
    if (chinese) {
      node.nodeValue = chinese;
    }
  }
  root.querySelectorAll('.fjs-container input[placeholder]').forEach((input) => {
    const chinese = translate(input.getAttribute('placeholder'));
    if (chinese) {
      input.setAttribute('placeholder', chinese);
    }
  });
}

new MutationObserver((mutations) => {
  for (const mutation of mutations) {
    const target = mutation.type === 'characterData' ? mutation.target.parentElement : mutation.target;
    translateWithin(target);
  }
}).observe(document.body, {childList: true, subtree: true, characterData: true});
