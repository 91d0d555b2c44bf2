/** Label matching shared by anchors and detectors: whitespace-insensitive, case-insensitive for Latin text. */
export type TextMatchMode = 'exact' | 'startsWith' | 'contains';

export function normalizeText(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Consoles append counts to tabs and buttons ("自动续订 (3)", "Auto-Renewal 12"); a label still matches exactly. */
const TRAILING_COUNT = /\s*[(（[]?\d+[)）\]]?$/;

export function matchesAnyLabel(value: string, labels: readonly string[], mode: TextMatchMode = 'exact'): boolean {
  const text = normalizeText(value);
  if (!text) return false;
  const withoutCount = text.replace(TRAILING_COUNT, '');
  return labels.some((label) => {
    const wanted = normalizeText(label);
    if (mode === 'exact') return text === wanted || withoutCount === wanted;
    if (mode === 'startsWith') return text.startsWith(wanted);
    return text.includes(wanted);
  });
}
