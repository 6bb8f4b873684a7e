// C2SP signed notes and tlog checkpoints, as golang.org/x/mod/sumdb/note writes them: the body,
// a blank line, and lines "— <key name> <base64(4-byte key hash ‖ signature)>". Verifier keys
// are "<name>+<8 hex digits of key hash>+<base64(0x01 ‖ Ed25519 public key)>".

import { fromBase64, toHex, utf8, equalBytes } from '../base64.js';

/** Splits a note into its signed body bytes and its signature lines; throws on a malformed note. */
export function parseNote(text) {
  if (!text.endsWith('\n')) throw new Error('note-malformed');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) throw new Error('note-malformed');
  const body = text.slice(0, split + 1);
  const signatures = text.slice(split + 2).split('\n').filter((line) => line.length > 0).map((line) => {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!match) throw new Error('note-malformed');
    const bytes = fromBase64(match[2]);
    return { name: match[1], keyHash: bytes.slice(0, 4), signature: bytes.slice(4) };
  });
  return { body, bodyBytes: utf8.encode(body), signatures };
}

/** The checkpoint in a note's body: origin, tree size (BigInt), root hash bytes. */
export function parseCheckpoint(body) {
  const lines = body.split('\n');
  if (lines.length < 4 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new Error('checkpoint-malformed');
  const root = fromBase64(lines[2]);
  if (root.length !== 32) throw new Error('checkpoint-malformed');
  return { origin: lines[0], size: BigInt(lines[1]), root, rootText: lines[2] };
}

/** Parses and checks a verifier key (its hash must be its own); throws on a malformed one. */
export async function parseVerifierKey(text) {
  // name+hash+key: the name has no '+', the hash is 8 hex digits; the base64 key may well hold '+'.
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(text.trim());
  if (!match) throw new Error('key-malformed');
  const [, name, hashHex, keyText] = match;
  const key = fromBase64(keyText);
  if (key.length !== 33 || key[0] !== 1) throw new Error('key-malformed');
  const hash = await keyHashOf(name, key);
  if (toHex(hash) !== hashHex) throw new Error('key-malformed');
  const fingerprint = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', key.slice(1))));
  return { text: text.trim(), name, keyHash: hash, publicKey: key.slice(1), fingerprint };
}

async function keyHashOf(name, key) {
  const prefix = utf8.encode(`${name}\n`);
  const joined = new Uint8Array(prefix.length + key.length);
  joined.set(prefix);
  joined.set(key, prefix.length);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined)).slice(0, 4);
}

/**
 * Checks the note's signature by the pinned key: 'valid', 'invalid', 'absent' (no line of that
 * key), or 'unsupported' (this browser's WebCrypto has no Ed25519; nothing was checked).
 */
export async function checkSignature(note, verifier) {
  const line = note.signatures.find((s) => s.name === verifier.name && equalBytes(s.keyHash, verifier.keyHash));
  if (!line) return 'absent';
  if (line.signature.length !== 64) return 'invalid';
  let key;
  try {
    key = await crypto.subtle.importKey('raw', verifier.publicKey, { name: 'Ed25519' }, false, ['verify']);
  } catch (failure) {
    if (failure.name === 'NotSupportedError') return 'unsupported';
    throw failure;
  }
  return (await crypto.subtle.verify({ name: 'Ed25519' }, key, line.signature, note.bodyBytes)) ? 'valid' : 'invalid';
}
