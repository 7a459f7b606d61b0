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
  `At least ${PASSWORD_MIN_LENGTH} characters (a run of spaces counts as one); spaces and any language are welcome. ` +
  'Not a common password, a sequence (12345678, abcdefgh), a repetition (aaaaaaaa), ' +
  `your name, email or organization, or "${PRODUCT_NAME}": not even with digits or symbols added, ` +
  'or with spaces or symbols in between.';

/**
 * 800-63B: "the verifier SHOULD apply the Normalization Process for Stabilized Strings using
 * NFKC" before hashing, so that a composed and a decomposed `é` are the same password.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

// Zero-width and other format characters, controls that are not whitespace, and what Unicode
// says renderers ignore (soft hyphen, variation selectors): nothing to see.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|(?![\p{White_Space}])\p{Cc}/u;
// Whitespace, and characters that show as an empty space without being whitespace: the Braille
// blank and the Hangul fillers (which Unicode also lists as ignorable). Each run counts as one space.
const BLANK = /[\p{White_Space}\u2800\u115f\u1160\u3164\uffa0]/u;

/**
 * The characters the rules count: invisible characters dropped, and every run of blanks (spaces,
 * look-alike blanks, with invisible characters in between) read as a single space.
 */
function countableCharacters(characters: string[]): string[] {
  const countable: string[] = [];
  for (const char of characters) {
    if (BLANK.test(char)) {
      if (countable.at(-1) !== ' ') countable.push(' ');
    } else if (!INVISIBLE.test(char)) {
      countable.push(char);
    }
  }
  return countable;
}

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
  const countable = countableCharacters(characters);
  if (characters.length > 0 && countable.every((char) => char === ' ')) {
    return {
      rule: 'invisible',
      detail: 'The password is nothing but spaces or invisible characters (such as zero-width spaces).',
    };
  }
  if (countable.length < PASSWORD_MIN_LENGTH) {
    const invisibles = characters.some((char) => !BLANK.test(char) && INVISIBLE.test(char));
    const blankRuns = characters.filter((char) => BLANK.test(char)).length > countable.filter((c) => c === ' ').length;
    const notes = [
      blankRuns ? ' A run of spaces counts as one character.' : '',
      invisibles ? ' Invisible characters such as zero-width spaces do not count.' : '',
    ].join('');
    return {
      rule: 'too-short',
      detail: `Use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${countable.length}).${notes}`,
    };
  }
  const text = countable.join('').toLowerCase();
  return (
    findPatternsProblem(text, options) ?? findContextProblem(text, context, options) ?? findCommonProblem(text, options)
  );
}

// ---------------------------------------------------------------------------------------------
// Separators: spaces, punctuation and symbols (anything but letters, digits and combining marks)

const SEPARATORS = '[^\\p{L}\\p{N}\\p{M}]';
const SEPARATOR = new RegExp(SEPARATORS, 'u');
const SEPARATOR_RUNS = new RegExp(`${SEPARATORS}+`, 'gu');

/**
 * A password spelled apart, one character at a time with the same separator between each
 * (`p.a.s.s.w.o.r.d`, `1 2 3 4 5 6 7 8`, `p-@-s-s`): its characters joined, or null.
 */
function joinSpelledApart(text: string): string | null {
  const chars = [...text];
  const separator = chars[1];
  if (chars.length < 5 || chars.length % 2 === 0 || separator === undefined || !SEPARATOR.test(separator)) return null;
  const joined: string[] = [];
  for (const [index, char] of chars.entries()) {
    if (index % 2 === 0) joined.push(char);
    else if (char !== separator) return null;
  }
  return joined.join('');
}

/** The text spelled apart joined up, or else without its spaces (`abcd efgh` → `abcdefgh`). */
function compact(text: string): string {
  return joinSpelledApart(text) ?? text.replaceAll(' ', '');
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
  // Most text does not even start with a run: no need to look further.
  if (n < MIN_RUN || runEndAt(chars, 0) < MIN_RUN) return false;
  // covered[i]: chars[i..] splits into runs of at least MIN_RUN (any prefix of a run is a run).
  const covered = new Array<boolean>(n + 1).fill(false);
  covered[n] = true;
  for (let start = n - 1; start >= 0; start--) {
    const runEnd = runEndAt(chars, start);
    for (let end = start + MIN_RUN; end <= runEnd; end++) {
      if (covered[end]) {
        covered[start] = true;
        break;
      }
    }
  }
  return covered[0]!;
}

