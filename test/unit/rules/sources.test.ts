/**
 * A source may say "high" only when it links an official provider document: the providers' help
 * and documentation sites, or the providers' own documentation repositories. A console address,
 * a forum thread or a third-party page is at most medium (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';

/** Hosts (and, for GitHub, owners) that publish the providers' own documentation. */
const OFFICIAL_DOCS: RegExp[] = [
  /^help\.aliyun\.com$/,
  /^(www\.)?alibabacloud\.com$/,
  /^cloud\.tencent\.com$/,
  /^(www\.|intl\.cloud\.)?tencentcloud\.com$/,
  /^intl\.cloud\.tencent\.com$/,
  /^docs\.aws\.amazon\.com$/,
  /^aws\.amazon\.com$/,
  /^repost\.aws$/,
  /^docs\.amazonaws\.cn$/,
  /^(www\.)?zabbix\.com$/,
  /^(m-)?support\.ezviz(life)?\.com$/,
];
const OFFICIAL_REPOS = ['tencentyun', 'awsdocs'];

function isOfficialDocument(url: string): boolean {
  const { host, pathname } = new URL(url);
  if (host === 'github.com') return OFFICIAL_REPOS.includes(pathname.split('/')[1] ?? '');
  return OFFICIAL_DOCS.some((pattern) => pattern.test(host));
}

const sources = validateRuleFiles(readRuleFiles()).guides.flatMap(({ guide }) =>
  guide.sources.map((source) => ({ name: `${guide.id}/${source.id}`, source })),
);

describe('high-confidence sources link official provider documents', () => {
  it.each(sources.filter(({ source }) => source.confidence === 'high'))('$name', ({ source }) => {
    expect(isOfficialDocument(source.url), source.url).toBe(true);
  });
  it('the check tells documents from consoles, forums and third-party pages (so it can fail)', () => {
    for (const url of [
      'https://help.aliyun.com/document_detail/95987.htm',
      'https://cloud.tencent.com/document/product/213/4931',
      'https://github.com/tencentyun/qcloud-documents/blob/master/x.md',
      'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html',
    ])
      expect(isOfficialDocument(url), url).toBe(true);
    for (const url of [
      'https://billing-cost.console.alibabacloud.com/finance/month-bill/account',
      'https://usercenter2.aliyun.com/refund/refund',
      'https://console.tencentcloud.com/account/renewal',
      'https://discussions.apple.com/thread/253510840',
      'https://kdun.com/ask/896880.html',
      'https://github.com/someone/aliyun-docs/blob/main/x.md',
    ])
      expect(isOfficialDocument(url), url).toBe(false);
  });
});
