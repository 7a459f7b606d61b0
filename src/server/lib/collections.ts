/**
 * A map's values in the order of their keys. Writers of shared rows use it so that concurrent
 * transactions lock rows in one order (PostgreSQL: no deadlock).
 */
export function valuesInKeyOrder<T>(map: Map<string, T>): T[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/** Items grouped by a key, groups and items in first-seen order. */
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
