/**
 * Claims that popular cancellation guides make and the sources contradict (knowledge F): none of
 * them may appear in anything CloudExit shows — rule texts or UI strings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_DIR, readRuleFiles } from '../../../scripts/rule-files';

const FORBIDDEN: [string, RegExp][] = [
  ['30 days’ notice is required', /30[\s-]*days?['’]?\s*(of\s*)?notice|提前\s*30\s*天|30\s*天.{0,6}(通知|告知)/i],
  [
    'cancellation only at month end',
    /(only|just)\s+at\s+(the\s+)?(end of the month|month[\s-]end)|只能.{0,6}月底|仅.{0,4}月末/i,
  ],
  ['needs manual review to unsubscribe monitoring', /(monitor|云监控).{0,40}(manual review|人工审核)/i],
  // Saying that CloudWatch has nothing to unsubscribe is right; naming a way to unsubscribe is not.
  [
    'AWS CloudWatch has an unsubscribe button',
    /cloudwatch.{0,60}(modify service|修改服务)|cloudwatch.{0,40}(unsubscribe|退订)\s*(button|按钮)/i,
  ],
  [
    'a regulator filing is required before unsubscribing',
    /(CAC|网信办|cybersecurity law|网络安全法|监管.{0,4}备案|regulator.{0,20}fil)/i,
  ],
];

const shown = [
  ...readRuleFiles().map(({ file, text }) => ({ file, text })),
  ...['en', 'zh_CN'].map((locale) => {
    const file = join('public', '_locales', locale, 'messages.json');
    return { file, text: readFileSync(join(REPO_DIR, file), 'utf8') };
  }),
];

describe('contradicted claims never reach the user', () => {
  it.each(FORBIDDEN)('%s', (_claim, pattern) => {
    const hits = shown.flatMap(({ file, text }) =>
      pattern.test(text) ? [`${file}: ${text.match(pattern)?.[0]}`] : [],
    );
    expect(hits).toEqual([]);
  });
  it('the patterns do catch the claims (so the test can fail)', () => {
    const samples = [
      'Most providers require 30 days notice',
      '云监控只能在月底退订，需要人工审核',
      'Aliyun monitoring needs manual review',
      'AWS CloudWatch → modify service → unsubscribe',
      '根据网络安全法第41条，退订前须向网信办备案',
    ];
    for (const sample of samples)
      expect(
        FORBIDDEN.some(([, pattern]) => pattern.test(sample)),
        sample,
      ).toBe(true);
  });
});
