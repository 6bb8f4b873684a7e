// Administrators' certificate repository: search (every filter applied by the server, a page at a
// time), a certificate's detail, revocation with an RFC 5280 reason, and what a relying party
// sees of it: the platform's OCSP answer and whether its current CRL lists it.

import { h, field, append, clear } from '../lib/dom.js';
import { useStyles, alertBox, when, table, pagedList, textField, selectField, hasRole } from './admin/kit.js';

// RFC 5280 §5.3.1 reasons an administrator may give (removeFromCRL only lifts a hold, offered when one is on).
const reasons = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation',
  'certificateHold', 'privilegeWithdrawn', 'aACompromise'];

export default {
  id: 'certificates',
  title: 'title',
  roles: ['administrator', 'auditor'],
  async render(container, context) {
    useStyles();
    if (context.route.path[0]) {
      await detail(container, context, context.route.path[0]);
    } else {
      await search(container, context);
    }
  },
};

async function search(container, { t, api, lang, href, route }) {
  const [cas, profiles] = await Promise.all([api('/pki/cas'), api('/pki/profiles')]);
  const q = route.query;
  const subject = textField(t('subject'), { id: 'certificates-subject', value: q.get('subject') ?? '' });
  const serial = textField(t('serial'), { id: 'certificates-serial', value: q.get('serial') ?? '', spellcheck: 'false', autocomplete: 'off' }, t('serial-hint'));
  const status = selectField(t('status'), [['', t('any')], ...['valid', 'revoked', 'expired'].map((s) => [s, t(`status-${s}`)])],
    { id: 'certificates-status' }, q.get('status') ?? '');
  const ca = selectField(t('ca'), [['', t('any')], ...cas.filter((c) => c.issuing).map((c) => [c.name, c.name])], { id: 'certificates-ca' }, q.get('ca') ?? '');
  const profile = selectField(t('profile'), [['', t('any')], ...profiles.map((p) => [p.name, p.name])], { id: 'certificates-profile' }, q.get('profile') ?? '');
  const department = textField(t('department'), { id: 'certificates-department', value: q.get('department') ?? '' });

  const list = pagedList({
    id: 'certificates-list',
    t,
    empty: t('empty'),
    load: async (cursor) => {
      const page = await api('/pki/certificates', {
        query: {
          subject: subject.control.value.trim(), serial: serial.control.value.trim(), status: status.control.value, ca: ca.control.value,
          profile: profile.control.value, department: department.control.value.trim(), limit: 25, cursor,
        },
      });
      return { rows: page.certificates, next: page.next };
    },
    render: (certificates) => table('certificates-table', t('caption'),
      [t('serial'), t('subject'), t('profile'), t('ca'), t('status'), t('not-after')],
      certificates.map((c) => [
        h('a', { href: href('certificates', [c.serialNumber]), class: 'fingerprint' }, c.serialNumber),
        c.subject, c.profile, c.ca ?? '', t(`status-${c.status}`), when(c.notAfter, lang),
      ])),
  });

  container.append(
    h('h1', { tabindex: '-1' }, t('title')),
    h('form', { class: 'card', id: 'certificates-filters', onsubmit: (event) => { event.preventDefault(); list.reload(); } },
      h('div', { class: 'form-grid' }, subject.wrapper, serial.wrapper, status.wrapper, ca.wrapper, profile.wrapper, department.wrapper),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'certificates-search' }, t('search')))),
    list.element);
  await list.reload();
}

