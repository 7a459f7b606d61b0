import { type Static, Type } from 'typebox';
import { Id, IsoDateTime, Nullable } from './schema-helpers.ts';

/**
 * Dormant-seat reclaim (issue 14, docs/seat-reclaim.md): a named subscription's policy frees a seat
 * after N days without use; the holder is warned by e-mail 7 days before; an owner can undo a
 * reclaim for 14 days. The policy itself is switched through PATCH /subscriptions/{id}/seat-rules
 * (`reclaimAfterDays`).
 */

/** The holder is warned this many days before the seat is freed. */
export const RECLAIM_WARNING_DAYS = 7;
/** A reclaim can be undone for this many days. */
export const RECLAIM_UNDO_DAYS = 14;
/** What the console offers; the API takes any whole number in RECLAIM_AFTER_DAYS_RANGE. */
export const RECLAIM_PRESETS = [35, 90, 180] as const;
export const RECLAIM_AFTER_DAYS_RANGE = { minimum: 7, maximum: 730 } as const;

export const ReclaimPreviewQuery = Type.Object({
  afterDays: Type.Optional(
    Type.Integer({
      ...RECLAIM_AFTER_DAYS_RANGE,
      description: 'Days without use to preview; default: the subscription’s policy, or 90 while it is off.',
    }),
  ),
});
export type ReclaimPreviewQuery = Static<typeof ReclaimPreviewQuery>;

const Holder = Type.Object({ id: Id, email: Type.String(), name: Type.String() });

export const RECLAIM_ACTIONS = ['warn', 'reclaim', 'wait'] as const;

export const ReclaimCandidateSchema = Type.Object({
  assignmentId: Type.String(),
  user: Holder,
  assignedAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  daysIdle: Type.Integer({ description: 'Whole days since the last use (since assignedAt when never used).' }),
  warnedAt: Nullable(IsoDateTime),
  action: Type.Enum([...RECLAIM_ACTIONS], {
    description:
      'What the job does at its next run: warn (mail the holder now), reclaim (free the seat now), or wait ' +
      '(warned already; freed on reclaimOn unless the app is used before).',
  }),
  warnOn: IsoDateTime,
  reclaimOn: IsoDateTime,
});
export type ReclaimCandidate = Static<typeof ReclaimCandidateSchema>;

export const ReclaimPreviewSchema = Type.Object({
  subscriptionId: Id,
  afterDays: Type.Integer(),
  policyAfterDays: Nullable(Type.Integer({ description: 'The policy now in force; null: off.' })),
  warningDays: Type.Integer(),
  undoDays: Type.Integer(),
  warnCount: Type.Integer({ description: 'Holders the job would warn today.' }),
  reclaimCount: Type.Integer({ description: 'Seats the job would free today.' }),
  items: Type.Array(ReclaimCandidateSchema, {
    description: 'Every seat idle for at least afterDays − warningDays, longest idle first.',
  }),
});
export type ReclaimPreview = Static<typeof ReclaimPreviewSchema>;

export const ReclaimSchema = Type.Object({
  assignmentId: Type.String({ description: 'The freed assignment (the one to undo).' }),
  user: Type.Object({
    id: Id,
    email: Type.String(),
    name: Type.String(),
    status: Type.Enum(['active', 'deactivated']),
  }),
  reclaimedAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  daysIdle: Type.Integer({ description: 'Whole days without use when the seat was freed.' }),
  undoUntil: IsoDateTime,
  status: Type.Enum(['reclaimed', 'undone'], { description: 'undone: the seat was given back.' }),
  canUndo: Type.Boolean({ description: 'Reclaimed, within undoUntil, and the user is active.' }),
});
export type Reclaim = Static<typeof ReclaimSchema>;

export const ReclaimPage = Type.Object({
  items: Type.Array(ReclaimSchema, { description: 'Reclaims of the last 30 days, newest first.' }),
  nextCursor: Type.Null(),
});
export type ReclaimPage = Static<typeof ReclaimPage>;

export const ReclaimParams = Type.Object({ id: Id, assignmentId: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) });
export type ReclaimParams = Static<typeof ReclaimParams>;
