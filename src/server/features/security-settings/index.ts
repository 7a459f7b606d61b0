/** The public entry of security-settings: the organization's risk and alert rules (issue 11). */
export { changeSecuritySettings } from './change-security-settings.ts';
export { readSecuritySettings } from './read-security-settings.ts';
export { DEFAULT_SECURITY_SETTINGS, securitySettingsFrom, type TrustedNetwork } from './security-settings.ts';
