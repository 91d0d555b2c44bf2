import { describe, expect, it } from 'vitest';
import { matchesAnyLabel, normalizeText } from '../../../engine/text';

describe('label matching', () => {
  it('folds whitespace and Latin case', () => {
    expect(normalizeText('  Auto-Renewal\n\t ')).toBe('auto-renewal');
    expect(matchesAnyLabel(' AUTO-RENEWAL ', ['Auto-Renewal'])).toBe(true);
  });
  it('lets a tab keep its count badge and still match exactly', () => {
    expect(matchesAnyLabel('自动续订 (3)', ['自动续订'])).toBe(true);
    expect(matchesAnyLabel('自动续订（12）', ['自动续订'])).toBe(true);
    expect(matchesAnyLabel('自动续订3', ['自动续订'])).toBe(true);
  });
  it('does not let a longer label match exactly', () => {
    expect(matchesAnyLabel('手动续费项', ['手动续费'])).toBe(false);
    expect(matchesAnyLabel('到期不续订', ['不续订'])).toBe(false);
    expect(matchesAnyLabel('', ['x'])).toBe(false);
  });
  it('supports startsWith and contains when a rule asks', () => {
    expect(matchesAnyLabel('手动续费项', ['手动续费'], 'startsWith')).toBe(true);
    expect(matchesAnyLabel('批量 设置为不续订', ['设置为不续订'], 'contains')).toBe(true);
    expect(matchesAnyLabel('批量 设置为不续订', ['设置为不续订'], 'startsWith')).toBe(false);
  });
});
