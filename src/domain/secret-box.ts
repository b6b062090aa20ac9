// Encryption at rest for third-party secrets (Facebook page tokens and app secrets): AES-256-GCM
// with a key derived from the app SECRET. The SECRET may be a human-chosen phrase, so the key is
// stretched with scrypt (once per secret and purpose, then cached); the purpose is part of the salt
// so that keys for different uses never coincide. An optional "associated data" string binds a
// ciphertext to where it is stored (e.g. "chat:12:fbPageToken"), so a value copied into another row
// or column does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SCRYPT = { N: 1 << 14, r: 8, p: 1 } as const;

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface SecretBox {
  /** "v1.<iv>.<ciphertext>.<tag>", base64url parts. */
  encrypt(plaintext: string, associatedData?: string): string;
  /** Throws SecretBoxError when the value was altered, or made with another key or associated data. */
  decrypt(sealed: string, associatedData?: string): string;
}

const keys = new Map<string, Buffer>();

function deriveKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = scryptSync(secret, `adminjs-chats/secret-box/${purpose}`, 32, SCRYPT);
    keys.set(id, key);
  }
  return key;
}

export function createSecretBox(secret: string, purpose = 'third-party-secrets'): SecretBox {
  if (!secret) throw new SecretBoxError('a secret is required');
  const key = deriveKey(secret, purpose);
  return {
    encrypt(plaintext, associatedData = '') {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(sealed, associatedData = '') {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretBoxError('not a sealed value');
      const [iv, ciphertext, tag] = parts.slice(1).map((part) => Buffer.from(part, 'base64url'));
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('not a sealed value');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the value cannot be decrypted: altered, or sealed with another key');
      }
    },
  };
}

/**
 * What may be shown of a secret: its last 4 characters, and only when it is long enough that they
 * give little away (Facebook tokens are ~200 characters, app secrets 32).
 */
export function mask(secret: string): string {
  return secret.length >= 16 ? `••••${secret.slice(-4)}` : '••••';
}
