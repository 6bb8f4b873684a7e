// RFC 9162 Merkle tree checks with WebCrypto: the leaf hash SHA-256(0x00 ‖ entry), node hashes
// SHA-256(0x01 ‖ left ‖ right), inclusion (§2.1.3.2) and consistency (§2.1.4.2) verification.
// Sizes and indices are BigInt, so a log past 2^32 entries is checked exactly.

import { equalBytes } from '../base64.js';

async function sha256(...parts) {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

const leafPrefix = new Uint8Array([0]);
const nodePrefix = new Uint8Array([1]);

export const leafHash = (entry) => sha256(leafPrefix, entry);
const nodeHash = (left, right) => sha256(nodePrefix, left, right);

const odd = (n) => (n & 1n) === 1n;

// Every hash in a proof is one SHA-256 output; anything else is a malformed proof, not a hash.
const hashes = (...values) => values.every((v) => v instanceof Uint8Array && v.length === 32);

/** The root an inclusion proof leads to from the leaf, or null when the proof's shape is wrong for (index, size). */
export async function rootFromInclusionProof(index, size, leaf, proof) {
  let fn = BigInt(index);
  let sn = BigInt(size) - 1n;
  if (fn > sn || !hashes(leaf, ...proof)) return null;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return null;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

/** True when the proof shows the tree (first, firstRoot) is a prefix of (second, secondRoot). */
export async function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  const m = BigInt(first);
  const n = BigInt(second);
  if (m === 0n || m > n) return false;
  if (m === n) return proof.length === 0 && equalBytes(firstRoot, secondRoot);
  if (proof.length === 0 || !hashes(firstRoot, secondRoot, ...proof)) return false;
  const path = (m & (m - 1n)) === 0n ? [firstRoot, ...proof] : [...proof];
  let fn = m - 1n;
  let sn = n - 1n;
  while (odd(fn)) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot);
}
