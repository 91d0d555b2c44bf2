/**
 * Bill amounts as the consoles print them ("USD 1,234.56", "¥1,234.56", "1,234.56 元", "-$5.00",
 * "(USD 2.00)", "—", full-width "￥１，２３４．５６"), read into exact minor units (cents / 分).
 *
 * The rule that matters: anything that is not clearly a positive amount is never "still charging".
 * Text that cannot be read is skipped with a diagnostic saying why, so a console change shows up
 * as "couldn't read 3 lines", never as a false alarm or a crash.
 */

export type Currency = 'USD' | 'CNY';

export type ParsedAmount =
  | {
      ok: true;
      /** Minor units (cents, 分), an exact integer; negative for credits and refunds. */
      minor: number;
      currency: Currency | null;
      /** The text as the page showed it, trimmed. */
      text: string;
    }
  | {
      ok: false;
      /** Why it was skipped: `empty` (blank, "—", "-"), or the text could not be read as money. */
      reason: 'empty' | 'no-digits' | 'malformed' | 'too-large';
      text: string;
    };

/** A dash or nothing: the console's way of saying "no amount", not zero and not an error. */
const PLACEHOLDER = /^(?:[-‐‑‒–—―−~～]+|n\/?a|null|none|无|暂无|--)$/i;

const CURRENCY_WORDS: [RegExp, Currency][] = [
  [/US\$|USD|\$|美元/gi, 'USD'],
  [/CNY|RMB|CN¥|¥|元|人民币/gi, 'CNY'],
];

/** Amounts beyond this are not bill lines a person reads (and would lose integer precision). */
const MAX_MINOR = 1e15;

/** Full-width digits, ￥, ，and ．become their ASCII forms; odd spaces become plain ones. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ')
    .replace(/[\u2212\u2012-\u2015\ufe63\uff0d]/g, '-')
    .trim();
}

export function parseAmount(raw: string | null | undefined): ParsedAmount {
  const text = (raw ?? '').replace(/\s+/g, ' ').trim();
  let value = normalise(text);
  if (value === '' || PLACEHOLDER.test(value)) return { ok: false, reason: 'empty', text };

  // The currency may stand before or after the number, as a symbol, a code or a word.
  const currencies = new Set<Currency>();
  for (const [pattern, currency] of CURRENCY_WORDS) {
    value = value.replace(pattern, () => {
      currencies.add(currency);
      return ' ';
    });
  }
  if (currencies.size > 1) return { ok: false, reason: 'malformed', text };
  const currency = currencies.size === 1 ? [...currencies][0]! : null;

  // Spaces may separate a sign or bracket from the number ("- 5.00" once "USD" is gone), not digits.
  value = value
    .trim()
    .replace(/^([-+(])\s+/, '$1')
    .replace(/\s+([-)])$/, '$1')
    .replace(/^\(\s+/, '(')
    .replace(/\s+\)$/, ')');
  if (/\s/.test(value)) return { ok: false, reason: 'malformed', text };
  // Accounting negatives: "(2.00)"; a leading or trailing minus; "+" is just positive.
  let negative = false;
  if (/^\(.*\)$/.test(value)) {
    negative = true;
    value = value.slice(1, -1);
  }
  if (/^[-+]/.test(value)) {
    negative = negative !== value.startsWith('-');
    value = value.slice(1);
  } else if (/-$/.test(value)) {
    negative = !negative;
    value = value.slice(0, -1);
  }
  if (!/\d/.test(value)) return { ok: false, reason: 'no-digits', text };
  // Digits with optional thousands separators in groups of three, then up to a few decimals.
  // Anything else ("1.234,56", "12,34", "1 2", "1e5", two amounts) is not read at all.
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,8}))?$/.exec(value);
  if (!match) return { ok: false, reason: 'malformed', text };
  const whole = match[1]!.replaceAll(',', '');
  const fraction = (match[2] ?? '').padEnd(2, '0');
  // Sub-cent digits (unit prices such as 0.045) round half away from zero, so 0.004 stays 0.
  const cents = Number(fraction.slice(0, 2));
  const rest = fraction.slice(2);
  const roundUp = rest.length > 0 && Number(rest[0]) >= 5;
  const minorAbs = Number(whole) * 100 + cents + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(minorAbs) || minorAbs > MAX_MINOR) return { ok: false, reason: 'too-large', text };
  const minor = negative && minorAbs !== 0 ? -minorAbs : minorAbs;
  return { ok: true, minor, currency, text };
}

/** Only a readable amount above zero charges: zero, credits, refunds and unreadable text never do. */
export function isCharging(amount: ParsedAmount): boolean {
  return amount.ok && amount.minor > 0;
}
