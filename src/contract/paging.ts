import { type TSchema, Type } from 'typebox';

/** `limit` of every list: 1..200, 50 unless asked. */
export const LimitQuery = Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size, 1 to 200.' });
export const CursorQuery = Type.String({
  maxLength: 512,
  description: 'Opaque cursor from the previous page’s nextCursor.',
});

/** A page of a list: its items and the cursor of the next page (null on the last). */
export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
