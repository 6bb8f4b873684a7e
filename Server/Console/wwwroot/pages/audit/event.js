// One audit event: its facts, its exact canonical bytes, and verification in the browser
// against the latest signed checkpoint (see lib/audit/verify.js). What is shown is parsed from
// the entry bytes that are hashed, never from a second copy the server could make differ.

import { h, clear } from '../../lib/dom.js';
import { formatTime } from '../../lib/i18n.js';
import { fromBase64, utf8 } from '../../lib/base64.js';
import { verifyEvent } from '../../lib/audit/verify.js';
import * as trust from '../../lib/audit/trust.js';
import { actorOf } from './search.js';

export async function renderEvent(container, context, index) {
  const { t, api, lang } = context;
  container.append(h('h1', { tabindex: '-1', id: 'event-heading' }, t('event-title', { index })));
  let answer;
  try {
    answer = await api(`/audit/events/${index}`);
  } catch (failure) {
    container.append(h('p', { class: 'error', role: 'alert', id: 'event-error' }, failure.message));
    return;
  }
  const bytes = fromBase64(answer.entry);
  const text = utf8.decode(bytes);
  const record = JSON.parse(text);
  const actor = record.actor ?? {};
  const fact = (label, value, id) => [h('dt', {}, label), h('dd', { id }, value)];
  container.append(
    h('section', { class: 'card', 'aria-labelledby': 'event-facts-heading' },
      h('h2', { id: 'event-facts-heading' }, t('event-facts')),
      h('dl', { class: 'facts', id: 'event-facts' },
        fact(t('column-time'), h('time', { datetime: record.time }, formatTime(lang, record.time)), 'event-time'),
        fact(t('column-action'), record.action, 'event-action'),
        fact(t('column-outcome'), t(`outcome-${record.outcome}`), 'event-outcome'),
        fact(t('column-module'), record.module, 'event-module'),
        record.target ? fact(t('column-target'), record.target, 'event-target') : null,
        fact(t('column-actor'), actorOf(actor) || t('actor-unknown'), 'event-actor'),
        actor.clientId ? fact(t('actor-client'), actor.clientId, 'event-client') : null,
        actor.serial ? fact(t('actor-serial'), actor.serial, 'event-serial') : null,
        record.sourceAddress ? fact(t('source-address'), record.sourceAddress, 'event-source') : null,
        record.requestId ? fact(t('request-id'), record.requestId, 'event-request') : null),
      Object.keys(record.details ?? {}).length
        ? [h('h3', {}, t('details')), h('pre', { id: 'event-details' }, JSON.stringify(record.details, null, 2))]
        : null),
    h('section', { class: 'card', 'aria-labelledby': 'event-bytes-heading' },
      h('h2', { id: 'event-bytes-heading' }, t('entry-bytes', { bytes: bytes.length })),
      h('p', { class: 'hint' }, t('entry-bytes-hint')),
      h('pre', { id: 'event-entry' }, text)));

  const panel = h('section', { class: 'card', id: 'verification', 'aria-labelledby': 'verify-heading' });
  const result = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'primary', id: 'verify' }, t('verify'));
  panel.append(h('h2', { id: 'verify-heading' }, t('verify-title')), h('p', { class: 'hint' }, t('verify-hint')), h('div', { class: 'actions' }, button), result);
  container.append(panel);
  button.addEventListener('click', () => runVerification(context, index, result, button));
}

async function runVerification(context, index, result, button) {
  const { t, announce } = context;
  button.disabled = true;
  clear(result);
  result.setAttribute('aria-busy', 'true');
  let report;
  try {
    report = await verifyEvent(context.api, index);
  } catch (failure) {
    result.append(verdictBox('error', 'failed', t('verify-error', { reason: failure.message })));
    announce(t('verify-error', { reason: failure.message }));
    return;
  } finally {
    button.disabled = false;
    result.setAttribute('aria-busy', 'false');
  }
  if (report.verdict === 'no-key') {
    result.append(pinOffer(context, report.serverKey, () => runVerification(context, index, result, button)));
    announce(t('no-key-title'));
    return;
  }
  const size = report.checkpoint ? String(report.checkpoint.size) : '';
  const headline = {
    verified: t('verdict-verified', { size, key: report.keyName }),
    unsigned: t('verdict-unsigned', { size }),
    pending: t('verdict-pending', { size }),
    failed: t('verdict-failed'),
  }[report.verdict];
  const status = { verified: 'ok', unsigned: 'warn', pending: 'warn', failed: 'error' }[report.verdict];
  const box = verdictBox(status, report.verdict, headline);
  box.dataset.totalMs = report.totalMs.toFixed(2);
  box.dataset.checkMs = report.checkMs.toFixed(2);
  result.append(box,
    h('ol', { class: 'steps', id: 'verify-steps' }, report.steps.map((s) => h('li', { class: s.status }, t(s.key, stringify(s.params))))),
    h('p', { class: 'hint', id: 'verify-time' }, t('verify-time', { total: report.totalMs.toFixed(1), check: report.checkMs.toFixed(1) })));
  announce(headline);
}

function verdictBox(status, verdict, text) {
  return h('p', { class: `verdict ${status}`, id: 'verdict', role: status === 'error' ? 'alert' : 'status', dataset: { verdict } }, text);
}

const stringify = (params) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));

/** Trust on first use: the server's key, its fingerprint, and the officer's decision to pin it (or to paste their own copy). */
export function pinOffer(context, serverKey, then) {
  const { t } = context;
  const input = h('textarea', { id: 'pin-key-text', rows: '2', spellcheck: 'false' });
  const error = h('p', { class: 'error', role: 'alert', id: 'pin-key-error' });
  return h('div', { class: 'verdict warn', id: 'pin-offer' },
    h('p', {}, t('no-key-title')),
    h('p', { class: 'hint' }, t('no-key-hint')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('key-name')), h('dd', { id: 'server-key-name' }, serverKey.name),
      h('dt', {}, t('key-text')), h('dd', { class: 'fingerprint', id: 'server-key' }, serverKey.text),
      h('dt', {}, t('key-fingerprint')), h('dd', { class: 'fingerprint', id: 'server-key-fingerprint' }, serverKey.fingerprint.match(/.{1,4}/g).join(' '))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'pin-key', onclick: () => { trust.pinKey(serverKey.text); then(); } }, t('pin-key'))),
    h('div', { class: 'field' }, h('label', { for: 'pin-key-text' }, t('paste-key')), input),
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'pin-pasted', onclick: async () => {
        try {
          const { parseVerifierKey } = await import('../../lib/audit/note.js');
          trust.pinKey((await parseVerifierKey(input.value)).text);
          then();
        } catch {
          error.textContent = t('key-malformed');
        }
      } }, t('pin-pasted'))),
    error);
}
