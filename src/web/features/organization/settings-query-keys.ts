export const settingsKeys = {
  organization: ['organization'] as const,
};
