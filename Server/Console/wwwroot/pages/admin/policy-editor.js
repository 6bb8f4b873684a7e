// The policy text editor: a textarea with a line-number gutter whose lines are marked where an
// error is, and the list of errors at line:column, each a button that puts the cursor there.

import { h } from '../../lib/dom.js';

export function policyEditor({ t, text, readOnly }) {
  const gutter = h('ol', { class: 'gutter', 'aria-hidden': 'true', id: 'policy-gutter' });
  const area = h('textarea', { id: 'policy-text', spellcheck: 'false', autocomplete: 'off', wrap: 'off', readonly: readOnly, 'aria-describedby': 'policy-problems' });
  area.value = text;
  const problems = h('ol', { class: 'problems', id: 'policy-problems', 'aria-label': t('problems') });
  let marked = new Set();
  const listeners = [];

  function numberLines() {
    const count = area.value.split('\n').length;
    const items = [];
    for (let line = 1; line <= count; line += 1) {
      items.push(h('li', { class: marked.has(line) ? 'error-line' : null, dataset: { line } }, line));
    }
    gutter.replaceChildren(...items);
    gutter.scrollTop = area.scrollTop;
  }

  /** The offset in the text of a 1-based line and column. */
  function offsetOf(line, column) {
    const lines = area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i += 1) offset += lines[i].length + 1;
    return offset + Math.max(0, Math.min(column - 1, (lines[line - 1] ?? '').length));
  }

  function goTo(line, column) {
    const offset = offsetOf(line, column);
    area.focus();
    area.setSelectionRange(offset, offset);
  }

  area.addEventListener('input', () => {
    numberLines();
    listeners.forEach((listener) => listener());
  });
  area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
  numberLines();

  return {
    element: h('div', {},
      h('label', { for: 'policy-text' }, t('policies')),
      h('div', { class: 'editor' }, gutter, area),
      problems),
    get text() { return area.value; },
    set text(value) { area.value = value; numberLines(); },
    /** Calls listener whenever the text changes. */
    onChange(listener) { listeners.push(listener); },
    /** Shows errors [{ message, line, column, policyId }] (empty clears them) and marks their lines. */
    showErrors(errors, kind = 'error') {
      marked = new Set(kind === 'error' ? errors.filter((e) => e.line > 0).map((e) => e.line) : []);
      area.setAttribute('aria-invalid', kind === 'error' && errors.length ? 'true' : 'false');
      problems.replaceChildren(...errors.map((e) => h('li', { class: kind === 'error' ? 'error' : 'warn' },
        e.line > 0
          ? h('button', { type: 'button', class: 'problem', onclick: () => goTo(e.line, e.column) },
            t('at', { line: e.line, column: e.column }))
          : null,
        ' ', e.policyId ? `[${e.policyId}] ` : '', e.message)));
      numberLines();
    },
  };
}
