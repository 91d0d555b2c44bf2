import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCharging, parseAmount } from '../../../engine/amount';

const read = (text: string) => {
  const parsed = parseAmount(text);
  return parsed.ok ? { minor: parsed.minor, currency: parsed.currency } : parsed.reason;
};

describe('parseAmount: the formats the consoles print', () => {
  it.each([
    ['USD 1,234.56', 123456, 'USD'],
    ['USD 24.19', 2419, 'USD'],
    ['$1,234.56', 123456, 'USD'],
    ['US$ 3.50', 350, 'USD'],
    ['1,234.56 USD', 123456, 'USD'],
    ['¥1,234.56', 123456, 'CNY'],
    ['￥1,234.56', 123456, 'CNY'],
    ['1,234.56 元', 123456, 'CNY'],
    ['1234.56元', 123456, 'CNY'],
    ['CNY 88.00', 8800, 'CNY'],
    ['RMB 0.06', 6, 'CNY'],
    ['1,234,567.8', 123456780, null],
    ['0.00', 0, null],
    ['USD 0.00', 0, 'USD'],
    ['-USD 5.00', -500, 'USD'],
    ['USD -5.00', -500, 'USD'],
    ['-$12.30', -1230, 'USD'],
    ['(USD 2.00)', -200, 'USD'],
    ['−¥15.00', -1500, 'CNY'],
    ['-15.00 元', -1500, 'CNY'],
    ['+3.00', 300, null],
    ['0.045 元', 5, 'CNY'],
    ['0.004', 0, null],
  ])('%s → %d minor units (%s)', (text, minor, currency) => {
    expect(read(text)).toEqual({ minor, currency });
  });

  it('reads full-width digits, separators and the full-width yen sign', () => {
    expect(read('￥１，２３４．５６')).toEqual({ minor: 123456, currency: 'CNY' });
    expect(read('１２．００　元')).toEqual({ minor: 1200, currency: 'CNY' });
    expect(read('－￥３．００')).toEqual({ minor: -300, currency: 'CNY' });
  });

  it.each(['—', '-', '--', '–', '', '   ', 'N/A', '暂无', '～'])('"%s" is no amount (skipped, not zero)', (text) => {
    expect(read(text)).toBe('empty');
  });

  it.each([
    ['1.234,56', 'malformed'],
    ['12,34', 'malformed'],
    ['1,2345.00', 'malformed'],
    ['1 2', 'malformed'],
    ['1e5', 'malformed'],
    ['USD 1.00 / ¥7.00', 'malformed'],
    ['USD 3.00 CNY', 'malformed'],
    ['USD', 'no-digits'],
    ['Pending', 'no-digits'],
    ['99999999999999999999', 'too-large'],
  ])('"%s" is skipped as %s', (text, reason) => {
    expect(read(text)).toBe(reason);
  });

  it('keeps the text as the page showed it, for the diagnostic', () => {
    expect(parseAmount('  USD\u00a024.19 ')).toMatchObject({ ok: true, text: 'USD 24.19' });
    expect(parseAmount('1.234,56')).toEqual({ ok: false, reason: 'malformed', text: '1.234,56' });
  });
});

describe('isCharging', () => {
  it('is true only for a readable amount above zero', () => {
    expect(isCharging(parseAmount('USD 0.01'))).toBe(true);
    expect(isCharging(parseAmount('USD 0.00'))).toBe(false);
    expect(isCharging(parseAmount('-USD 5.00'))).toBe(false);
    expect(isCharging(parseAmount('—'))).toBe(false);
    expect(isCharging(parseAmount('1.234,56'))).toBe(false);
  });
});

describe('parseAmount with generated input', () => {
  const formats = [
    (n: string) => `USD ${n}`,
    (n: string) => `$${n}`,
    (n: string) => `¥${n}`,
    (n: string) => `￥${n}`,
    (n: string) => `${n} 元`,
    (n: string) => `${n} USD`,
    (n: string) => n,
  ];
  const withThousands = (whole: number) => whole.toLocaleString('en-US', { useGrouping: true });
  const toFullWidth = (text: string) =>
    text.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace('¥', '￥');

  it('reads back any amount written in any console format, grouped or not, full-width or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.constantFrom(...formats),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (minor, format, grouped, fullWidth, negative) => {
          const whole = Math.floor(minor / 100);
          const number = `${grouped ? withThousands(whole) : String(whole)}.${String(minor % 100).padStart(2, '0')}`;
          let text = format(number);
          if (negative) text = `-${text}`;
          if (fullWidth) text = toFullWidth(text);
          const parsed = parseAmount(text);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(parsed.minor).toBe(negative && minor !== 0 ? -minor : minor);
          expect(isCharging(parsed)).toBe(!negative && minor > 0);
        },
      ),
    );
  });

  it('never throws, and never calls a negative, zero or unreadable text "charging"', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const parsed = parseAmount(text);
        if (isCharging(parsed)) {
          // Whatever was read as charging must contain a digit and no minus sign or brackets.
          expect(parsed.ok && parsed.minor > 0).toBe(true);
          expect(/[\d０-９]/.test(text)).toBe(true);
          expect(/[-−－(（]/.test(text.normalize('NFKC'))).toBe(false);
        }
      }),
    );
  });

  it('never reads a number with a misplaced separator', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
        // "12,3" or "12,34": a comma not followed by exactly three digits is not a thousands separator.
        expect(parseAmount(`USD ${a},${b}`).ok).toBe(false);
      }),
    );
  });
});
