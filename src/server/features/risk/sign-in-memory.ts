import type { SecuritySettings } from '../../../contract/security.ts';
import type { PastSignIn } from '../activity/index.ts';
import { type AssessedAttempt, GUESS_REASONS, RECENT_SIGN_INS, type SignInContext } from './assess-sign-in.ts';

const MINUTE_MS = 60_000;
/** The longest takeover window a setting allows (1,440 minutes): older guesses are forgotten. */
const LONGEST_WINDOW_MS = 1_440 * MINUTE_MS;
const GUESSES = new Set<string>(GUESS_REASONS);

interface UserMemory {
  /** Newest first, at most RECENT_SIGN_INS. */
  recentSuccesses: PastSignIn[];
  successes: number;
  firstSuccessAt: number | null;
  /** Password guesses of the last LONGEST_WINDOW_MS, oldest first. */
  guesses: PastSignIn[];
}

/**
 * What readSignInContext reads from the database, kept in memory instead, for replays of history
 * in time order (the demo seeder, the detection benchmark): months of sign-ins judged by the same
 * assessSignIn without a read per attempt. Attempts must be remembered in the order they happened.
 */
export class SignInMemory {
  readonly #users = new Map<string, UserMemory>();

  contextFor(
    userId: string,
    attempt: AssessedAttempt,
    settings: SecuritySettings,
    deactivated: boolean,
  ): SignInContext {
    const memory = this.#users.get(userId);
    const from = attempt.occurred_at - settings.takeover.windowMinutes * MINUTE_MS;
    const guesses =
      attempt.outcome === 'success' && memory
        ? memory.guesses.filter((past) => past.occurred_at >= from && past.occurred_at < attempt.occurred_at)
        : [];
    return {
      recentSuccesses: memory ? [...memory.recentSuccesses] : [],
      successfulSignIns: Math.min(memory?.successes ?? 0, RECENT_SIGN_INS),
      firstSuccessAt: memory?.firstSuccessAt ?? null,
      failuresBefore: { count: guesses.length, earliest: guesses[0] ?? null },
      accountDeactivated: deactivated,
    };
  }

  remember(userId: string, past: PastSignIn): void {
    let memory = this.#users.get(userId);
    if (!memory) {
      memory = { recentSuccesses: [], successes: 0, firstSuccessAt: null, guesses: [] };
      this.#users.set(userId, memory);
    }
    if (past.outcome === 'success') {
      memory.recentSuccesses.unshift(past);
      if (memory.recentSuccesses.length > RECENT_SIGN_INS) memory.recentSuccesses.pop();
      memory.successes += 1;
      memory.firstSuccessAt ??= past.occurred_at;
    } else if (past.failure_reason !== null && GUESSES.has(past.failure_reason)) {
      memory.guesses.push(past);
      const oldest = past.occurred_at - LONGEST_WINDOW_MS;
      while ((memory.guesses[0]?.occurred_at ?? oldest) < oldest) memory.guesses.shift();
    }
  }
}
