// The platform's Cedar policy set: edited with its syntax and validation errors shown at their
// line and column before saving (the server's validation, storing nothing), saved only when
// clean, with the server's answer shown; the version history with each version's changes (diffed
// here, in the browser); and a "try a request" panel showing a decision and the policies that
// determined it.

import { h, field, append, clear } from '../lib/dom.js';
import { useStyles, alertBox, when, table, pagedList, textField, hasRole } from './admin/kit.js';
import { policyEditor } from './admin/policy-editor.js';
import { lineDiff } from './admin/diff.js';

export default {
  id: 'authorization',
  title: 'title',
  roles: ['administrator', 'auditor'],
  async render(container, context) {
    useStyles();
    const { t } = context;
    const history = historySection(context);
    container.append(
      h('h1', { tabindex: '-1' }, t('title')),
      await editorSection(context, () => history.list.reload()),
      history.element,
      trySection(context));
    await history.list.reload();
  },
};

async function editorSection({ t, api, user, announce }, saved) {
  const admin = hasRole(user, 'administrator');
  const editor = policyEditor({ t, text: await api('/authz/policies', { accept: 'text' }), readOnly: !admin });
  const result = h('p', { id: 'policy-result', role: 'status' });
  const errors = alertBox('policy-error');
  const save = h('button', { type: 'button', class: 'primary', id: 'policy-save', onclick: () => saveText() }, t('save'));
  let blocked = false;

  editor.onChange(() => {
    // The errors shown are of the text as it was; the next save validates again.
    if (blocked) { blocked = false; save.disabled = false; }
    result.textContent = '';
  });

  /** The server's validation of the text; shows its errors (marking their lines) and answers whether it is clean. */
  async function validate() {
    errors.clear();
    const check = await api('/authz/policies/validation', { body: editor.text });
    if (!check.valid) {
      editor.showErrors(check.errors);
      result.className = 'error';
      result.textContent = t(check.code === 'policy-syntax-invalid' ? 'syntax-errors' : 'validation-errors', { count: check.errors.length });
      return false;
    }
    editor.showErrors(check.warnings, 'warning');
    result.className = 'ok';
    result.textContent = check.schemaVersion
      ? t('valid-schema', { count: check.policyCount, schema: check.schemaVersion })
      : t('valid-no-schema', { count: check.policyCount });
    return true;
  }

  async function run(action) {
    try {
      await action();
    } catch (failure) {
      if (failure.problem?.errors) editor.showErrors(failure.problem.errors);
      errors.show(failure);
    }
  }

  async function saveText() {
    await run(async () => {
      if (!await validate()) {
        // Refused here: the server would refuse it too, and nothing is sent to be stored.
        blocked = true;
        save.disabled = true;
        result.textContent += ` ${t('not-saved')}`;
        announce(result.textContent);
        return;
      }
      const answer = await api('/authz/policies', { method: 'PUT', body: editor.text });
      editor.showErrors(answer.warnings, 'warning');
      result.className = 'ok';
      result.textContent = t('saved', { version: answer.version, count: answer.policyCount, sha: answer.sha256.slice(0, 16) });
      announce(result.textContent);
      await saved();
    });
  }

  return h('section', { class: 'card', 'aria-labelledby': 'policy-heading', id: 'policy-section' },
    h('h2', { id: 'policy-heading' }, t('policy-set')),
    h('p', { class: 'hint' }, t(admin ? 'editor-hint' : 'read-only')),
    editor.element,
    admin
      ? h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'policy-validate', onclick: () => run(async () => { await validate(); announce(result.textContent); }) }, t('validate')),
        save)
      : null,
    result,
    errors.element);
}

