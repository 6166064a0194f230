import { PASSWORD_MIN_LENGTH } from '@rampart/domain';
import {
  checkPasswordPolicy,
  DUMMY_HASH,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  passwordNeedsRehash,
  verifyAgainstNothing,
  verifyPassword,
} from './password';

/** `m=19456,p=1,t=2` -> { m: '19456', p: '1', t: '2' }: argon2 0.45 writes the PHC params in m,p,t order. */
function params(hash: string): Record<string, string> {
  const [, id, version, list] = hash.split('$');
  return { id, version, ...Object.fromEntries(list.split(',').map((kv) => kv.split('='))) };
}

describe('password hashing', () => {
  const good = 'correct horse battery staple';
  let hash: string;

  beforeAll(async () => {
    hash = await hashPassword(good);
  });

  it('is argon2id v19 with the OWASP parameters', () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(params(hash)).toEqual({ id: 'argon2id', version: 'v=19', m: '19456', t: '2', p: '1' });
    expect(passwordNeedsRehash(hash)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword(good)).not.toBe(hash);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    expect(await verifyPassword(hash, good)).toBe(true);
    expect(await verifyPassword(hash, good + ' ')).toBe(false);
    expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
  });

  it('treats canonically equivalent Unicode as the same password', async () => {
    const composed = 'pässwörd-lang-genug';
    const h = await hashPassword(composed);
    expect(await verifyPassword(h, composed.normalize('NFD'))).toBe(true);
  });

  it('answers false, never throws, on a malformed or foreign hash', async () => {
    for (const bad of [
      '',
      'not a hash',
      '$argon2id$',
      '$argon2id$v=19$m=19456,t=2,p=1$$',
      '$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!',
      '$2b$10$abcdefghijklmnopqrstuuVyH8h1bYwK2RDYjqT1u9x5g8pW0E0Ju',
      hash.replace('argon2id', 'argon2i'),
      hash.slice(0, -5),
    ]) {
      await expect(verifyPassword(bad, good)).resolves.toBe(false);
    }
    await expect(verifyPassword(undefined as unknown as string, good)).resolves.toBe(false);
  });

  it('refuses a password longer than any policy allows without hashing it', async () => {
    expect(await verifyPassword(hash, 'x'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe(false);
  });

  it('flags a hash made with other parameters for rehash', () => {
    expect(passwordNeedsRehash('$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaGhhc2hoYXNo')).toBe(true);
    expect(passwordNeedsRehash('garbage')).toBe(true);
  });
});

describe('unknown users', () => {
  it('DUMMY_HASH has the parameters real hashes have, so it costs the same', async () => {
    const real = await hashPassword('some password here');
    const { m, t, p, id, version } = params(real);
    expect(params(DUMMY_HASH)).toEqual({ id, version, m, t, p });
    expect(passwordNeedsRehash(DUMMY_HASH)).toBe(false);
  });

  it('verifyAgainstNothing does the work and answers false', async () => {
    await expect(verifyAgainstNothing('anything at all')).resolves.toBe(false);
    await expect(verifyAgainstNothing('')).resolves.toBe(false);
  });
});

describe('checkPasswordPolicy', () => {
  it('accepts a long enough password', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(checkPasswordPolicy('twelve chars', 'alice')).toEqual([]);
    expect(checkPasswordPolicy('x'.repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
  });

  it('names every problem in words', () => {
    expect(checkPasswordPolicy('eleven char')).toEqual(['password is shorter than 12 characters']);
    expect(checkPasswordPolicy('')).toEqual(['password is shorter than 12 characters']);
    expect(checkPasswordPolicy('x'.repeat(1025))).toEqual(['password is longer than 1024 characters']);
    expect(checkPasswordPolicy(' '.repeat(12))).toEqual(['password is only whitespace']);
    expect(checkPasswordPolicy(' \t\n')).toEqual([
      'password is shorter than 12 characters',
      'password is only whitespace',
    ]);
    expect(checkPasswordPolicy('Administrator', 'administrator')).toEqual([
      'password is the same as the username',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(checkPasswordPolicy('🔒'.repeat(11))).toEqual(['password is shorter than 12 characters']);
    expect(checkPasswordPolicy('🔒'.repeat(12))).toEqual([]);
  });

  it('compares with the username only when one is given', () => {
    expect(checkPasswordPolicy('a long password', '')).toEqual([]);
    expect(checkPasswordPolicy('a long password')).toEqual([]);
  });
});
