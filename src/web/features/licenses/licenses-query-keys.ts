export const licensesKeys = {
  all: ['licenses'] as const,
  user: (userId: string) => [...licensesKeys.all, 'user', userId] as const,
  mine: () => [...licensesKeys.all, 'me'] as const,
};
