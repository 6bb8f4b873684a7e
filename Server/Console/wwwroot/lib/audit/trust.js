// What the officer's browser trusts and remembers, in localStorage (this browser, this origin):
// the pinned checkpoint verifier key, and the checkpoints already verified here, so that every
// later checkpoint must be proved consistent with them. The server's word is never enough: a key
// is pinned only by the officer (trust on first use, fingerprint shown, or pasted from a copy
// obtained elsewhere), and a different key later is a failure, not a silent switch.

const keyItem = 'console.audit.verifier-key';
const seenItem = 'console.audit.checkpoints';
const maxSeen = 50;

export function pinnedKey() {
  return JSON.parse(localStorage.getItem(keyItem) ?? 'null');
}

export function pinKey(text) {
  localStorage.setItem(keyItem, JSON.stringify({ text, pinnedAt: new Date().toISOString() }));
}

export function forgetKey() {
  localStorage.removeItem(keyItem);
}

/** Checkpoints verified in this browser, smallest tree first: { origin, size (string), root (base64), note, seenAt }. */
export function seenCheckpoints() {
  return JSON.parse(localStorage.getItem(seenItem) ?? '[]');
}

/** The largest verified checkpoint of that log, or null. */
export function latestSeen(origin) {
  return seenCheckpoints().filter((c) => c.origin === origin).at(-1) ?? null;
}

/** Remembers a checkpoint that verified (signature, and consistency with what was seen before). */
export function remember(checkpoint, note) {
  const seen = seenCheckpoints();
  if (seen.some((c) => c.origin === checkpoint.origin && c.size === String(checkpoint.size))) return;
  seen.push({ origin: checkpoint.origin, size: String(checkpoint.size), root: checkpoint.rootText, note, seenAt: new Date().toISOString() });
  seen.sort((a, b) => (BigInt(a.size) < BigInt(b.size) ? -1 : BigInt(a.size) > BigInt(b.size) ? 1 : 0));
  // The first one seen is kept always: it anchors everything proved since.
  const kept = seen.length > maxSeen ? [seen[0], ...seen.slice(seen.length - maxSeen + 1)] : seen;
  localStorage.setItem(seenItem, JSON.stringify(kept));
}

export function forgetCheckpoints() {
  localStorage.removeItem(seenItem);
}
