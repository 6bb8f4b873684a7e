// The officer's own trust: the pinned verifier key, the checkpoints this browser verified, and a
// check that the log's latest signed checkpoint is consistent with every one of them.

import { h, clear } from '../../lib/dom.js';
import { formatTime } from '../../lib/i18n.js';
import { parseVerifierKey } from '../../lib/audit/note.js';
import { verifySeen } from '../../lib/audit/verify.js';
import * as trust from '../../lib/audit/trust.js';
import { pinOffer } from './event.js';

export async function renderCheckpoints(container, context) {
  const { t, api, lang, announce, navigate } = context;
  container.append(h('h1', { tabindex: '-1' }, t('checkpoints-title')));
  const keyCard = h('section', { class: 'card', 'aria-labelledby': 'pinned-heading' }, h('h2', { id: 'pinned-heading' }, t('pinned-key')));
  const pinned = trust.pinnedKey();
  if (pinned) {
    const key = await parseVerifierKey(pinned.text);
    keyCard.append(
      h('dl', { class: 'facts' },
        h('dt', {}, t('key-name')), h('dd', { id: 'pinned-key-name' }, key.name),
        h('dt', {}, t('key-text')), h('dd', { class: 'fingerprint', id: 'pinned-key' }, key.text),
        h('dt', {}, t('key-fingerprint')), h('dd', { class: 'fingerprint' }, key.fingerprint.match(/.{1,4}/g).join(' ')),
        h('dt', {}, t('pinned-at')), h('dd', {}, formatTime(lang, pinned.pinnedAt))),
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'forget-key', onclick: () => {
        if (confirm(t('forget-key-confirm'))) {
          trust.forgetKey();
          navigate('audit', ['checkpoints'], { at: Date.now() });
        }
      } }, t('forget-key'))));
  } else {
    try {
      const serverKey = await parseVerifierKey(await api('/audit/verifier-key', { accept: 'text' }));
      keyCard.append(pinOffer(context, serverKey, () => navigate('audit', ['checkpoints'], { at: Date.now() })));
    } catch (failure) {
      keyCard.append(h('p', { class: 'error', role: 'alert' }, failure.message));
    }
  }
  container.append(keyCard);

  const seen = trust.seenCheckpoints();
  const seenCard = h('section', { class: 'card', 'aria-labelledby': 'seen-heading' }, h('h2', { id: 'seen-heading' }, t('seen-title')));
  if (seen.length === 0) {
    seenCard.append(h('p', { id: 'seen-none' }, t('seen-none')));
  } else {
    seenCard.append(h('table', { id: 'seen-checkpoints' },
      h('caption', {}, t('seen-caption')),
      h('thead', {}, h('tr', {}, ['origin', 'size', 'root', 'seen-at'].map((c) => h('th', { scope: 'col' }, t(`seen-${c}`))))),
      h('tbody', {}, seen.map((c) => h('tr', {}, h('td', {}, c.origin), h('td', {}, c.size), h('td', { class: 'fingerprint' }, c.root), h('td', {}, formatTime(lang, c.seenAt)))))));
  }
  const result = h('div', { id: 'consistency-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary', id: 'check-consistency', disabled: !pinned }, t('check-consistency'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    clear(result);
    try {
      const report = await verifySeen(api);
      const ok = report.verdict === 'verified';
      const text = ok ? t('consistency-ok', { count: report.results.length, size: String(report.latest.size), ms: report.totalMs.toFixed(1) })
        : report.verdict === 'unsigned' ? t('consistency-unsigned', { count: report.results.length, size: String(report.latest.size) })
          : report.signature === 'absent' || report.signature === 'invalid' ? t('consistency-bad-signature') : t('consistency-failed');
      result.append(h('p', { class: `verdict ${ok ? 'ok' : report.verdict === 'unsigned' ? 'warn' : 'error'}`, id: 'consistency-verdict', dataset: { verdict: report.verdict } }, text),
        h('ul', { class: 'steps' }, report.results.map((r) => h('li', { class: r.ok ? 'ok' : 'error' },
          t(r.ok ? 'consistency-row-ok' : 'consistency-row-failed', { size: r.size, latest: String(report.latest.size) })))));
      announce(text);
    } catch (failure) {
      result.append(h('p', { class: 'verdict error', role: 'alert', id: 'consistency-verdict' }, failure.message));
    } finally {
      button.disabled = !trust.pinnedKey();
    }
  });
  seenCard.append(h('p', { class: 'hint' }, t('consistency-hint')), h('div', { class: 'actions' }, button), result);
  container.append(seenCard);
}
