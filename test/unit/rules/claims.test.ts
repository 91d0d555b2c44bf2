/**
 * Claims that popular cancellation guides make and the sources contradict (knowledge F, H): none of
 * them may appear in anything CloudExit shows — rule texts, UI strings, or text written into the
 * code of components/, entrypoints/ and lib/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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
    /(\bCAC\b|网信办|cybersecurity law|网络安全法|监管.{0,4}备案|regulator.{0,20}fil)/i,
  ],
  // B30: the CVM recycle bin keeps the bound EIP and releases it when the instance leaves; only the
  // API's ReleaseAddress defaults to false. Stating the API default as what console termination does is wrong.
  [
    'terminating a Tencent CVM keeps its EIP and data disks by default',
    /(EIPs?|弹性公网\s*IP)[^.。;；]{0,40}(默认不随实例释放|not released with (the instance|it) by default)|(销毁|terminat\w*)[^.。;；(（]{0,30}(默认不释放|默认不会释放|does not release)[^.。;；]{0,20}(EIP|弹性公网)|terminat\w*[^.。;；]{0,30}keeps? the EIP by default/i,
  ],
];

/** Source files whose text can reach the user (UI code, glue, messages); tests and generated files are not shown. */
function codeFiles(dir: string): string[] {
  return readdirSync(join(REPO_DIR, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|css|html|json)$/.test(entry.name))
    .map((entry) => relative(REPO_DIR, join(entry.parentPath, entry.name)));
}

const CODE_DIRS = ['components', 'entrypoints', 'lib'];
const shown = [
  ...readRuleFiles().map(({ file, text }) => ({ file, text })),
  ...[
    ...['en', 'zh_CN'].map((locale) => join('public', '_locales', locale, 'messages.json')),
    ...CODE_DIRS.flatMap(codeFiles),
  ].map((file) => ({ file, text: readFileSync(join(REPO_DIR, file), 'utf8') })),
];

describe('contradicted claims never reach the user', () => {
  it.each(FORBIDDEN)('%s', (_claim, pattern) => {
    const hits = shown.flatMap(({ file, text }) =>
      pattern.test(text) ? [`${file}: ${text.match(pattern)?.[0]}`] : [],
    );
    expect(hits).toEqual([]);
  });
  it('scans the code of every directory that renders or sends text', () => {
    for (const dir of CODE_DIRS) {
      expect(
        shown.some(({ file }) => file.startsWith(`${dir}/`) && /\.tsx?$/.test(file)),
        dir,
      ).toBe(true);
    }
    expect(shown.map(({ file }) => file)).toContain(join('components', 'StepCard.tsx'));
  });
  it('the patterns do catch the claims (so the test can fail)', () => {
    const samples = [
      'Most providers require 30 days notice',
      '云监控只能在月底退订，需要人工审核',
      'Aliyun monitoring needs manual review',
      'AWS CloudWatch → modify service → unsubscribe',
      '根据网络安全法第41条，退订前须向网信办备案',
      'EIPs and data disks are not released with the instance by default',
      '弹性公网 IP 和数据盘默认不随实例释放',
      'Terminating a CVM does not release its EIP or subscription data disks by default',
      "Tencent's TerminateInstances keeps the EIP by default",
    ];
    for (const sample of samples)
      expect(
        FORBIDDEN.some(([, pattern]) => pattern.test(sample)),
        sample,
      ).toBe(true);
  });
  it('the new pattern leaves true statements alone', () => {
    const tencent = FORBIDDEN.find(([claim]) => claim.startsWith('terminating a Tencent CVM'))![1];
    for (const fine of [
      'EIPs are not released with the instance. Release pay-as-you-go EIPs',
      'Terminating through the API keeps the IP too (ReleaseAddress defaults to false)',
      'TerminateInstances API：ReleaseAddress、ReleasePrepaidDataDisks 默认为 false（只指 API 调用，不是控制台销毁）',
      '实例离开回收站时，绑定的弹性公网 IP 随之释放',
    ])
      expect(tencent.test(fine), fine).toBe(false);
  });
});
