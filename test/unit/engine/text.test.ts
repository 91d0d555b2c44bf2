import { describe, expect, it } from 'vitest';
import { labelScore, matchesAnyLabel, normalizeText } from '../../../engine/text';

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

describe('counters and carets after a label', () => {
  it('a selection counter, full-width parentheses or a dropdown caret keep the label exact', () => {
    expect(matchesAnyLabel('Log groups (1/7)', ['Log groups'])).toBe(true);
    expect(matchesAnyLabel('实例 (1/3)', ['实例'])).toBe(true);
    expect(matchesAnyLabel('实例（1 / 3）', ['实例'])).toBe(true);
    expect(matchesAnyLabel('Actions ▾', ['Actions'])).toBe(true);
    expect(matchesAnyLabel('Instances (12/30) ▾', ['Instances'])).toBe(true);
  });
  it('but not a longer label, or words after the label', () => {
    expect(matchesAnyLabel('Log groups (1/7) selected', ['Log groups'])).toBe(false);
    expect(matchesAnyLabel('实例状态 (1/3)', ['实例'])).toBe(false);
  });
});

describe('labelScore', () => {
  it('ranks exact over prefix over contained', () => {
    expect(labelScore('Actions', ['Actions'], 'contains')).toBe(3);
    expect(labelScore('Actions (2)', ['Actions'], 'contains')).toBe(3);
    expect(labelScore('Actions for instance', ['Actions'], 'contains')).toBe(2);
    expect(labelScore('Instance actions', ['Actions'], 'contains')).toBe(1);
    expect(labelScore('Instance actions', ['Actions'], 'startsWith')).toBe(0);
  });
});
