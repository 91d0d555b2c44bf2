import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSOLE_HOST_PATTERNS } from '../../../engine/hosts';
import { hostMatches } from '../../../engine/url';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';

const manifestHosts = CONSOLE_HOST_PATTERNS.map((pattern) => {
  const match = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
  if (!match) throw new Error(`unexpected host pattern ${pattern}`);
  return match[1]!;
});
const { providers } = validateRuleFiles(readRuleFiles());

describe('host access', () => {
  it('is https only and never broad', () => {
    for (const pattern of CONSOLE_HOST_PATTERNS) {
      expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\/\*$/);
      expect(pattern).not.toContain('<all_urls>');
    }
  });
  it('covers every host a provider rule names, and every page URL pattern host', () => {
    for (const { file, provider } of providers) {
      const hosts = [...provider.hosts, ...provider.pages.flatMap((page) => page.urls.flatMap((url) => url.hosts))];
      for (const host of hosts.filter((h) => h !== '*')) {
        const probe = host.replace(/^\*\./, '');
        expect(
          manifestHosts.some((pattern) => hostMatches(pattern, probe)),
          `${file}: ${host} is not covered by the manifest host permissions`,
        ).toBe(true);
      }
    }
  });
});

describe('extension UI strings', () => {
  const read = (locale: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, '../../../public/_locales', locale, 'messages.json'), 'utf8'));
  it('exist in en and zh_CN with the same keys and placeholders', () => {
    const en = read('en');
    const zh = read('zh_CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      const placeholders = (text: string) => (text.match(/\$\d/g) ?? []).sort();
      expect(placeholders(zh[key].message), key).toEqual(placeholders(en[key].message));
    }
  });
});
