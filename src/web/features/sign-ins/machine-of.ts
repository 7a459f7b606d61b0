import type { SignIn } from '../../../contract/sign-ins';

/**
 * The sign-in as the Device column should describe it: the app has its own column, so an app's name is taken off
 * and the machine (its name and OS) is what is left to say.
 */
export function machineOf<T extends Pick<SignIn, 'device'>>(signIn: T): T {
  if (!signIn.device.app) return signIn;
  return { ...signIn, device: { ...signIn.device, app: null, appVersion: null } };
}