/** The end (exclusive) of the longest run along one sequence starting at `start`. */
function runEndAt(chars: string[], start: number): number {
  let longest = start + 1;
  for (const indexes of SEQUENCE_INDEXES) {
    for (const step of [1, -1]) {
      let end = start + 1;
      while (
        end < chars.length &&
        indexes.get(chars[end]!) !== undefined &&
        indexes.get(chars[end]!) === (indexes.get(chars[end - 1]!) ?? Number.NaN) + step
      ) {
        end += 1;
      }
      longest = Math.max(longest, end);
    }
  }
  return longest;
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

/** The pattern rules, on the text as typed and also without its spaces and separators (`1 2 3 4 5 6 7 8`). */
function findPatternsProblem(text: string, options: PasswordRuleOptions): PasswordProblem | null {
  const compacted = compact(text);
  return findPatternProblem(text, options) ?? (compacted === text ? null : findPatternProblem(compacted, options));
}

// ---------------------------------------------------------------------------------------------
// Common passwords, also with look-alike characters, separators, and guessable digits or symbols added

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

/**
 * Digits, symbols or spaces added around a word still leave the word when they are guessable: at
 * most this many characters besides runs of 3 or more that repeat one character or follow a
 * sequence (`Summer2026!`, `Password2026!!!`, `dragon123456789`). Eight random digits are not
 * guessable, so `73918462love` is judged as a whole and passes.
 */
const MAX_DECORATION = 6;
/** The word left in the middle must have at least this many characters (the blocklist's shortest). */
const MIN_CORE = 4;

/** How many characters of a decoration are not part of a run of 3+ repeated or sequential characters. */
function unpatternedLength(text: string): number {
  const chars = [...text];
  if (chars.length >= MIN_RUN && (isSequential(text) || isRepetitive(text))) return 0;
  // cost[i]: the fewest characters of chars[i..] left outside runs.
  const cost = new Array<number>(chars.length + 1).fill(0);
  for (let start = chars.length - 1; start >= 0; start--) {
    cost[start] = 1 + cost[start + 1]!;
    for (let end = start + MIN_RUN; end <= chars.length; end++) {
      const run = chars.slice(start, end).join('');
      if (new Set(run).size !== 1 && !isSequential(run)) break;
      cost[start] = Math.min(cost[start]!, cost[end]!);
    }
  }
  return cost[0]!;
}

/** The letters in the middle, when what surrounds them is guessable decoration (see MAX_DECORATION). */
function stripDecoration(text: string): string | null {
  const match = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/su.exec(text);
  if (!match) return null;
  const [, before = '', core = '', after = ''] = match;
  if (!(before + after) || [...core].length < MIN_CORE) return null;
  const unpatterned = [before, after].reduce((sum, part) => sum + unpatternedLength(part.replaceAll(' ', '')), 0);
  return unpatterned <= MAX_DECORATION ? core : null;
}

/** The text, and what it reads as with spaces, separators, decoration and look-alikes taken off. */
function commonCandidates(text: string): string[] {
  const candidates = new Set<string>([text, text.replaceAll(' ', '')]);
  const spelledApart = joinSpelledApart(text);
  if (spelledApart) candidates.add(spelledApart);
  for (const candidate of [...candidates]) {
    const core = stripDecoration(candidate);
    if (core) candidates.add(core);
  }
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
        'This password is a commonly used password with look-alike characters, separators, or digits or symbols ' +
        'added; choose another.',
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

let lastContext: { key: string; groups: ContextWords[]; longestFirst: string[] } | undefined;

/** The context's words by group and longest first, kept for the next call: the console checks on every keystroke. */
function contextWords(context: PasswordContext): { groups: ContextWords[]; longestFirst: string[] } {
  const key = [context.email, context.name, context.orgName].join('\u0000');
  if (lastContext?.key !== key) {
    const groups = readContextWords(context);
    const longestFirst = groups.flatMap((group) => group.words).sort((a, b) => b.length - a.length);
    lastContext = { key, groups, longestFirst };
  }
  return lastContext;
}

function readContextWords(context: PasswordContext): ContextWords[] {
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
 * The word, also with separators splitting it into parts of 2 or more characters (`Seat Keeper`,
 * `north-wind`; `h.a.n.k` is read as spelled apart instead). Context words are letters and digits
 * only (see wordsOf), so nothing in them needs escaping.
 */
function wordPattern(word: string): RegExp {
  return new RegExp([...word].join(`${SEPARATORS}*`), 'gu');
}

function isSplitWord(match: string): boolean {
  return match.split(SEPARATOR_RUNS).every((part) => [...part].length >= 2);
}

/** `joined` is the text with every separator taken out: most passwords hold no context word even so. */
function holdsWord(text: string, joined: string, word: string): boolean {
  if (text.includes(word)) return true;
  if (!joined.includes(word)) return false;
  return [...text.matchAll(wordPattern(word))].some(([match]) => isSplitWord(match));
}

function removeWord(text: string, word: string): string {
  if (!text.replace(SEPARATOR_RUNS, '').includes(word)) return text;
  return text.replace(wordPattern(word), (match) => (isSplitWord(match) ? '' : match));
}

/**
 * Refused when, with every context word taken out (also read with look-alike digits, split by
 * separators, or spelled apart), what is left would not pass on its own: `Acme2026!`,
 * `seatkeeper-demo`, `S3atk33per!`, `Seat Keeper 1`; a long passphrase that happens to hold a name
 * still passes.
 */
function findContextProblem(text: string, context: PasswordContext, options: PasswordRuleOptions) {
  const { groups, longestFirst } = contextWords(context);
  const spelledApart = joinSpelledApart(text);
  const variants = new Set([text, ...unLeet(text), ...(spelledApart ? [spelledApart, ...unLeet(spelledApart)] : [])]);
  for (const variant of variants) {
    const joined = variant.replace(SEPARATOR_RUNS, '');
    const found = groups.find((group) => group.words.some((word) => holdsWord(variant, joined, word)));
    if (!found) continue;
    let rest = variant;
    for (const word of longestFirst) rest = removeWord(rest, word);
    const restIsWeak =
      [...rest.trim()].length < PASSWORD_MIN_LENGTH ||
      findPatternsProblem(rest, options) !== null ||
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