function historySection({ t, api, lang }) {
  const diffArea = h('div', { id: 'history-diff', 'aria-live': 'polite' });
  const errors = alertBox('history-error');

  async function showDiff(version, previous) {
    errors.clear();
    try {
      const [after, before] = await Promise.all([
        api(`/authz/history/${version}`, { accept: 'text' }),
        previous ? api(`/authz/history/${previous}`, { accept: 'text' }) : Promise.resolve(''),
      ]);
      const lines = lineDiff(before, after);
      append(clear(diffArea), 
        h('h3', { id: 'diff-heading', tabindex: '-1' }, previous ? t('diff-title', { version, previous }) : t('diff-first', { version })),
        h('table', { class: 'diff', id: `diff-${version}` },
          h('caption', {}, t('diff-caption', {
            added: lines.filter((l) => l.kind === '+').length, removed: lines.filter((l) => l.kind === '-').length,
          })),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('diff-sign')), h('th', { scope: 'col' }, t('diff-line')))),
          h('tbody', {}, lines.map((l) => h('tr', { class: l.kind === '+' ? 'added' : l.kind === '-' ? 'removed' : null },
            h('td', { class: 'sign' }, l.kind === ' ' ? '' : l.kind === '+' ? '+' : '−'), h('td', {}, l.text || '\u00a0'))))));
      diffArea.querySelector('h3').focus();
    } catch (failure) {
      errors.show(failure);
    }
  }

  /** The policies version stored before <version>, or null for the first. */
  async function previousOf(version, items, index) {
    if (items[index + 1]) return items[index + 1].version;
    const older = await api('/authz/history', { query: { kind: 'policies', before: version, limit: 1 } });
    return older.items[0]?.version ?? null;
  }

  const list = pagedList({
    id: 'history-list',
    t,
    empty: t('history-empty'),
    load: async (cursor) => {
      const page = await api('/authz/history', { query: { kind: 'policies', limit: 10, before: cursor } });
      return { rows: page.items, next: page.next };
    },
    render: (items) => table('history-table', t('history-caption'), [t('version'), t('stored'), t('by'), t('sha256'), t('changes')],
      items.map((item, index) => [
        String(item.version), when(item.createdAt, lang), item.actor ?? '—', h('span', { class: 'fingerprint' }, item.sha256.slice(0, 16)),
        h('button', { type: 'button', id: `diff-button-${item.version}`, onclick: async () => showDiff(item.version, await previousOf(item.version, items, index)) },
          t('show-changes', { version: item.version })),
      ])),
  });

  return {
    list,
    element: h('section', { class: 'card', 'aria-labelledby': 'history-heading', id: 'history-section' },
      h('h2', { id: 'history-heading' }, t('history')), list.element, errors.element, diffArea),
  };
}

function trySection({ t, api }) {
  const principalType = textField(t('principal-type'), { id: 'try-principal-type', value: 'User', required: true });
  const principalId = textField(t('principal-id'), { id: 'try-principal-id', required: true });
  const action = textField(t('action'), { id: 'try-action', required: true }, t('action-hint'));
  const resourceType = textField(t('resource-type'), { id: 'try-resource-type', required: true });
  const resourceId = textField(t('resource-id'), { id: 'try-resource-id', required: true });
  const contextText = field(t('context'), h('textarea', { id: 'try-context', class: 'code', spellcheck: 'false' }, '{}'), t('context-hint'));
  const entitiesText = field(t('entities'), h('textarea', { id: 'try-entities', class: 'code', spellcheck: 'false' }, '[]'), t('entities-hint'));
  const answer = h('div', { id: 'try-answer', 'aria-live': 'polite' });
  const errors = alertBox('try-error');

  function json(control, name) {
    try {
      return JSON.parse(control.value || 'null');
    } catch (failure) {
      throw new Error(t('json-invalid', { name, reason: failure.message }));
    }
  }

  return h('form', { class: 'card', id: 'try-form', 'aria-labelledby': 'try-heading', onsubmit: async (event) => {
    event.preventDefault();
    errors.clear();
    answer.replaceChildren();
    try {
      const decision = await api('/authz/is-authorized', {
        body: {
          principal: { type: principalType.control.value.trim(), id: principalId.control.value.trim() },
          action: { type: 'Action', id: action.control.value.trim() },
          resource: { type: resourceType.control.value.trim(), id: resourceId.control.value.trim() },
          context: json(contextText.control, t('context')) ?? {},
          entities: json(entitiesText.control, t('entities')) ?? [],
        },
      });
      append(clear(answer), 
        h('p', { class: `verdict ${decision.decision === 'allow' ? 'ok' : 'error'}`, id: 'try-decision' }, t(`decision-${decision.decision}`)),
        h('h3', {}, t('reasons')),
        decision.reasons.length
          ? h('ul', { id: 'try-reasons', class: 'tags' }, decision.reasons.map((id) => h('li', {}, id)))
          : h('p', { id: 'try-reasons', class: 'hint' }, t('no-reasons')),
        decision.errors.length
          ? [h('h3', {}, t('evaluation-errors')), h('ul', { id: 'try-errors' }, decision.errors.map((e) => h('li', { class: 'error' }, `[${e.policyId}] ${e.message}`)))]
          : null);
    } catch (failure) {
      errors.show(failure);
    }
  } },
  h('h2', { id: 'try-heading' }, t('try')),
  h('p', { class: 'hint' }, t('try-hint')),
  h('div', { class: 'form-grid' }, principalType.wrapper, principalId.wrapper, action.wrapper, resourceType.wrapper, resourceId.wrapper),
  h('div', { class: 'two-columns' }, contextText.wrapper, entitiesText.wrapper),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'try-submit' }, t('decide'))),
  errors.element,
  answer);
}
