// Administrators' directory of people: listed a page at a time and filtered by the server; added,
// changed, disabled and enabled; with each person's sign-in state (password, one-time-code
// authenticator, lock-out, bound certificates).

import { h, field, append, clear } from '../lib/dom.js';
import { useStyles, alertBox, when, table, pagedList, textField, list as split } from './admin/kit.js';

export default {
  id: 'people',
  title: 'title',
  roles: ['administrator'],
  async render(container, { t, api, lang, announce }) {
    useStyles();
    const search = textField(t('search'), { id: 'people-search', type: 'search' }, t('search-hint'));
    const department = textField(t('department'), { id: 'people-department' });
    const editArea = h('div', { id: 'people-edit' });

    const people = pagedList({
      id: 'people-list',
      t,
      empty: t('empty'),
      load: async (cursor) => {
        const page = await api('/identity/people', { query: { search: search.control.value.trim(), department: department.control.value.trim(), limit: 25, cursor } });
        return { rows: page.people, next: page.next };
      },
      render: (rows) => table('people-table', t('caption'),
        [t('login'), t('name'), t('department'), t('roles'), t('state'), t('totp'), t('certificates'), t('actions')],
        rows.map((p) => [
          p.login, p.displayName, p.department, p.roles.join(', ') || '—',
          h('span', { class: p.disabled ? 'error' : 'ok' }, t(p.disabled ? 'disabled' : 'enabled'),
            p.lockedUntil ? h('span', { class: 'warn' }, ` · ${t('locked', { until: when(p.lockedUntil, lang) })}`) : null),
          h('span', { class: p.totpEnrolled ? 'ok' : 'warn', id: `totp-${p.login}` }, t(p.totpEnrolled ? 'totp-enrolled' : 'totp-not-enrolled')),
          String(p.certificates.length),
          h('div', { class: 'actions' },
            h('button', { type: 'button', id: `edit-${p.login}`, onclick: () => edit(p) }, t('edit', { login: p.login })),
            h('button', { type: 'button', id: `toggle-${p.login}`, onclick: () => change(p.login, { disabled: !p.disabled }, t(p.disabled ? 'was-enabled' : 'was-disabled', { login: p.login })) },
              t(p.disabled ? 'enable' : 'disable'))),
        ])),
    });
    const listErrors = alertBox('people-change-error');

    async function change(login, patch, message) {
      listErrors.clear();
      try {
        await api(`/identity/people/${encodeURIComponent(login)}`, { method: 'PATCH', body: patch });
        announce(message);
        await people.refresh();
      } catch (failure) {
        listErrors.show(failure);
      }
    }

    function personForm({ person, onSubmit, heading, submit }) {
      const errors = alertBox(person ? 'person-edit-error' : 'person-create-error');
      const prefix = person ? 'edit' : 'new';
      const login = textField(t('login'), { id: `${prefix}-login`, required: true, autocomplete: 'off', value: person?.login, readonly: !!person }, person ? null : t('login-hint'));
      const name = textField(t('name'), { id: `${prefix}-name`, required: true, value: person?.displayName });
      const dept = textField(t('department'), { id: `${prefix}-department`, required: true, value: person?.department });
      const roles = textField(t('roles'), { id: `${prefix}-roles`, value: person?.roles.join(', ') }, t('roles-hint'));
      const password = field(t(person ? 'new-password' : 'password'), h('input', { type: 'password', id: `${prefix}-password`, autocomplete: 'new-password' }), t('password-hint'));
      const form = h('form', { class: 'card', id: `${prefix}-person`, 'aria-labelledby': `${prefix}-heading`, onsubmit: async (event) => {
        event.preventDefault();
        errors.clear();
        try {
          await onSubmit({
            login: login.control.value.trim(), displayName: name.control.value.trim(), department: dept.control.value.trim(),
            roles: split(roles.control.value), password: password.control.value || null,
          });
        } catch (failure) {
          errors.show(failure);
        }
      } },
      h('h2', { id: `${prefix}-heading` }, heading),
      h('div', { class: 'form-grid' }, login.wrapper, name.wrapper, dept.wrapper, roles.wrapper, password.wrapper),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: `${prefix}-submit` }, submit)),
      errors.element);
      return form;
    }

    function edit(person) {
      append(clear(editArea), personForm({
        person,
        heading: t('edit-heading', { login: person.login }),
        submit: t('save'),
        onSubmit: async (values) => {
          const patch = { displayName: values.displayName, department: values.department };
          if (values.roles.length) patch.roles = values.roles;
          if (values.password) patch.password = values.password;
          await api(`/identity/people/${encodeURIComponent(person.login)}`, { method: 'PATCH', body: patch });
          append(clear(editArea), h('p', { class: 'ok', role: 'status' }, t('saved', { login: person.login })));
          await people.refresh();
        },
      }));
      editArea.querySelector('input:not([readonly])')?.focus();
    }

    const created = h('p', { id: 'person-created', role: 'status' });
    const createForm = personForm({
      heading: t('create-heading'),
      submit: t('create'),
      onSubmit: async (values) => {
        const body = { login: values.login, displayName: values.displayName, department: values.department };
        if (values.roles.length) body.roles = values.roles;
        if (values.password) body.password = values.password;
        const person = await api('/identity/people', { body });
        created.className = 'ok';
        created.textContent = t('created', { login: person.login });
        announce(created.textContent);
        createForm.reset();
        search.control.value = person.login;
        await people.reload();
      },
    });

    container.append(
      h('h1', { tabindex: '-1' }, t('title')),
      h('form', { class: 'card', id: 'people-filters', onsubmit: (event) => { event.preventDefault(); people.reload(); } },
        h('div', { class: 'form-grid' }, search.wrapper, department.wrapper),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'people-find' }, t('find')))),
      people.element,
      listErrors.element,
      editArea,
      createForm,
      created);
    await people.reload();
  },
};
