import type { AppDeps } from '../../app-deps.ts';
import { sendPasswordResetLink } from './request-password-reset.ts';

/**
 * Links made from stored requests after their answer is sent, one after the other: the answer
 * (and its time) cannot depend on whether the account exists, and a burst of requests queues here
 * rather than opening transactions side by side. `drain()` waits for the queue (closing the app
 * awaits it); a request a crash left waiting is sent by the worker (sendWaitingPasswordResetLinks).
 */
export interface PasswordResetDeliveries {
  /** Queues the link of a stored request whose answer is out; a failure goes to `onError`, never further. */
  schedule(requestId: string, onError: (error: unknown) => void): void;
  /** Settles once every link scheduled so far has been made (or has failed). */
  drain(): Promise<void>;
}

export function createPasswordResetDeliveries(deps: AppDeps): PasswordResetDeliveries {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    schedule(requestId, onError) {
      // setImmediate: after the answer's bytes are out and I/O waiting has been served, so even
      // SQLite's synchronous writes never hold up the answer.
      queue = queue
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => sendPasswordResetLink(deps, requestId))
        .catch(onError);
    },
    async drain() {
      await queue;
    },
  };
}
