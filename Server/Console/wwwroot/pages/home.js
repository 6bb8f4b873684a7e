// The first page every signed-in person sees: who they are as the platform knows them, their
// roles, how they signed in, and where their roles lead.

import { h } from '../lib/dom.js';

export default {
  id: 'home',
  title: 'title',
  roles: [],
  async render(container, { t, user, lang }) {
    const expires = new Date(user.expiresAt).toLocaleTimeString(lang);
    container.append(
      h('h1', { tabindex: '-1' }, t('title')),
      h('section', { class: 'card', 'aria-labelledby': 'who-heading' },
        h('h2', { id: 'who-heading' }, t('who')),
        h('dl', { class: 'facts' },
          h('dt', {}, t('name')), h('dd', { id: 'home-name' }, user.name),
          h('dt', {}, t('login')), h('dd', { id: 'home-login' }, user.login),
          user.department ? [h('dt', {}, t('department')), h('dd', { id: 'home-department' }, user.department)] : null,
          h('dt', {}, t('roles')),
          h('dd', {}, user.roles.length
            ? h('ul', { id: 'home-roles', class: 'tags' }, user.roles.map((role) => h('li', {}, role)))
            : h('span', { id: 'home-roles' }, t('no-roles'))),
          h('dt', {}, t('method')), h('dd', { id: 'home-method' }, user.amr.map((m) => t(`amr-${m}`)).join(', ')),
          h('dt', {}, t('expires')), h('dd', {}, expires))),
      h('p', { class: 'hint' }, t('roles-hint')));
  },
};
