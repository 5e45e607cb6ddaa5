// The call as C, with a Copy button, and a button that copies the link to this chain. The clipboard API
// needs permission some pages do not have: then the text is selected for the user to copy.
import { h, replace } from '../../app/dom.js';

/** Copies `text`; when the clipboard is not available, selects `element`'s text and says how to copy it. */
export async function copyOrSelect(text: string, element: HTMLElement, status: HTMLElement, what: string): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    status.textContent = `Copied the ${what}.`;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(element);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    status.textContent = `The ${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.`;
  }
}

export interface CodePanel {
  element: HTMLElement;
  show(code: string): void;
}

/** `urlWritten` resolves once the view's latest state is in the URL (long state is packed first). */
export function codePanel(urlWritten: () => Promise<void>): CodePanel {
  const pre = h('pre', { class: 'code', id: 'chain-c', tabindex: '0', 'aria-label': 'The call as C' });
  const status = h('span', { class: 'copy-status', role: 'status' });
  const link = h('code', { class: 'link-text', id: 'chain-link' });
  const copyCode = h('button', { type: 'button', onclick: () => void copyOrSelect(pre.textContent ?? '', pre, status, 'C code') }, 'Copy C code');
  const copyLink = h('button', { type: 'button', onclick: async () => { await urlWritten(); link.textContent = location.href; void copyOrSelect(location.href, link, status, 'link'); } }, 'Copy link');
  const element = h('section', { class: 'code-panel', 'aria-labelledby': 'chain-c-title' },
    h('div', { class: 'copy-row' }, h('h2', { id: 'chain-c-title' }, 'As C'), h('span', { class: 'copy-buttons' }, copyCode, copyLink)),
    status, pre, link);
  return {
    element,
    show(code: string) {
      replace(pre, code);
      status.textContent = '';
      link.textContent = '';
    },
  };
}
