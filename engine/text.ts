/** Label matching shared by anchors and detectors: whitespace-insensitive, case-insensitive for Latin text. */
export type TextMatchMode = 'exact' | 'startsWith' | 'contains';

export function normalizeText(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Consoles append counts to tabs, buttons and list headings ("自动续订 (3)", "Auto-Renewal 12"), a
 * selection counter once rows are ticked ("实例 (1/3)", "Log groups (1/7)"), full-width parentheses
 * ("手动续费（4）") or a dropdown caret ("Actions ▾"); a label still matches exactly.
 */
const TRAILING_COUNT = /(?:\s*[(（[]?\s*\d+(?:\s*\/\s*\d+)?\s*[)）\]]?)?\s*[▾▼⌄]?$/u;

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

/**
 * How closely a name matches the labels: 3 exact (counts ignored), 2 prefix, 1 contained, 0 not
 * at all. A control named exactly as the step says beats one whose longer name merely holds the word.
 */
export function labelScore(value: string, labels: readonly string[], mode: TextMatchMode = 'exact'): number {
  if (matchesAnyLabel(value, labels, 'exact')) return 3;
  if (mode !== 'exact' && matchesAnyLabel(value, labels, 'startsWith')) return 2;
  if (mode === 'contains' && matchesAnyLabel(value, labels, 'contains')) return 1;
  return 0;
}
