/** "Chrome 120.0.6099.109"; the name alone without a version; null without a name. */
export function joinVersion(name: string | null, version: string | null): string | null {
  if (!name) return null;
  return version ? `${name} ${version}` : name;
}
