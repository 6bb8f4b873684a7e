// The audit section, for officers (and administrators, whom the audit API also admits): search
// the trail, read one event, verify it in the browser, and keep the checkpoints seen consistent.
//   #/audit?actor=…&cursor=…      search (filters and paging in the route, so back and forward work)
//   #/audit/event/<index>         one event and its verification
//   #/audit/checkpoints           the pinned verifier key and the checkpoints this browser has seen

import { h } from '../lib/dom.js';
import { renderSearch } from './audit/search.js';
import { renderEvent } from './audit/event.js';
import { renderCheckpoints } from './audit/checkpoints.js';

function subnav(context, current) {
  const { t, href } = context;
  const link = (id, path, label) => h('li', {}, h('a', { href: href('audit', path), id, 'aria-current': current === id ? 'page' : null }, label));
  return h('nav', { class: 'subnav', 'aria-label': t('subnav') }, h('ul', {},
    link('audit-search-link', [], t('search')),
    link('audit-checkpoints-link', ['checkpoints'], t('checkpoints'))));
}

export default {
  id: 'audit',
  title: 'title',
  roles: ['auditor', 'administrator'],
  async render(container, context) {
    const [view, argument] = context.route.path;
    if (view === 'event' && /^(0|[1-9][0-9]*)$/.test(argument ?? '')) {
      container.append(subnav(context, null));
      await renderEvent(container, context, argument);
    } else if (view === 'checkpoints') {
      container.append(subnav(context, 'audit-checkpoints-link'));
      await renderCheckpoints(container, context);
    } else {
      container.append(subnav(context, 'audit-search-link'));
      await renderSearch(container, context);
    }
  },
};
