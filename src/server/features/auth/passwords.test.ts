import { describe, expect, it } from 'vitest';
import { findPasswordProblem, PASSWORD_RULES_TEXT } from '../../../shared/password-rules.ts';
import { AppError } from '../../http/errors.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.ts';

const CONTEXT = { email: 'hank.scorpio@globex.example', name: 'Hank Scorpio', orgName: 'Northwind Design' };

/** The `weak-password` problem's detail, or null when the password is accepted. */
function refusal(password: string, context = CONTEXT): string | null {
  try {
    assertAcceptablePassword(password, context);
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error).toMatchObject({ status: 400, code: 'weak-password' });
    return error.detail ?? '';
  }
}

const ZERO_WIDTH_SPACE = '\u200b';

describe('assertAcceptablePassword (NIST SP 800-63B)', () => {
  it.each([
    ['aaaaaaaa', /repeats/],
    ['abcabcab', /repeats/],
    ['passpass', /repeats/],
    ['12341234', /sequence/],
    ['abcdefgh', /sequence/],
    ['qwertyui', /sequence/],
    ['87654321', /sequence/],
    ['Passw0rd!', /common/],
    ['P@ssw0rd2024', /common/],
    ['Summer2026!', /common/],
    ['password', /common/],
    ['Northwind1', /organization's name/],
    ['northwinddesign!', /organization's name/],
    ['Seatkeeper', /product's name/],
    ['SEATKEEPER2026!', /product's name/],
    ['seatkeeper-demo', /product's name/],
    ['S3atk33per!', /product's name/],
    ['hank.scorpio1', /email address/],
    ['globex2026!', /email address/],
    ['scorpio!!!!', /email address/],
    ['        ', /nothing but spaces or invisible/],
    [ZERO_WIDTH_SPACE.repeat(8), /nothing but spaces or invisible/],
    [`ab${ZERO_WIDTH_SPACE.repeat(6)}`, /at least 8 characters.*Invisible characters/],
    ['short', /at least 8 characters \(this one has 5\)/],
    ['x'.repeat(129), /at most 128/],
  ])('refuses %j and says why', (password, reason) => {
    expect(refusal(password)).toMatch(reason);
  });

  it('refuses the organization name plus a digit, for any organization', () => {
    expect(refusal('Initrode7', { ...CONTEXT, orgName: 'Initrode' })).toMatch(/organization's name/);
    expect(refusal('Initrode7', CONTEXT)).toBeNull();
  });

  it.each([
    'correct horse battery staple',
    'my hovercraft is full of eels',
    'x7$Kp2!qR9zM',
    'G4#vnQ8@wLp2',
    'καλημέρα κόσμε φίλε μου',
    '東京の夜は静かで美しい',
    'пароль от моего велосипеда',
    // A passphrase may hold a context word: what is left is strong on its own.
    'hank keeps the northwind garden tidy',
    'member passphrase 2026',
  ])('accepts the strong %j', (password) => {
    expect(refusal(password)).toBeNull();
  });

  it('shows the same reason in the console, which has no blocklist', () => {
    expect(findPasswordProblem('12341234', CONTEXT)?.rule).toBe('sequential');
    expect(findPasswordProblem('Northwind1', CONTEXT)?.rule).toBe('context');
    expect(findPasswordProblem('Passw0rd!', CONTEXT)).toBeNull();
    expect(PASSWORD_RULES_TEXT).toContain('At least 8 characters');
  });
});

describe('hashPassword / verifyPassword', () => {
  const composed = 'caf\u00e9 au lait au bord';
  const decomposed = 'cafe\u0301 au lait au bord';

  it('uses argon2id and treats a composed and a decomposed é as the same password (NFKC)', async () => {
    expect(composed).not.toBe(decomposed);
    const stored = await hashPassword(decomposed);
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored, composed)).toBe(true);
    expect(await verifyPassword(stored, decomposed)).toBe(true);
    expect(await verifyPassword(stored, 'cafe au lait au bord')).toBe(false);
  });

  it('still accepts a hash stored before normalisation, typed as it was', async () => {
    const { hash } = await import('@node-rs/argon2');
    const legacy = await hash(decomposed);
    expect(await verifyPassword(legacy, decomposed)).toBe(true);
  });
});

describe("the demo's published passwords", () => {
  it('pass the rules a person choosing them would meet', async () => {
    const { DEMO_MEMBER_PASSWORD, DEMO_OWNER } = await import('../demo/seed-demo.ts');
    const demo = { email: DEMO_OWNER.email, name: DEMO_OWNER.name, orgName: 'Northwind Design' };
    expect(refusal(DEMO_OWNER.password, demo)).toBeNull();
    expect(refusal(DEMO_MEMBER_PASSWORD, { ...demo, name: 'Ravi Patel' })).toBeNull();
  });
});
