const REGIONAL_INDICATOR_A = 0x1f1e6;

/** "DE" → 🇩🇪 (two regional-indicator symbols); '' for anything that is not two ASCII letters. */
export function countryFlag(countryCode: string | null | undefined): string {
  if (!countryCode || !/^[A-Za-z]{2}$/.test(countryCode)) return '';
  const upper = countryCode.toUpperCase();
  return String.fromCodePoint(
    REGIONAL_INDICATOR_A + upper.charCodeAt(0) - 65,
    REGIONAL_INDICATOR_A + upper.charCodeAt(1) - 65,
  );
}
