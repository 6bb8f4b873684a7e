// Search and filter the audit trail: every filter of GET /audit/events, paged on the server
// (limit and cursor), newest first. The filters live in the route, so a search can be bookmarked.

import { h, field } from '../../lib/dom.js';
import { formatTime } from '../../lib/i18n.js';

const textFilters = ['actor', 'action', 'target', 'module'];
const limits = ['25', '50', '100'];

// datetime-local has no zone: the officer means their own local time.
const toIso = (local) => (local ? new Date(local).toISOString() : '');
const toLocal = (iso) => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export const actorOf = (actor = {}) => actor.subject ?? actor.user ?? actor.clientId ?? '';

export async function renderSearch(container, context) {
  const { t, api, route, navigate, href, lang, announce } = context;
  const q = route.query;
  const controls = {};
  const form = h('form', { id: 'audit-search', 'aria-labelledby': 'audit-search-heading', class: 'card', novalidate: true });
  const grid = h('div', { class: 'form-grid' });
  for (const name of ['from', 'to']) {
    const { wrapper, control } = field(t(`filter-${name}`), h('input', { type: 'datetime-local', id: `filter-${name}`, name, value: toLocal(q.get(name)) }));
    controls[name] = control;
    grid.append(wrapper);
  }
  for (const name of textFilters) {
    const { wrapper, control } = field(t(`filter-${name}`), h('input', { type: 'text', id: `filter-${name}`, name, value: q.get(name) ?? '', autocomplete: 'off' }),
      t(`filter-${name}-hint`));
    controls[name] = control;
    grid.append(wrapper);
  }
  const outcome = h('select', { id: 'filter-outcome', name: 'outcome' },
    ['', 'success', 'failure', 'denied'].map((v) => h('option', { value: v, selected: (q.get('outcome') ?? '') === v }, v ? t(`outcome-${v}`) : t('any'))));
  controls.outcome = outcome;
  grid.append(field(t('filter-outcome'), outcome).wrapper);
  const limit = h('select', { id: 'filter-limit', name: 'limit' },
    limits.map((v) => h('option', { value: v, selected: (q.get('limit') ?? '50') === v }, v)));
  controls.limit = limit;
  grid.append(field(t('filter-limit'), limit).wrapper);
  form.append(
    h('h1', { id: 'audit-search-heading', tabindex: '-1' }, t('search-title')),
    grid,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'audit-search-submit' }, t('search-submit')),
      h('button', { type: 'button', id: 'audit-search-reset', onclick: () => navigate('audit') }, t('search-reset'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = { from: toIso(controls.from.value), to: toIso(controls.to.value), outcome: controls.outcome.value, limit: controls.limit.value };
    for (const name of textFilters) query[name] = controls[name].value.trim();
    navigate('audit', [], query);
  });
  const results = h('section', { id: 'audit-results', 'aria-labelledby': 'audit-results-heading', 'aria-busy': 'true' },
    h('h2', { id: 'audit-results-heading' }, t('results')));
  container.append(form, results);

  const filters = {};
  for (const name of ['from', 'to', 'outcome', ...textFilters]) filters[name] = q.get(name) ?? '';
  const pageSize = limits.includes(q.get('limit')) ? q.get('limit') : '50';
  const trail = (q.get('trail') ?? '').split(',').filter(Boolean);
  const cursor = q.get('cursor') ?? '';
  const started = performance.now();
  let answer;
  try {
    answer = await api('/audit/events', { query: { ...filters, limit: pageSize, cursor } });
  } catch (failure) {
    results.setAttribute('aria-busy', 'false');
    results.append(h('p', { class: 'error', role: 'alert', id: 'audit-search-error' }, failure.message));
    return;
  }
  const elapsed = performance.now() - started;
  results.setAttribute('aria-busy', 'false');
  const summary = answer.events.length === 0 ? t('no-events') : t('events-shown', { count: answer.events.length, ms: elapsed.toFixed(0) });
  const status = h('p', { id: 'audit-search-time', role: 'status', dataset: { ms: elapsed.toFixed(2), count: String(answer.events.length) } }, summary);
  results.append(status);
  // A search with several filters looks at a bounded stretch of the log per page: a short page
  // with a cursor means older events were not searched yet, not that none match.
  if (answer.next && answer.events.length < Number(pageSize)) {
    results.append(h('p', { id: 'audit-search-partial', class: 'hint' }, t('searched-down-to', { index: answer.next })));
  }
  announce(summary);
  if (answer.events.length > 0) {
    const table = h('table', { id: 'audit-events' },
      h('caption', {}, t('events-caption')),
      h('thead', {}, h('tr', {}, ['index', 'time', 'actor', 'action', 'target', 'outcome', 'module'].map((c) => h('th', { scope: 'col' }, t(`column-${c}`))))),
      h('tbody', {}, answer.events.map((e) => h('tr', {},
        h('td', {}, h('a', { href: href('audit', ['event', e.index]), class: 'event-link', 'aria-label': t('open-event', { index: e.index }) }, String(e.index))),
        h('td', {}, h('time', { datetime: e.time }, formatTime(lang, e.time))),
        h('td', {}, actorOf(e.actor)),
        h('td', {}, e.action),
        h('td', {}, e.target ?? ''),
        h('td', { class: `outcome-${e.outcome}` }, t(`outcome-${e.outcome}`)),
        h('td', {}, e.module)))));
    results.append(table);
  }
  const base = { ...filters, limit: pageSize };
  const paging = h('div', { class: 'actions' });
  // The trail holds the cursors of the pages before this one ('first' for the first page), so "newer" goes back exactly.
  if (cursor) {
    const previous = trail.at(-1);
    paging.append(h('button', { type: 'button', id: 'audit-newer', onclick: () => navigate('audit', [],
      { ...base, cursor: previous === 'first' ? '' : previous, trail: trail.slice(0, -1).join(',') }) }, t('newer')));
  }
  if (answer.next) {
    paging.append(h('button', { type: 'button', id: 'audit-older', onclick: () => navigate('audit', [],
      { ...base, cursor: answer.next, trail: [...trail, cursor || 'first'].join(',') }) }, t('older')));
  }
  if (paging.childElementCount > 0) results.append(paging);
}
