// Password hashing with Node's scrypt (no native add-on to build). The cost parameters are stored
// in each hash — `scrypt$<N>$<r>$<p>$<salt>$<key>` — so they can be raised later: a hash made
// with other parameters (or in the first format, `scrypt$<salt>$<key>`, made with Node's
// defaults N=16384, r=8, p=1) still verifies, and needsRehash() says to store a new one.
// Parameters: one of OWASP's equivalent scrypt settings (Password Storage Cheat Sheet), N=2^14,
// r=8, p=5: 16 MiB per hash, so logins arriving together cannot exhaust the memory (N=2^17 would
// take 128 MiB each).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParameters { N: number; r: number; p: number }

export const SCRYPT_PARAMETERS: Readonly<ScryptParameters> = { N: 2 ** 14, r: 8, p: 5 };
/** What the first format's hashes were made with (Node's defaults). */
const LEGACY_PARAMETERS: ScryptParameters = { N: 2 ** 14, r: 8, p: 1 };
// a stored hash asking for more than this is refused rather than computed
const LIMITS: ScryptParameters = { N: 2 ** 20, r: 32, p: 64 };
const KEY_LENGTH = 64;

function scrypt(password: string, salt: Buffer, keylen: number, { N, r, p }: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

interface ParsedHash { parameters: ScryptParameters; salt: Buffer; key: Buffer }

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return null;
  const [saltText, keyText] = parts.slice(-2);
  let parameters = LEGACY_PARAMETERS;
  if (parts.length === 6) {
    const [N, r, p] = parts.slice(1, 4).map(Number);
    if (![N, r, p].every(Number.isSafeInteger) || N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1) return null;
    if (N > LIMITS.N || r > LIMITS.r || p > LIMITS.p) return null;
    parameters = { N, r, p };
  } else if (parts.length !== 3) {
    return null;
  }
  if (!saltText || !keyText) return null;
  return { parameters, salt: Buffer.from(saltText, 'base64'), key: Buffer.from(keyText, 'base64') };
}

export async function hashPassword(password: string, parameters: ScryptParameters = SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, parameters);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.key.length === 0) return false;
  const actual = await scrypt(password, parsed.salt, parsed.key.length, parsed.parameters);
  return timingSafeEqual(actual, parsed.key);
}

/** Whether the hash was made with other parameters than today's (store a new one at the next login). */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.parameters;
  return stored.split('$').length !== 6 || N !== SCRYPT_PARAMETERS.N || r !== SCRYPT_PARAMETERS.r || p !== SCRYPT_PARAMETERS.p;
}

let dummyHash: Promise<string> | undefined;
/** A hash of nothing anyone types, with today's parameters: an unknown e-mail costs as much as a known one. */
export function unknownAccountHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(24).toString('base64'));
  return dummyHash;
}
