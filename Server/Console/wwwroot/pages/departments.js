// Administrators' departments: the name spaces (DNS suffixes, e-mail domains), organization,
// profiles and quota that bound what a department's people may request; defined and changed here.

import { h, field, append, clear } from '../lib/dom.js';
import { useStyles, alertBox, when, table, pagedList, textField, list as split } from './admin/kit.js';

const pageSize = 25;

export default {
  id: 'departments',
  title: 'title',
  roles: ['administrator'],
  async render(container, { t, api, lang, announce }) {
    useStyles();
    const profiles = await api('/pki/profiles');
    const search = textField(t('search'), { id: 'departments-search', type: 'search' });
    const editArea = h('div', { id: 'departments-edit' });
    // The API answers a plain array: one more than a page says another follows, after the last name shown.
    const departments = pagedList({
      id: 'departments-list',
      t,
      empty: t('empty'),
      load: async (cursor) => {
        const rows = await api('/pki/departments', { query: { search: search.control.value.trim(), limit: pageSize + 1, after: cursor } });
        return { rows: rows.slice(0, pageSize), next: rows.length > pageSize ? rows[pageSize - 1].name : null };
      },
      render: (rows) => table('departments-table', t('caption'),
        [t('name'), t('display-name'), t('organization'), t('dns'), t('email'), t('profiles'), t('quota'), t('updated'), t('actions')],
        rows.map((d) => [
          h('span', { class: 'fingerprint' }, d.name), d.displayName, d.organization ?? '—', d.dnsSuffixes.join(', ') || '—',
          d.emailDomains.join(', ') || '—', d.profiles.join(', '), d.maxCertificates ?? t('no-quota'), when(d.updatedAt, lang),
          h('button', { type: 'button', id: `edit-${d.name}`, onclick: () => edit(d) }, t('edit', { name: d.name })),
        ])),
    });
    const load = () => departments.refresh();

    function form(prefix, department, heading, submit, onSubmit) {
      const errors = alertBox(`${prefix}-error`);
      const name = textField(t('name'), { id: `${prefix}-name`, required: true, value: department?.name, readonly: !!department }, t('name-hint'));
      const displayName = textField(t('display-name'), { id: `${prefix}-display-name`, required: true, value: department?.displayName });
      const organization = textField(t('organization'), { id: `${prefix}-organization`, value: department?.organization ?? undefined }, t('organization-hint'));
      const dns = field(t('dns'), h('textarea', { id: `${prefix}-dns`, class: 'code' }, department?.dnsSuffixes.join('\n') ?? ''), t('one-per-line'));
      const email = field(t('email'), h('textarea', { id: `${prefix}-email`, class: 'code' }, department?.emailDomains.join('\n') ?? ''), t('one-per-line'));
      const quota = field(t('quota'), h('input', { type: 'number', min: 1, id: `${prefix}-quota`, value: department?.maxCertificates ?? undefined }), t('quota-hint'));
      const boxes = profiles.map((p) => h('input', { type: 'checkbox', id: `${prefix}-profile-${p.name}`, value: p.name, checked: department?.profiles.includes(p.name) ?? false }));
      return h('form', { class: 'card', id: `${prefix}-department`, 'aria-labelledby': `${prefix}-heading`, onsubmit: async (event) => {
        event.preventDefault();
        errors.clear();
        try {
          await onSubmit({
            name: name.control.value.trim(), displayName: displayName.control.value.trim(), organization: organization.control.value.trim() || null,
            dnsSuffixes: split(dns.control.value), emailDomains: split(email.control.value),
            profiles: boxes.filter((b) => b.checked).map((b) => b.value),
            maxCertificates: quota.control.value ? Number(quota.control.value) : null,
          });
        } catch (failure) {
          errors.show(failure);
        }
      } },
      h('h2', { id: `${prefix}-heading` }, heading),
      h('div', { class: 'form-grid' }, name.wrapper, displayName.wrapper, organization.wrapper, quota.wrapper),
      h('div', { class: 'two-columns' }, dns.wrapper, email.wrapper),
      h('fieldset', { class: 'checks' }, h('legend', {}, t('profiles')), boxes.map((box) => h('label', { for: box.id }, box, box.value))),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: `${prefix}-submit` }, submit)),
      errors.element);
    }

    function edit(department) {
      append(clear(editArea), form('edit', department, t('edit-heading', { name: department.name }), t('save'), async (body) => {
        await api(`/pki/departments/${encodeURIComponent(department.name)}`, { method: 'PUT', body });
        append(clear(editArea), h('p', { class: 'ok', role: 'status' }, t('saved', { name: department.name })));
        announce(t('saved', { name: department.name }));
        await load();
      }));
      editArea.querySelector('input:not([readonly])')?.focus();
    }

    const created = h('p', { id: 'department-created', role: 'status' });
    const createForm = form('new', null, t('create-heading'), t('create'), async (body) => {
      const department = await api('/pki/departments', { body });
      created.className = 'ok';
      created.textContent = t('created', { name: department.name });
      announce(created.textContent);
      createForm.reset();
      await departments.reload();
    });

    container.append(
      h('h1', { tabindex: '-1' }, t('title')),
      h('form', { class: 'card', id: 'departments-filters', onsubmit: (event) => { event.preventDefault(); departments.reload(); } },
        h('div', { class: 'form-grid' }, search.wrapper),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'departments-find' }, t('find')))),
      departments.element, editArea, createForm, created);
    await departments.reload();
  },
};
