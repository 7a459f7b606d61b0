/** A query-string value when it is one of `allowed`, else null: a hand-edited address cannot reach the API. */
export function pickAllowed<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.includes(value as T) ? (value as T) : null;
}
