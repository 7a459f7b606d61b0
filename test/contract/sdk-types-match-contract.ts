/**
 * The SDK (src/sdk, published on its own) keeps its wire types hand-written: it may import nothing outside its
 * folder. This file ties them to the API contract (src/contract) at compile time: `npm run typecheck` fails when a
 * field is renamed, added, dropped, made optional or nullable on one side only. Nothing here runs.
 *
 * Every SDK type that mirrors an API shape is listed in `Checks` below, each asserted *exactly* equal to the
 * contract's `Static<>` type (both directions: optional vs required, `| null`, literal unions and nested objects
 * all count). Where the SDK is deliberately different, the assertion covers the common part and says why.
 * Not checked: AppProblemCode (the codes are declared by the server's routes, not by the contract) and the
 * client-side types (SeatkeeperClientOptions, FetchLike, HeartbeatOptions), which are no API shapes.
 */
import type { PasswordAppSignInBody, StartAppSessionResponse } from '../../src/contract/app-sessions.ts';
import type {
  DeviceAuthorizationSchema,
  StartDeviceAuthorizationBody,
} from '../../src/contract/device-authorization.ts';
import type {
  Borrowing as ContractBorrowing,
  BorrowResult as ContractBorrowResult,
  LeaseFileClaims as ContractLeaseFileClaims,
  LicenseKeySet as ContractLicenseKeySet,
} from '../../src/contract/leases.ts';
import type { Problem as ContractProblem } from '../../src/contract/problem.ts';
import type { Product as ContractProduct } from '../../src/contract/products.ts';
import type { Problem } from '../../src/sdk/problem.ts';
import type {
  AppInfo,
  AppLicense,
  AppSessionResponse,
  Borrowing,
  BorrowResult,
  BrowserSignInRequest,
  DeviceAuthorizationResponse,
  DeviceInfo,
  DeviceType,
  LeaseFileClaims,
  LicenseKeySet,
  Product,
  SignInRequest,
} from '../../src/sdk/types.ts';

/** A type as plain nested objects: interfaces, intersections and TypeBox's computed types compare by shape alone. */
type Plain<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer Item)[]
    ? Plain<Item>[]
    : T extends object
      ? { [Key in keyof T]: Plain<T[Key]> }
      : T;

/**
 * True only when A and B are the same type (the compiler's own identity check, not mutual assignability, which
 * would let `any`, or an optional field against a required `| undefined` one, slip through).
 */
type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;

/** Fails to compile, naming the pair, unless `T` is `true`. */
type Assert<T extends true> = T;

export type Checks = [
  Assert<Same<SignInRequest, PasswordAppSignInBody>>,
  Assert<Same<AppInfo, PasswordAppSignInBody['app']>>,
  Assert<Same<DeviceInfo, PasswordAppSignInBody['device']>>,
  Assert<Same<DeviceType, NonNullable<PasswordAppSignInBody['device']['type']>>>,
  Assert<Same<Pick<BrowserSignInRequest, 'app' | 'device'>, StartDeviceAuthorizationBody>>,
  Assert<Same<DeviceAuthorizationResponse, DeviceAuthorizationSchema>>,
  Assert<Same<Product, ContractProduct>>,
  Assert<Same<AppLicense, StartAppSessionResponse['license']>>,
  // The SDK reads `deviceCredential` as optional on purpose: a server older than device credentials answers
  // without it, and the client then simply has none to send back (client.ts). Everything else must match.
  Assert<
    Same<
      AppSessionResponse,
      Omit<StartAppSessionResponse, 'deviceCredential'> & Partial<Pick<StartAppSessionResponse, 'deviceCredential'>>
    >
  >,
  Assert<Same<Problem, ContractProblem>>,
  Assert<Same<BorrowResult, ContractBorrowResult>>,
  Assert<Same<Borrowing, ContractBorrowing>>,
  Assert<Same<LeaseFileClaims, ContractLeaseFileClaims>>,
  Assert<Same<LicenseKeySet, ContractLicenseKeySet>>,
];
