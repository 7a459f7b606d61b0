import type { DeviceType, FailureReason } from '../../../contract/activity';
import type { SignIn } from '../../../contract/sign-ins';

export type SignInOutcome = SignIn['outcome'];

/** What the Sign-ins page filters on; `range` is a pair of local calendar days (YYYY-MM-DD), inclusive. */
export interface SignInFilters {
  /** A user id. */
  user: string | null;
  /** An address or a network in CIDR notation, as typed; the server judges it. */
  ip: string | null;
  /** A product key, or `console` for the web console. */
  app: string | null;
  outcome: SignInOutcome | null;
  failureReason: FailureReason | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  deviceType: DeviceType | null;
  range: [string | null, string | null];
}

export const emptySignInFilters: SignInFilters = {
  user: null,
  ip: null,
  app: null,
  outcome: null,
  failureReason: null,
  country: null,
  deviceType: null,
  range: [null, null],
};
