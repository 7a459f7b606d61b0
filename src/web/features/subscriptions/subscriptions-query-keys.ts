export const subscriptionsKeys = {
  all: ['subscriptions'] as const,
  list: () => [...subscriptionsKeys.all, 'list'] as const,
  detail: (id: string) => [...subscriptionsKeys.all, 'detail', id] as const,
  assignments: (id: string) => [...subscriptionsKeys.all, 'assignments', id] as const,
};
