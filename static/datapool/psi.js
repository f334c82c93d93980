// One party's side of the data pool's overlap count (DH-PSI-CA over X25519), in the
// browser. The same steps as apps/datapool/psi.py: normalise, hash with the run's
// salt to a u-coordinate, blind with the party's secret scalar (x25519), shuffle.
// Nothing here sends anything: the page script posts only what these return.
import { x25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";

const DOMAIN_TAG = new TextEncoder().encode("wirwerk-datapool-psi-v1\u0000");
export const POINT_SIZE = 32;

export function normalise(address) {
  let text = address.trim();
  if (text.toLowerCase().startsWith("mailto:")) text = text.slice(7);
  return text.trim().toLowerCase();
}

export function looksLikeAddress(text) {
  const at = text.indexOf("@");
  if (at <= 0) return false;
  const domain = text.slice(at + 1);
  return domain.includes(".") && !text.includes(" ");
}

// Normalised, valid and each once, from the cells of a CSV text: every cell that
// looks like an e-mail address counts, so the column need not be named.
export function addressesFromCsv(text) {
  const seen = new Set();
  for (const line of text.split(/\r?\n/)) {
    for (const cell of line.split(/[,;\t]/)) {
      const address = normalise(cell.replace(/^"|"$/g, ""));
      if (looksLikeAddress(address)) seen.add(address);
    }
  }
  return [...seen];
}

export function hashToU(address, salt) {
  const body = new TextEncoder().encode(normalise(address));
  const input = new Uint8Array(DOMAIN_TAG.length + salt.length + body.length);
  input.set(DOMAIN_TAG, 0);
  input.set(salt, DOMAIN_TAG.length);
  input.set(body, DOMAIN_TAG.length + salt.length);
  return sha256(input);
}

export function newSecret() {
  return crypto.getRandomValues(new Uint8Array(32));
}

export function blind(secret, points) {
  return points.map((u) => x25519.scalarMult(secret, u));
}

// Fisher–Yates with a cryptographic random source: the order must not tell which
// of one's own entries matched.
export function shuffled(values) {
  const out = values.slice();
  const random = new Uint32Array(1);
  for (let i = out.length - 1; i > 0; i--) {
    crypto.getRandomValues(random);
    const j = random[0] % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function pack(values) {
  const out = new Uint8Array(values.length * POINT_SIZE);
  values.forEach((v, i) => out.set(v, i * POINT_SIZE));
  return out;
}

export function unpack(bytes) {
  if (bytes.length % POINT_SIZE) throw new Error("message length is not a multiple of 32");
  const out = [];
  for (let i = 0; i < bytes.length; i += POINT_SIZE) out.push(bytes.slice(i, i + POINT_SIZE));
  return out;
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export const initiatorStart = (addresses, salt, secret) =>
  pack(shuffled(blind(secret, addresses.map((x) => hashToU(x, salt)))));

export const responderAnswer = (addresses, aBlinded, salt, secret) => [
  pack(shuffled(blind(secret, unpack(aBlinded)))),
  pack(shuffled(blind(secret, addresses.map((y) => hashToU(y, salt))))),
];

export const initiatorFinish = (bBlinded, secret) => pack(shuffled(blind(secret, unpack(bBlinded))));
