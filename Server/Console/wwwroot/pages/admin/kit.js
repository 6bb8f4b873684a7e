// What the administration pages share: their stylesheet, server-paged tables, readable errors
// and small formatting helpers. Everything built with h() (no markup parsed), every string from
// the calling page's resource file.

import { h, append, clear, field } from '../../lib/dom.js';

/** Adds admin.css beside console.css once (a <link>, which the Content-Security-Policy allows: style-src 'self'). */
export function useStyles() {
  if (document.getElementById('admin-css')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: '/console/admin.css', id: 'admin-css' }));
}

/** A role="alert" element; show(error) writes an ApiError's readable message and its code, clear() empties it. */
export function alertBox(id) {
  const element = h('p', { class: 'error', role: 'alert', id });
  return {
    element,
    show(error) {
      element.textContent = error?.code ? `${error.message} (${error.code})` : String(error?.message ?? error);
    },
    clear() { element.textContent = ''; },
  };
}

/** Date and time in the reader's language; '—' for none. */
export function when(value, lang) {
  return value ? new Date(value).toLocaleString(lang) : '—';
}

/** A table with a caption and header cells; rows are arrays of cells (nodes or text). */
export function table(id, caption, headers, rows) {
  return h('table', { id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}

/**
 * A server-paged list: load(cursor) resolves to { rows, next }; render(rows) builds the table.
 * Keeps the cursors of earlier pages so "previous" goes back without asking for everything.
 */
export function pagedList({ id, t, load, render, empty }) {
  const area = h('div', { id, 'aria-live': 'polite' });
  const errors = alertBox(`${id}-error`);
  const previous = h('button', { type: 'button', id: `${id}-previous`, disabled: true, onclick: () => go(cursors.length - 2) }, t('previous'));
  const next = h('button', { type: 'button', id: `${id}-next`, disabled: true, onclick: () => go(cursors.length) }, t('next'));
  const position = h('span', { class: 'hint' });
  let cursors = [null];
  let following = null;

  async function go(index) {
    const cursor = index === cursors.length ? following : cursors[index];
    errors.clear();
    try {
      const page = await load(cursor ?? undefined);
      cursors = index === cursors.length ? [...cursors, cursor] : cursors.slice(0, index + 1);
      following = page.next ?? null;
      clear(area);
      append(area, [page.rows.length ? render(page.rows) : h('p', { class: 'hint' }, empty)]);
      previous.disabled = cursors.length <= 1;
      next.disabled = !following;
      position.textContent = t('page-number', { number: cursors.length });
    } catch (failure) {
      errors.show(failure);
    }
  }

  return {
    element: h('div', {}, area, errors.element, h('div', { class: 'pager' }, previous, next, position)),
    /** Loads the first page again (after a filter changed or a row changed). */
    reload: () => { cursors = [null]; following = null; return go(0); },
    /** Loads the page being shown again. */
    refresh: () => go(cursors.length - 1),
  };
}

/** A labelled text input; returns the field wrapper and the input. */
export function textField(label, attributes = {}, hint) {
  return field(label, h('input', { type: 'text', ...attributes }), hint);
}

/** A labelled select of [value, text] options. */
export function selectField(label, options, attributes = {}, selected) {
  return field(label, h('select', attributes, options.map(([value, text]) => h('option', { value, selected: value === selected }, text))));
}

/** Lines of a textarea or a comma list as a trimmed, non-empty array. */
export function list(text) {
  return String(text ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
}

/** True when the signed-in person carries one of the roles (for what to offer; the server decides). */
export function hasRole(user, ...roles) {
  return roles.some((role) => user.roles.includes(role));
}
