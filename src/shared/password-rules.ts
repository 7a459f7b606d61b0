/**
 * The password rules (NIST SP 800-63B, rev. 3 §5.1.1.2 and rev. 4 §3.1.1.2), shared by the server,
 * which decides, and the console, which checks as the user types. Pure: no imports, no I/O. The
 * breached-password list is big, so it stays on the server and comes in as `isCommon`.
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PRODUCT_NAME = 'Seatkeeper';

/** Who the password is for: their words are the first an attacker tries. */
export interface PasswordContext {
  email?: string | undefined;
  name?: string | undefined;
  orgName?: string | undefined;
}

export type PasswordRule = 'too-short' | 'too-long' | 'invisible' | 'sequential' | 'repetitive' | 'context' | 'common';

export interface PasswordProblem {
  rule: PasswordRule;
  /** A sentence for the user; it never repeats the password. */
  detail: string;
}

export interface PasswordRuleOptions {
  /** True when a word (lower case, at least 4 characters) is a known breached or common password. */
  isCommon?: ((word: string) => boolean) | undefined;
}

/** The rules as the console shows them under a new-password field, before anything is typed. */
export const PASSWORD_RULES_TEXT =
  `At least ${PASSWORD_MIN_LENGTH} characters; spaces and any language are welcome. ` +
  'Not a common password, a sequence (12345678, abcdefgh), a repetition (aaaaaaaa), ' +
  `your name, email or organization, or "${PRODUCT_NAME}".`;

/**
 * 800-63B: "the verifier SHOULD apply the Normalization Process for Stabilized Strings using
 * NFKC" before hashing, so that a composed and a decomposed `é` are the same password.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

// Zero-width and other format characters, controls that are not whitespace, and what Unicode
// says renderers ignore (soft hyphen, Hangul fillers, variation selectors): nothing to see.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|(?![\p{White_Space}])\p{Cc}/u;
const WHITESPACE = /\p{White_Space}/u;

/** The first rule the password breaks, or null. Runs on the NFKC form, as the server stores it. */
export function findPasswordProblem(
  password: string,
  context: PasswordContext = {},
  options: PasswordRuleOptions = {},
): PasswordProblem | null {
  const characters = [...normalizePassword(password)];
  if (characters.length > PASSWORD_MAX_LENGTH) {
    return { rule: 'too-long', detail: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const countable = characters.filter((char) => !INVISIBLE.test(char));
  if (characters.length > 0 && countable.every((char) => WHITESPACE.test(char))) {
    return {
      rule: 'invisible',
      detail: 'The password is nothing but spaces or invisible characters (such as zero-width spaces).',
    };
  }
  if (countable.length < PASSWORD_MIN_LENGTH) {
    const invisibleNote =
      countable.length < characters.length ? ' Invisible characters such as zero-width spaces do not count.' : '';
    return {
      rule: 'too-short',
      detail: `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${countable.length}).${invisibleNote}`,
    };
  }
  const text = countable.join('').toLowerCase();
  return (
    findPatternProblem(text, options) ?? findContextProblem(text, context, options) ?? findCommonProblem(text, options)
  );
}

// ---------------------------------------------------------------------------------------------
// Sequences and repetitions

const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
];
const SEQUENCE_INDEXES = SEQUENCES.map((sequence) => new Map([...sequence].map((char, index) => [char, index])));
/** A run shorter than this (`ab`, `12`) is ordinary text, not a sequence. */
const MIN_RUN = 3;

/**
 * True when the whole text is made of runs of at least three steps along one sequence (alphabet,
 * digits, a keyboard row), forwards or backwards: `abcdefgh`, `12341234`, `qwertyui`, `987654321`.
 */
export function isSequential(text: string): boolean {
  const chars = [...text];
  const n = chars.length;
  if (n < MIN_RUN) return false;
  // runEnd[i]: the end (exclusive) of the longest run starting at i.
  const runEnd = chars.map((_, start) => {
    let longest = start + 1;
    for (const indexes of SEQUENCE_INDEXES) {
      for (const step of [1, -1]) {
        let end = start + 1;
        while (
          end < n &&
          indexes.get(chars[end]!) !== undefined &&
          indexes.get(chars[end]!) === (indexes.get(chars[end - 1]!) ?? Number.NaN) + step
        ) {
          end += 1;
        }
        longest = Math.max(longest, end);
      }
    }
    return longest;
  });
  // covered[i]: chars[i..] splits into runs of at least MIN_RUN (any prefix of a run is a run).
  const covered = new Array<boolean>(n + 1).fill(false);
  covered[n] = true;
  for (let start = n - 1; start >= 0; start--) {
    for (let end = start + MIN_RUN; end <= runEnd[start]!; end++) {
      if (covered[end]) {
        covered[start] = true;
        break;
      }
    }
  }
  return covered[0]!;
}

/** The shortest unit the text repeats at least twice (`abc` for `abcabcab`), or null. */
function repeatedUnit(text: string): string | null {
  const chars = [...text];
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((char, index) => index < period || char === chars[index - period])) {
      return chars.slice(0, period).join('');
    }
  }
  return null;
}

