// Checks the console's signed-note code (lib/audit/note.js) under Node's WebCrypto: a verifier
// key in Go's note format (also one whose base64 holds '+'), a checkpoint signed with Ed25519 the
// way the platform signs it, a changed body, another key, a malformed key.
// Usage: node note-checks.mjs <console wwwroot>; prints one JSON object of named results.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [wwwroot] = process.argv.slice(2);
const note = await import(pathToFileURL(join(wwwroot, 'lib/audit/note.js')));
const subtle = globalThis.crypto.subtle;
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

async function keyPair() {
  // Until the verifier key's base64 holds a '+', the case a naive split on '+' gets wrong.
  for (;;) {
    const pair = await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    const key = new Uint8Array([1, ...raw]);
    if (b64(key).includes('+')) return { pair, key };
  }
}

async function verifierKey(name, key) {
  const hash = new Uint8Array(await subtle.digest('SHA-256', Buffer.concat([Buffer.from(`${name}\n`), key]))).slice(0, 4);
  return { text: `${name}+${Buffer.from(hash).toString('hex')}+${b64(key)}`, hash };
}

async function signedNote(name, hash, pair, body) {
  const signature = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, Buffer.from(body)));
  return `${body}\n\u2014 ${name} ${b64(new Uint8Array([...hash, ...signature]))}\n`;
}

const name = 'audit.example.gov/log';
const body = `${name}\n4821\n${b64(new Uint8Array(32).fill(7))}\n`;
const { pair, key } = await keyPair();
const { text, hash } = await verifierKey(name, key);
const verifier = await note.parseVerifierKey(text);
const good = await signedNote(name, hash, pair, body);
const other = await keyPair();
const otherKey = await verifierKey(name, other.key);
const checkpoint = note.parseCheckpoint(note.parseNote(good).body);

const results = {
  keyName: verifier.name,
  size: String(checkpoint.size),
  valid: await note.checkSignature(note.parseNote(good), verifier),
  changedBody: await note.checkSignature(note.parseNote(good.replace('4821', '4822')), verifier),
  otherKey: await note.checkSignature(note.parseNote(await signedNote(name, otherKey.hash, other.pair, body)), verifier),
  malformedKey: await note.parseVerifierKey(text.replace(/\+[0-9a-f]{8}\+/, '+00000000+')).then(() => 'accepted', (e) => e.message),
  malformedNote: (() => { try { note.parseNote(body); return 'accepted'; } catch (e) { return e.message; } })(),
};
console.log(JSON.stringify(results));
