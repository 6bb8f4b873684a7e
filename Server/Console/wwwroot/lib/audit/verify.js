// Verifies one audit event in the browser, trusting nothing the server says about it: the
// event's exact entry bytes are hashed here (SHA-256(0x00 ‖ entry)), the inclusion proof is
// walked here to a root, that root must be the one in the latest checkpoint, the checkpoint's
// Ed25519 signature must verify under the key the officer pinned, and the checkpoint must be
// consistent with every checkpoint this browser verified before. The server only supplies bytes.

import { fromBase64, utf8 } from '../base64.js';
import { leafHash, rootFromInclusionProof, verifyConsistency } from './merkle.js';
import { parseNote, parseCheckpoint, parseVerifierKey, checkSignature } from './note.js';
import { equalBytes } from '../base64.js';
import * as trust from './trust.js';

/**
 * A report: { verdict: 'verified' | 'failed' | 'unsigned' | 'pending' | 'no-key', steps: [{ key, status, params }],
 * checkpoint, keyName, totalMs, checkMs, serverKey (when no key is pinned) }. Step keys are
 * resource-file keys of the audit page.
 */
export async function verifyEvent(api, index) {
  const started = performance.now();
  let checking = 0;
  const timed = async (work) => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      checking += performance.now() - t0;
    }
  };
  const steps = [];
  const step = (key, status, params = {}) => steps.push({ key, status, params });
  const finish = (verdict, extra = {}) => ({ verdict, steps, totalMs: performance.now() - started, checkMs: checking, ...extra });

  const pinned = trust.pinnedKey();
  if (!pinned) {
    const serverKey = await timed(async () => parseVerifierKey(await api('/audit/verifier-key', { accept: 'text' })));
    step('step-no-key', 'warn');
    return finish('no-key', { serverKey });
  }
  const verifier = await parseVerifierKey(pinned.text);
  const [event, noteText] = await Promise.all([api(`/audit/events/${index}`), api('/audit/checkpoint', { accept: 'text' })]);

  // 1. The entry: its own bytes, hashed here; the event shown is parsed from these bytes.
  const entry = fromBase64(event.entry);
  const leaf = await timed(() => leafHash(entry));
  let record;
  try {
    record = JSON.parse(utf8.decode(entry));
  } catch {
    step('step-entry-unreadable', 'error');
    return finish('failed', { entry });
  }
  if (record.index !== Number(index)) {
    step('step-entry-index', 'error', { claimed: record.index, index });
    return finish('failed', { entry, record });
  }
  step('step-leaf', 'ok', { bytes: entry.length });

  // 2. The checkpoint: well formed, and signed by the pinned key.
  let note;
  let checkpoint;
  try {
    note = parseNote(noteText);
    checkpoint = parseCheckpoint(note.body);
  } catch {
    step('step-checkpoint-malformed', 'error');
    return finish('failed', { entry, record });
  }
  const signature = await timed(() => checkSignature(note, verifier));
  const context = { entry, record, checkpoint, keyName: verifier.name };
  if (signature === 'absent') {
    step('step-signature-absent', 'error', { key: verifier.name });
    return finish('failed', context);
  }
  if (signature === 'invalid') {
    step('step-signature-invalid', 'error', { key: verifier.name });
    return finish('failed', context);
  }
  step(signature === 'valid' ? 'step-signature' : 'step-signature-unsupported', signature === 'valid' ? 'ok' : 'warn',
    { key: verifier.name, size: checkpoint.size });

  // 3. The path from the leaf to the checkpoint's root.
  if (BigInt(index) >= checkpoint.size) {
    step('step-not-covered', 'warn', { size: checkpoint.size });
    return finish('pending', context);
  }
  const inclusion = await api('/audit/proof/inclusion', { query: { index, size: checkpoint.size } });
  const root = await timed(() => rootFromInclusionProof(index, checkpoint.size, leaf, inclusion.proof.map(fromBase64)));
  if (!root || !equalBytes(root, checkpoint.root)) {
    step('step-inclusion-failed', 'error', { size: checkpoint.size });
    return finish('failed', context);
  }
  step('step-inclusion', 'ok', { size: checkpoint.size, hashes: inclusion.proof.length });

  // 4. The checkpoint extends (or is a prefix of) the largest one this browser verified before.
  const consistent = await checkAgainstSeen(api, checkpoint, timed, step);
  if (!consistent) return finish('failed', context);
  if (signature === 'valid') trust.remember(checkpoint, noteText);
  return finish(signature === 'valid' ? 'verified' : 'unsigned', context);
}

async function checkAgainstSeen(api, checkpoint, timed, step) {
  const seen = trust.latestSeen(checkpoint.origin);
  if (!seen) {
    step('step-first-checkpoint', 'ok');
    return true;
  }
  const ok = await proveConsistent(api, { size: BigInt(seen.size), root: fromBase64(seen.root) }, checkpoint, timed);
  step(ok ? 'step-consistent' : 'step-inconsistent', ok ? 'ok' : 'error', { seen: seen.size, size: checkpoint.size });
  return ok;
}

/** Proves two checkpoints of one log consistent, whichever is larger; equal sizes need equal roots. */
export async function proveConsistent(api, a, b, timed = (work) => work()) {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === large.size) return equalBytes(small.root, large.root);
  if (small.size === 0n) return true;
  const proof = await api('/audit/proof/consistency', { query: { from: small.size, to: large.size } });
  return timed(() => verifyConsistency(small.size, large.size, small.root, large.root, proof.proof.map(fromBase64)));
}

/**
 * Checks every checkpoint this browser remembers against the log's latest signed checkpoint:
 * [{ size, root, ok }] plus the latest; the latest's signature is checked with the pinned key first.
 */
export async function verifySeen(api) {
  const started = performance.now();
  const pinned = trust.pinnedKey();
  if (!pinned) return { verdict: 'no-key', results: [], totalMs: 0 };
  const verifier = await parseVerifierKey(pinned.text);
  const noteText = await api('/audit/checkpoint', { accept: 'text' });
  const note = parseNote(noteText);
  const latest = parseCheckpoint(note.body);
  const signature = await checkSignature(note, verifier);
  if (signature === 'absent' || signature === 'invalid') {
    return { verdict: 'failed', signature, latest, results: [], totalMs: performance.now() - started };
  }
  const results = [];
  for (const seen of trust.seenCheckpoints().filter((c) => c.origin === latest.origin)) {
    const ok = await proveConsistent(api, { size: BigInt(seen.size), root: fromBase64(seen.root) }, latest);
    results.push({ size: seen.size, root: seen.root, seenAt: seen.seenAt, ok });
  }
  const allOk = results.every((r) => r.ok);
  if (allOk && signature === 'valid') trust.remember(latest, noteText);
  return { verdict: allOk ? (signature === 'valid' ? 'verified' : 'unsigned') : 'failed', signature, latest, results, totalMs: performance.now() - started };
}
