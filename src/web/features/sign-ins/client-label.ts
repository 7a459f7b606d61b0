import type { SignIn } from '../../../contract/sign-ins';

/** "Console", or the app by name (when the catalogue knows its key) and version: "Northwind Designer 4.2". */
export function clientLabel(signIn: Pick<SignIn, 'client' | 'device'>, appNames?: ReadonlyMap<string, string>): string {
  if (signIn.client === 'console') return 'Console';
  const key = signIn.device.app;
  if (!key) return 'An app';
  const name = appNames?.get(key) ?? key;
  return signIn.device.appVersion ? `${name} ${signIn.device.appVersion}` : name;
}
