// Administrators' registered applications (OpenID Connect clients): listed a page at a time by
// the server; registered (the client secret shown once), changed, and removed.

import { h, field, append, clear } from '../lib/dom.js';
import { useStyles, alertBox, table, pagedList, textField, selectField, list as split } from './admin/kit.js';

const grants = ['authorization_code', 'refresh_token', 'client_credentials'];
const methods = ['client_secret_basic', 'private_key_jwt', 'tls_client_auth', 'none'];

export default {
  id: 'applications',
  title: 'title',
  roles: ['administrator'],
  async render(container, { t, api, announce }) {
    useStyles();
    const search = textField(t('search'), { id: 'applications-search', type: 'search' });
    const editArea = h('div', { id: 'applications-edit' });
    const listErrors = alertBox('applications-change-error');
    const applications = pagedList({
      id: 'applications-list',
      t,
      empty: t('empty'),
      load: async (cursor) => {
        const page = await api('/identity/clients', { query: { search: search.control.value.trim(), limit: 25, cursor } });
        return { rows: page.clients, next: page.next };
      },
      render: (rows) => table('applications-table', t('caption'),
        [t('client-id'), t('name'), t('type'), t('method'), t('grants'), t('redirects'), t('actions')],
        rows.map((c) => [
          h('span', { class: 'fingerprint' }, c.clientId), c.displayName, t(`type-${c.clientType}`), c.tokenEndpointAuthMethod,
          c.grantTypes.join(', '), c.redirectUris.join('\n') || '—',
          h('div', { class: 'actions' },
            h('button', { type: 'button', id: `edit-${c.clientId}`, onclick: () => edit(c) }, t('edit', { id: c.clientId })),
            h('button', { type: 'button', id: `remove-${c.clientId}`, onclick: () => remove(c) }, t('remove', { id: c.clientId }))),
        ])),
    });

    async function remove(client) {
      listErrors.clear();
      if (!window.confirm(t('remove-confirm', { id: client.clientId }))) return;
      try {
        await api(`/identity/clients/${encodeURIComponent(client.clientId)}`, { method: 'DELETE' });
        announce(t('removed', { id: client.clientId }));
        await applications.refresh();
      } catch (failure) {
        listErrors.show(failure);
      }
    }

    function fields(prefix, client) {
      const grantBoxes = grants.map((g) => h('input', { type: 'checkbox', id: `${prefix}-grant-${g}`, value: g, checked: client ? client.grantTypes.includes(g) : g === 'authorization_code' }));
      return {
        clientId: textField(t('client-id'), { id: `${prefix}-client-id`, required: true, value: client?.clientId, readonly: !!client }),
        name: textField(t('name'), { id: `${prefix}-name`, required: true, value: client?.displayName }),
        method: selectField(t('method'), methods.map((m) => [m, m]), { id: `${prefix}-method`, disabled: !!client }, client?.tokenEndpointAuthMethod ?? 'client_secret_basic'),
        redirects: field(t('redirects'), h('textarea', { id: `${prefix}-redirects`, class: 'code' }, client?.redirectUris.join('\n') ?? ''), t('one-per-line')),
        audiences: field(t('audiences'), h('textarea', { id: `${prefix}-audiences`, class: 'code' }, client?.audiences.join('\n') ?? ''), t('one-per-line')),
        firstParty: h('input', { type: 'checkbox', id: `${prefix}-first-party`, checked: client?.firstParty ?? false }),
        grantBoxes,
        grants: h('fieldset', { class: 'checks' }, h('legend', {}, t('grants')),
          grantBoxes.map((box) => h('label', { for: box.id }, box, box.value))),
      };
    }

    function values(f) {
      return {
        displayName: f.name.control.value.trim(),
        redirectUris: split(f.redirects.control.value),
        audiences: split(f.audiences.control.value),
        grantTypes: f.grantBoxes.filter((b) => b.checked).map((b) => b.value),
        firstParty: f.firstParty.checked,
      };
    }

    function form(prefix, heading, submit, f, onSubmit) {
      const errors = alertBox(`${prefix}-error`);
      return h('form', { class: 'card', id: `${prefix}-application`, 'aria-labelledby': `${prefix}-heading`, onsubmit: async (event) => {
        event.preventDefault();
        errors.clear();
        try {
          await onSubmit();
        } catch (failure) {
          errors.show(failure);
        }
      } },
      h('h2', { id: `${prefix}-heading` }, heading),
      h('div', { class: 'form-grid' }, f.clientId.wrapper, f.name.wrapper, f.method.wrapper),
      f.grants,
      h('p', {}, h('label', { for: f.firstParty.id }, f.firstParty, ' ', t('first-party'))),
      h('div', { class: 'two-columns' }, f.redirects.wrapper, f.audiences.wrapper),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: `${prefix}-submit` }, submit)),
      errors.element);
    }

    function edit(client) {
      const f = fields('edit', client);
      append(clear(editArea), form('edit', t('edit-heading', { id: client.clientId }), t('save'), f, async () => {
        await api(`/identity/clients/${encodeURIComponent(client.clientId)}`, { method: 'PATCH', body: values(f) });
        append(clear(editArea), h('p', { class: 'ok', role: 'status' }, t('saved', { id: client.clientId })));
        await applications.refresh();
      }));
      f.name.control.focus();
    }

    const created = h('div', { id: 'application-created', 'aria-live': 'polite' });
    const fresh = fields('new');
    const createForm = form('new', t('create-heading'), t('create'), fresh, async () => {
      const client = await api('/identity/clients', {
        body: { clientId: fresh.clientId.control.value.trim(), tokenEndpointAuthMethod: fresh.method.control.value, ...values(fresh) },
      });
      append(clear(created), h('p', { class: 'ok', role: 'status' }, t('created', { id: client.clientId })),
        client.clientSecret ? [h('p', {}, t('secret-once')), h('pre', { id: 'application-secret' }, client.clientSecret)] : null);
      createForm.reset();
      await applications.reload();
    });

    container.append(
      h('h1', { tabindex: '-1' }, t('title')),
      h('form', { class: 'card', id: 'applications-filters', onsubmit: (event) => { event.preventDefault(); applications.reload(); } },
        h('div', { class: 'form-grid' }, search.wrapper),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'applications-find' }, t('find')))),
      applications.element,
      listErrors.element,
      editArea,
      createForm,
      created);
    await applications.reload();
  },
};
