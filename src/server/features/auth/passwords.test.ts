import { describe, expect, it } from 'vitest';
import { findPasswordProblem, PASSWORD_RULES_TEXT } from '../../../common/password-rules.ts';
import { AppError } from '../../lib/app-error.ts';
import { assertAcceptablePassword, hashPassword, isCommonPassword, verifyPassword } from './passwords.ts';

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

/** A small seeded generator (mulberry32): the same passwords on every run. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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

describe('assertAcceptablePassword: padding, separators and decoration (review findings)', () => {
  const SHORT = /at least 8 characters \(this one has 3\)\. A run of spaces counts as one character/;
  const BRAILLE_BLANK = '\u2800';
  const HANGUL_FILLER = '\u3164';

  it.each([
    // Whitespace and look-alike blanks: a run counts as one character.
    ['      12', SHORT],
    ['ab      ', SHORT],
    [`${BRAILLE_BLANK.repeat(6)}12`, SHORT],
    [`${HANGUL_FILLER.repeat(6)}12`, SHORT],
    ['\u115f\u1160\u115f\u1160\u115f\u116012', SHORT],
    [BRAILLE_BLANK.repeat(8), /nothing but spaces or invisible/],
    [` ${ZERO_WIDTH_SPACE} ${ZERO_WIDTH_SPACE}  12345`, /this one has 6\)\. A run of spaces.*Invisible characters/],
    // The product and organization names split by separators.
    ['Seat Keeper 1', /product's name/],
    ['Seat-Keeper1', /product's name/],
    ['seat_keeper2026', /product's name/],
    ['S3at K33per!', /product's name/],
    ['North wind 2026', /organization's name/],
    ['Scor-pio 2026!', /email address/],
    // A common password spelled apart, one character at a time.
    ['p.a.s.s.w.o.r.d', /common.*separators/],
    ['p-@-s-s-w-0-r-d', /common/],
    ['s u n s h i n e', /common/],
    // Sequences and repetitions with spaces or separators in them.
    ['1 2 3 4 5 6 7 8', /sequence/],
    ['a-b-c-d-e-f-g-h', /sequence/],
    ['abcd efgh', /sequence/],
    // More than 6 characters around a common password, when they are guessable.
    ['Password2026!!!', /common.*digits or symbols added/],
    ['Summer2026!!!', /common/],
    ['dragon123456789', /common/],
    ['!!!!!!!!monkey2026', /common/],
  ])('refuses %j and says why', (password, reason) => {
    expect(refusal(password)).toMatch(reason);
  });

  it.each([
    // Eight random digits around a common word are not a little decoration: judged as a whole.
    '73918462love',
    '4729 1856 sunshine',
    // A passphrase may still hold the product's name, split or not.
    'the seat keeper of the old hall',
    'north of the wind garden',
    'a.b.c is how we met, 2026',
  ])('accepts %j', (password) => {
    expect(refusal(password)).toBeNull();
  });

  it('refuses none of 20,000 random 12-character passwords of letters, digits and symbols (seeded)', () => {
    const printable = Array.from({ length: 94 }, (_, index) => String.fromCharCode(33 + index)); // ! to ~
    const random = mulberry32(20_260_801);
    const refused: string[] = [];
    for (let run = 0; run < 20_000; run++) {
      const password = Array.from({ length: 12 }, () => printable[Math.floor(random() * printable.length)]).join('');
      const problem = findPasswordProblem(password, CONTEXT, { isCommon: isCommonPassword });
      if (problem) refused.push(`${password}: ${problem.detail}`);
    }
    expect(refused).toEqual([]);
  });

  it('keeps the rules text shown in the console true to the rules', () => {
    expect(PASSWORD_RULES_TEXT).toContain('a run of spaces counts as one');
    expect(PASSWORD_RULES_TEXT).toContain('spaces or symbols in between');
    expect(findPasswordProblem('Seat Keeper 1', CONTEXT)?.rule).toBe('context');
    expect(findPasswordProblem('      12', CONTEXT)?.rule).toBe('too-short');
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