async function detail(container, { t, api, lang, href, user, announce }, serial) {
  const certificate = await api(`/pki/certificates/${encodeURIComponent(serial)}`);
  const statusArea = h('section', { class: 'card', id: 'certificate-revocation-status', 'aria-labelledby': 'rs-heading', 'aria-live': 'polite' });
  const facts = h('dl', { class: 'facts', id: 'certificate-facts' });

  function showFacts(c) {
    append(clear(facts),
      h('dt', {}, t('serial')), h('dd', { class: 'fingerprint' }, c.serialNumber),
      h('dt', {}, t('subject')), h('dd', {}, c.subject),
      h('dt', {}, t('profile')), h('dd', {}, c.profile),
      h('dt', {}, t('ca')), h('dd', {}, c.ca ?? ''),
      h('dt', {}, t('requested-by')), h('dd', {}, c.requestedBy ?? ''),
      h('dt', {}, t('not-before')), h('dd', {}, when(c.notBefore, lang)),
      h('dt', {}, t('not-after')), h('dd', {}, when(c.notAfter, lang)),
      h('dt', {}, t('status')), h('dd', { id: 'certificate-status' }, t(`status-${c.status}`)),
      c.revokedAt ? [h('dt', {}, t('revoked-at')), h('dd', {}, when(c.revokedAt, lang)),
        h('dt', {}, t('reason')), h('dd', { id: 'certificate-reason' }, c.revocationReason ?? '')] : null);
  }

  async function showStatus() {
    const s = await api(`/pki/certificates/${encodeURIComponent(serial)}/revocation-status`);
    const ocspClass = s.ocsp.status === 'good' && s.ocsp.signatureValid ? 'ok' : s.ocsp.status === 'revoked' ? 'error' : 'warn';
    append(clear(statusArea),
      h('h2', { id: 'rs-heading' }, t('relying-party')),
      h('p', { class: 'hint' }, t('relying-party-hint')),
      h('div', { class: 'two-columns' },
        h('div', {},
          h('h3', {}, t('ocsp')),
          h('p', { class: `verdict ${ocspClass}`, id: 'ocsp-status' }, t(`ocsp-${s.ocsp.status}`)),
          h('dl', { class: 'facts' },
            h('dt', {}, t('signature')), h('dd', { class: s.ocsp.signatureValid ? 'ok' : 'error' }, t(s.ocsp.signatureValid ? 'signature-valid' : 'signature-invalid')),
            h('dt', {}, t('responder')), h('dd', {}, s.ocsp.responder ?? t('responder-ca')),
            h('dt', {}, t('this-update')), h('dd', {}, when(s.ocsp.thisUpdate, lang)),
            h('dt', {}, t('next-update')), h('dd', {}, when(s.ocsp.nextUpdate, lang)),
            s.ocsp.revokedAt ? [h('dt', {}, t('revoked-at')), h('dd', {}, when(s.ocsp.revokedAt, lang)),
              h('dt', {}, t('reason')), h('dd', { id: 'ocsp-reason' }, s.ocsp.reason ?? '—')] : null)),
        h('div', {},
          h('h3', {}, t('crl')),
          h('p', { class: `verdict ${s.crl.listed ? 'error' : s.crl.available ? 'ok' : 'warn'}`, id: 'crl-status' },
            t(!s.crl.available ? 'crl-unavailable' : s.crl.listed ? 'crl-listed' : 'crl-not-listed')),
          h('dl', { class: 'facts' },
            h('dt', {}, t('crl-number')), h('dd', {}, s.crl.number ?? '—'),
            h('dt', {}, t('signature')), h('dd', { class: s.crl.signatureValid ? 'ok' : 'error' }, t(s.crl.signatureValid ? 'signature-valid' : 'signature-invalid')),
            h('dt', {}, t('this-update')), h('dd', {}, when(s.crl.thisUpdate, lang)),
            h('dt', {}, t('next-update')), h('dd', {}, when(s.crl.nextUpdate, lang)),
            s.crl.listed ? [h('dt', {}, t('reason')), h('dd', { id: 'crl-reason' }, s.crl.reason ?? '—')] : null),
          h('p', {}, h('a', { href: `/pki/cas/${encodeURIComponent(s.ca)}/crl` }, t('download-crl'))))));
  }

  function revokeForm(c) {
    if (!hasRole(user, 'administrator')) return null;
    const onHold = c.status === 'revoked' && c.revocationReason === 'certificateHold';
    if (c.status === 'revoked' && !onHold) return null;
    const errors = alertBox('revoke-error');
    const reason = selectField(t('reason'), (onHold ? ['removeFromCRL', ...reasons] : reasons).map((r) => [r, t(`reason-${r}`)]), { id: 'revoke-reason' },
      onHold ? 'removeFromCRL' : 'unspecified');
    const invalidity = field(t('invalidity-date'), h('input', { type: 'datetime-local', id: 'revoke-invalidity' }), t('invalidity-hint'));
    const confirm = h('input', { type: 'checkbox', id: 'revoke-confirm' });
    const form = h('form', { class: 'card', id: 'revoke-form', 'aria-labelledby': 'revoke-heading', onsubmit: async (event) => {
      event.preventDefault();
      errors.clear();
      if (!confirm.checked) {
        errors.show(t('confirm-needed'));
        confirm.focus();
        return;
      }
      try {
        const value = invalidity.control.value;
        const changed = await api(`/pki/certificates/${encodeURIComponent(serial)}/revoke`, {
          body: { reason: reason.control.value, invalidityDate: value ? new Date(value).toISOString() : null },
        });
        showFacts(changed);
        form.replaceWith(revokeForm(changed) ?? h('p', { class: 'ok', id: 'revoke-done' }, t('revoked', { reason: t(`reason-${changed.revocationReason}`) })));
        announce(t('revoked', { reason: t(`reason-${changed.revocationReason}`) }));
        await showStatus();
      } catch (failure) {
        errors.show(failure);
      }
    } },
    h('h2', { id: 'revoke-heading' }, t(onHold ? 'lift-hold' : 'revoke')),
    h('div', { class: 'form-grid' }, reason.wrapper, invalidity.wrapper),
    h('p', {}, h('label', { for: 'revoke-confirm' }, confirm, ' ', t('confirm', { serial }))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'revoke-submit' }, t(onHold ? 'lift-hold' : 'revoke'))),
    errors.element);
    return form;
  }

  showFacts(certificate);
  container.append(
    h('p', {}, h('a', { href: href('certificates') }, t('back'))),
    h('h1', { tabindex: '-1' }, t('detail-title', { subject: certificate.subject })),
    h('section', { class: 'card' }, facts, h('details', {}, h('summary', {}, t('pem')), h('pre', {}, certificate.certificate))),
    statusArea,
    revokeForm(certificate));
  await showStatus();
}
