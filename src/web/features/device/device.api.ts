import type { DeviceAuthorizationRequestSchema } from '../../../contract/device-authorization';
import { api } from '../../lib/api';

export type DeviceAuthorizationRequest = DeviceAuthorizationRequestSchema;

/** Which app, on which device, waits for this code; reading changes nothing. */
export function fetchDeviceAuthorization(userCode: string, signal?: AbortSignal): Promise<DeviceAuthorizationRequest> {
  return api.get<DeviceAuthorizationRequest>(`/device-authorizations/${encodeURIComponent(userCode)}`, { signal });
}

/** Approve (the app's next poll signs it in as me) or deny (it is told no). */
export function answerDeviceAuthorization(userCode: string, action: 'approve' | 'deny'): Promise<void> {
  return api.post<void>(`/device-authorizations/${encodeURIComponent(userCode)}/${action}`);
}
