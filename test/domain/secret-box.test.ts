import { createSecretBox, mask, SecretBoxError } from '../../src/domain/secret-box.js';

const SECRET = 'test-secret-0123456789abcdef';

describe('secret box', () => {
  const box = createSecretBox(SECRET, 'facebook');

  it('round-trips unicode text and never stores the plaintext', () => {
    const plaintext = 'EAAB токен 🔑 ' + 'x'.repeat(300);
    const sealed = box.encrypt(plaintext, 'chat:1:token');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('EAAB');
    expect(box.decrypt(sealed, 'chat:1:token')).toBe(plaintext);
  });

  it('uses a fresh IV each time', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('detects tampering', () => {
    const sealed = box.encrypt('secret value');
    const [version, iv, data, tag] = sealed.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] ^= 1;
      return bytes.toString('base64url');
    };
    for (const altered of [[version, iv, flip(data), tag], [version, flip(iv), data, tag], [version, iv, data, flip(tag)]]) {
      expect(() => box.decrypt(altered.join('.'))).toThrow(SecretBoxError);
    }
    expect(() => box.decrypt('garbage')).toThrow(SecretBoxError);
    expect(() => box.decrypt(`v1.${iv}.${data}`)).toThrow(SecretBoxError);
  });

  it('separates keys by secret and by purpose, and binds values to their associated data', () => {
    const sealed = box.encrypt('secret value', 'chat:1:token');
    expect(() => createSecretBox('another-secret-0123456789', 'facebook').decrypt(sealed, 'chat:1:token')).toThrow(SecretBoxError);
    expect(() => createSecretBox(SECRET, 'other-purpose').decrypt(sealed, 'chat:1:token')).toThrow(SecretBoxError);
    expect(() => box.decrypt(sealed, 'chat:2:token')).toThrow(SecretBoxError);
    expect(() => box.decrypt(sealed)).toThrow(SecretBoxError);
    expect(createSecretBox(SECRET, 'facebook').decrypt(sealed, 'chat:1:token')).toBe('secret value');
  });

  it('masks all but the last 4 characters of long secrets, and all of short ones', () => {
    expect(mask('EAABsbCS1iHgBAxyz0123456789wxyz')).toBe('••••wxyz');
    expect(mask('short-secret')).toBe('••••');
  });
});
