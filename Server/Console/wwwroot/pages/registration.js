// Registration officers' queue: the requests they may review, who submitted each, and approve or
// reject with a comment. Separation of duty shows before anyone tries (the officer's own request,
// an approval already given); the server still decides, and its refusal is shown as it says it.

import { h, field } from '../lib/dom.js';
import { useStyles, alertBox, when, table, pagedList, textField, selectField } from './admin/kit.js';

const statuses = ['pending', 'issued', 'rejected', 'expired'];

export default {
  id: 'registration',
  title: 'title',
  roles: ['registration-officer', 'administrator'],
  async render(container, { t, api, lang, announce, route }) {
    useStyles();
    const status = selectField(t('status'), [['', t('status-any')], ...statuses.map((s) => [s, t(`status-${s}`)])],
      { id: 'registration-status' }, route.query.get('status') ?? 'pending');
    const department = textField(t('department'), { id: 'registration-department', value: route.query.get('department') ?? '' });

    const list = pagedList({
      id: 'registration-list',
      t,
      empty: t('empty'),
      load: async (cursor) => {
        const page = await api('/pki/requests', { query: { status: status.control.value, department: department.control.value.trim(), limit: 20, cursor } });
        return { rows: page.items, next: page.next };
      },
      render: (requests) => table('registration-table', t('caption'),
        [t('subject'), t('department'), t('profile'), t('requester'), t('submitted'), t('status'), t('approvals'), t('decision')],
        requests.map((request) => [
          h('span', {}, request.subject, h('br'), h('span', { class: 'hint fingerprint' }, request.id)),
          request.department,
          request.profile,
          request.requester,
          when(request.createdAt, lang),
          t(`status-${request.status}`),
          approvals(request),
          decision(request),
        ])),
    });

    function approvals(request) {
      return h('div', {},
        h('span', {}, t('approvals-count', { given: request.approvals.length, required: request.approvalsRequired })),
        request.approvals.length
          ? h('ul', { class: 'steps' }, request.approvals.map((a) => h('li', {}, `${a.officer} · ${when(a.approvedAt, lang)}${a.comment ? ` — ${a.comment}` : ''}`)))
          : null,
        request.comment && request.status !== 'pending' ? h('p', { class: 'hint' }, t('closed-comment', { by: request.closedBy ?? '', comment: request.comment })) : null);
    }

    function decision(request) {
      if (request.status !== 'pending') return h('span', { class: 'hint' }, '—');
      const errors = alertBox(`error-${request.id}`);
      const comment = field(t('comment'), h('textarea', { id: `comment-${request.id}`, maxlength: 1000, rows: 2 }));
      const decide = (verb) => async () => {
        errors.clear();
        try {
          await api(`/pki/requests/${encodeURIComponent(request.id)}/${verb}`, { body: { comment: comment.control.value.trim() || null } });
          announce(t(verb === 'approve' ? 'approved' : 'rejected', { subject: request.subject }));
          await list.refresh();
        } catch (failure) {
          errors.show(failure);
        }
      };
      return h('div', { class: 'row-actions', dataset: { request: request.id } },
        request.submittedByCaller ? h('p', { class: 'notice', id: `own-${request.id}` }, t('own-request')) : null,
        request.approvedByCaller ? h('p', { class: 'notice', id: `approved-${request.id}` }, t('approved-already')) : null,
        comment.wrapper,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', id: `approve-${request.id}`, onclick: decide('approve'),
            'aria-describedby': request.submittedByCaller ? `own-${request.id}` : null }, t('approve')),
          h('button', { type: 'button', id: `reject-${request.id}`, onclick: decide('reject'),
            'aria-describedby': request.submittedByCaller ? `own-${request.id}` : null }, t('reject'))),
        errors.element);
    }

    const filters = h('form', { class: 'card', id: 'registration-filters', onsubmit: (event) => { event.preventDefault(); list.reload(); } },
      h('div', { class: 'form-grid' }, status.wrapper, department.wrapper),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'registration-search' }, t('search'))));

    container.append(
      h('h1', { tabindex: '-1' }, t('title')),
      h('p', { class: 'hint' }, t('intro')),
      filters,
      list.element);
    await list.reload();
  },
};
