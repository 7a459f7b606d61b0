export const seatReclaimKeys = {
  all: ['seat-reclaim'] as const,
  preview: (id: string, afterDays: number) => [...seatReclaimKeys.all, 'preview', id, afterDays] as const,
  reclaims: (id: string) => [...seatReclaimKeys.all, 'reclaims', id] as const,
};