export function isRepetitive(text: string): boolean {
  if (new Set(text).size <= 2) return true; // aaaaaaaa, abababab, aaaabbbb
  const unit = repeatedUnit(text);
  return unit !== null && [...unit].length < PASSWORD_MIN_LENGTH;
}

function findPatternProblem(text: string, options: PasswordRuleOptions): PasswordProblem | null {
  if (isSequential(text)) {
    return {
      rule: 'sequential',
      detail: 'The password is a sequence (like 12345678, abcdefgh or qwertyui): those are guessed first.',
    };
  }
  if (isRepetitive(text)) {
    return {
      rule: 'repetitive',
      detail: 'The password repeats the same few characters (like aaaaaaaa or abcabcab): those are guessed first.',
    };
  }
  // A longer unit said twice is as strong as the unit alone.
  const unit = repeatedUnit(text);
  return unit ? (findPatternProblem(unit, options) ?? findCommonProblem(unit, options)) : null;
}

// ---------------------------------------------------------------------------------------------
// Common passwords, also with look-alike digits and a few digits or symbols added

const LEET: Record<string, string> = {
  '4': 'a',
  '@': 'a',
  '8': 'b',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '!': 'i',
  '|': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
};

/** The text with look-alike digits and symbols read as letters (`p@ssw0rd` → `password`); 1 as i and as l. */
export function unLeet(text: string): string[] {
  const base = [...text].map((char) => LEET[char] ?? char).join('');
  return [...new Set([base.replaceAll('1', 'i'), base.replaceAll('1', 'l')])];
}

/** Up to this many digits, symbols or spaces added around a word still leave the word (`Summer2026!`). */
const MAX_DECORATION = 6;

/** The letters in the middle, when what surrounds them is only a little decoration or itself a pattern. */
function stripDecoration(text: string): string | null {
  const match = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/su.exec(text);
  if (!match) return null;
  const [, before = '', core = '', after = ''] = match;
  const decoration = before + after;
  if (!decoration || !core) return null;
  const trivial = [...decoration].length <= MAX_DECORATION || isSequential(decoration) || isRepetitive(decoration);
  return trivial ? core : null;
}

function commonCandidates(text: string): string[] {
  const candidates = new Set<string>([text, text.replace(/\s+/gu, '')]);
  const core = stripDecoration(text);
  if (core) candidates.add(core);
  for (const candidate of [...candidates]) for (const variant of unLeet(candidate)) candidates.add(variant);
  return [...candidates].filter((candidate) => [...candidate].length >= 4);
}

function findCommonProblem(text: string, options: PasswordRuleOptions): PasswordProblem | null {
  const isCommon = options.isCommon;
  if (!isCommon) return null;
  if (isCommon(text)) {
    return { rule: 'common', detail: 'This password appears in lists of commonly used passwords; choose another.' };
  }
  if (commonCandidates(text).some((candidate) => isCommon(candidate))) {
    return {
      rule: 'common',
      detail:
        'This password is a commonly used password with look-alike characters or a few digits or symbols added; ' +
        'choose another.',
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Context words: the product, the organization, the user's email and name

/** Words shorter than this (`Al`, `IT`) are left alone. */
const MIN_CONTEXT_WORD = 3;

interface ContextWords {
  words: string[];
  what: string;
}

function wordsOf(text: string | undefined): string[] {
  if (!text) return [];
  const lowered = text.normalize('NFKC').toLowerCase();
  const parts = lowered.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set([...parts, parts.join('')])].filter((word) => [...word].length >= MIN_CONTEXT_WORD);
}

function contextWords(context: PasswordContext): ContextWords[] {
  const [local, domain] = (context.email ?? '').split('@');
  // The domain's labels without the last one (`globex` of `globex.example`).
  const domainLabels = (domain ?? '').split('.').slice(0, -1).join(' ');
  return [
    { words: wordsOf(PRODUCT_NAME), what: `the product's name (${PRODUCT_NAME})` },
    { words: wordsOf(context.orgName), what: "your organization's name" },
    { words: [...wordsOf(local), ...wordsOf(domainLabels)], what: 'your email address' },
    { words: wordsOf(context.name), what: 'your name' },
  ];
}

/**
 * Refused when, with every context word taken out (also read with look-alike digits), what is left
 * would not pass on its own: `Acme2026!`, `seatkeeper-demo`, `S3atk33per!`; a long passphrase that
 * happens to hold a name still passes.
 */
function findContextProblem(text: string, context: PasswordContext, options: PasswordRuleOptions) {
  const groups = contextWords(context);
  const everyWord = groups.flatMap((group) => group.words).sort((a, b) => b.length - a.length);
  for (const variant of new Set([text, ...unLeet(text)])) {
    const found = groups.find((group) => group.words.some((word) => variant.includes(word)));
    if (!found) continue;
    let rest = variant;
    for (const word of everyWord) rest = rest.replaceAll(word, '');
    const restIsWeak =
      [...rest.trim()].length < PASSWORD_MIN_LENGTH ||
      findPatternProblem(rest, options) !== null ||
      findCommonProblem(rest, options) !== null;
    if (restIsWeak) {
      return {
        rule: 'context' as const,
        detail: `The password is too close to ${found.what}; add words of your own.`,
      };
    }
  }
  return null;
}
