// Country names come from the browser (Intl.DisplayNames), so the filter can offer every country without
// shipping a list. Codes that name no country (EU, UN, ZZ, pseudo-locales) are left out.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);

let displayNames: Intl.DisplayNames | null = null;
let allCountries: { code: string; name: string }[] | null = null;

export function countryName(code: string): string {
  displayNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  try {
    return displayNames.of(code.toUpperCase()) ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

/** Every ISO 3166-1 alpha-2 country the browser knows a name for, sorted by name. */
export function listCountries(): { code: string; name: string }[] {
  if (allCountries) return allCountries;
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const found: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) found.push({ code, name });
    }
  }
  allCountries = found.sort((x, y) => x.name.localeCompare(y.name));
  return allCountries;
}
