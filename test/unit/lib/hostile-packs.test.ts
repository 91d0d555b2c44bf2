import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_MATCHED_LENGTH, matchPagesByUrl } from '../../../engine/url';
import { validatePackText } from '../../../lib/packs';
import { mergeRules, userPagesMatching } from '../../../lib/rules';
import { BUILTIN_GUIDES } from '../../../rules/guides';
import { BUILTIN_PROVIDERS } from '../../../rules/providers';
import type { RulePack } from '../../../rules/schema';
import { type Path, setPath, validPack } from '../support/packs';

const problemsOf = (pack: unknown) => {
  const result = validatePackText(JSON.stringify(pack));
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
};
const PATH: Path = ['providers', 0, 'pages', 0, 'urls', 0, 'path'];

describe('pack URL patterns can only be ones that run in linear time', () => {
  it.each([
    ['a back-reference', '^/(a+)\\1$', /back-reference/],
    ['a lookahead', '^/rdsList(?=/)', /lookahead/],
    ['a lookbehind', '(?<=x)/rdsList', /lookbehind/],
    ['a loop over something that can match nothing', '^/(a*)*$', /can match nothing/],
    ['a huge repeat', '^/a{999}a{999}a{999}$', /too large/],
  ])('refuses %s at import, naming the path', (_name, pattern, reason) => {
    const problems = problemsOf(setPath(validPack(), PATH, pattern));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^providers\[0\]\.pages\[0\]\.urls\[0\]\.path: a pattern CloudExit cannot run/);
    expect(problems[0]).toMatch(reason);
  });

  it('refuses slow id patterns and query patterns too', () => {
    expect(problemsOf(setPath(validPack(), ['providers', 0, 'pages', 0, 'idPattern'], '(\\w+)\\1'))[0]).toMatch(
      /^providers\[0\]\.pages\[0\]\.idPattern: a pattern CloudExit cannot run/,
    );
    expect(
      problemsOf(setPath(validPack(), ['providers', 0, 'pages', 0, 'urls', 0, 'query'], { q: '(?!x)' }))[0],
    ).toMatch(/^providers\[0\]\.pages\[0\]\.urls\[0\]\.query\.q: /);
  });

  it('property: generated back-references and lookarounds anywhere in a pattern are refused', () => {
    const piece = fc.constantFrom('a', '/', '[a-z]+', '(x|y)', '\\d*', '.');
    const slow = fc.constantFrom('\\1', '\\2', '(?=a)', '(?!a)', '(?<=a)', '(?<!a)', '\\k<n>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), slow, fc.array(piece, { maxLength: 4 }), (before, bad, after) => {
        const pattern = `(?<n>a)${before.join('')}${bad}${after.join('')}`;
        const problems = problemsOf(setPath(validPack(), PATH, pattern));
        expect(problems.join('\n')).toMatch(/cannot run in linear time/);
      }),
      { numRuns: 100 },
    );
  });

  it("accepts the issue's exponential patterns only because they now run in linear time", () => {
    // `^(.|.|.|.|.)*!$` and `^/(a+)+$` froze the page and the worker in the browser's RegExp engine;
    // engine/pattern.test.ts counts the work they cost now. Matching through a pack gives the right answer.
    for (const [pattern, href, expected] of [
      ['^/(a+)+$', `https://rdsnext.console.aliyun.com/${'a'.repeat(34)}!`, false],
      ['^/(a+)+$', `https://rdsnext.console.aliyun.com/${'a'.repeat(34)}`, true],
      ['^(.|.|.|.|.)*!$', `https://rdsnext.console.aliyun.com/${'x'.repeat(40)}`, false],
    ] as const) {
      const result = validatePackText(JSON.stringify(setPath(validPack(), PATH, pattern)));
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      const rules = mergeRules([], [], [{ id: 'p', importedAt: 0, pack: result.pack }]);
      expect(userPagesMatching(rules, href).length > 0).toBe(expected);
    }
  });

  it('an address part longer than any console uses matches no pattern', () => {
    const pack = setPath(validPack(), PATH, '^/a*$') as unknown as RulePack;
    const providers = mergeRules([], [], [{ id: 'p', importedAt: 0, pack }]).providers;
    const host = 'https://rdsnext.console.aliyun.com/';
    expect(matchPagesByUrl(providers, `${host}${'a'.repeat(100)}`)).toHaveLength(1);
    expect(matchPagesByUrl(providers, `${host}${'a'.repeat(MAX_MATCHED_LENGTH)}`)).toHaveLength(0);
  });
});

describe('ids inside one pack are unique', () => {
  it('refuses two guides, two pages or two providers with one id, naming the second', () => {
    const pack = validPack();
    pack.guides.push(structuredClone(pack.guides[0]!));
    pack.providers[0]!.pages.push(structuredClone(pack.providers[0]!.pages[0]!));
    pack.providers.push(structuredClone(pack.providers[0]!));
    pack.providers[1]!.pages = [];
    expect(problemsOf(pack)).toEqual(
      expect.arrayContaining([
        'providers[0].pages[1].id: a second page "team-rds-list" in this pack (the first is providers[0].pages[0].id)',
        'providers[1].id: a second provider "aliyun" in this pack (the first is providers[0].id)',
        'guides[1].id: a second guide "team-rds-release" in this pack (the first is guides[0].id)',
      ]),
    );
  });

  it('property: any duplicated id among generated guides is refused', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('g-a', 'g-b', 'g-c', 'g-d'), { minLength: 2, maxLength: 5 }), (ids) => {
        const pack = validPack();
        const template = pack.guides[0]!;
        pack.guides = ids.map((id) => ({ ...structuredClone(template), id }));
        const duplicated = new Set(ids).size < ids.length;
        const problems = problemsOf(pack).filter((problem) => problem.includes('a second guide'));
        expect(problems.length).toBe(ids.length - new Set(ids).size);
        expect(validatePackText(JSON.stringify(pack)).ok).toBe(!duplicated);
      }),
      { numRuns: 60 },
    );
  });
});

describe('keys that JavaScript objects cannot hold as data', () => {
  it('refuses a "__proto__" query constraint instead of silently dropping it', () => {
    const text = JSON.stringify(validPack()).replace(
      '"path":"^/rdsList"',
      '"path":"^/rdsList","query":{"__proto__":"^x$"}',
    );
    const result = validatePackText(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.path).toBe('providers[0].pages[0].urls[0].query.__proto__');
  });
});

describe('what a pack says about itself is not taken on trust', () => {
  const SOURCE_URL: Path = ['guides', 0, 'sources', 0, 'url'];
  const withSource = (url: string) => {
    const pack = setPath(validPack(), SOURCE_URL, url);
    pack.guides[0]!.sources[0]!.confidence = 'high';
    const result = validatePackText(JSON.stringify(pack));
    if (!result.ok) throw new Error(result.problems.map((problem) => problem.message).join('; '));
    return mergeRules(BUILTIN_PROVIDERS, [], [{ id: 'p', importedAt: 0, pack: result.pack }]).guides[0]!.sources[0]!;
  };

  it.each([
    'https://help.aliyun.com.account-verify.example/login',
    'https://help.aliyun.com@evil.example/',
    'https://user:pass@help.aliyun.com/x',
    'https://aliyun.com.evil.example/',
    'https://evilaliyun.com/',
    'https://wiki.example.com/rds',
  ])('a source on %s counts as low confidence, whatever the pack claims', (url) => {
    expect(withSource(url).confidence).toBe('low');
  });

  it.each(['https://help.aliyun.com/document_detail/1.html', 'https://www.alibabacloud.com/help/en/x'])(
    "a source on the provider's own domain (%s) keeps its confidence",
    (url) => {
      expect(withSource(url).confidence).toBe('high');
    },
  );

  it("refuses a page whose 'open' link leaves the provider's hosts", () => {
    const pack = setPath(validPack(), ['providers', 0, 'pages', 0, 'open'], {
      cn: 'https://rdsnext.console.aliyun.com.account-verify.example/',
      intl: 'https://rdsnext.console.alibabacloud.com/',
    });
    expect(problemsOf(pack)).toEqual([
      "providers[0].pages[0].open.cn: opens rdsnext.console.aliyun.com.account-verify.example, which is not one of the provider's hosts",
    ]);
  });
});

describe('text a person reads, and selectors the page runs, are checked', () => {
  it.each([
    [
      'an invalid css in a text detector',
      ['providers', 0, 'pages', 0, 'detect'],
      { type: 'text', css: 'div[', includes: ['RDS'] },
      /detect\.css: not a valid CSS selector/,
    ],
    [
      'an invalid css in a text anchor',
      ['guides', 0, 'steps', 0, 'anchor', 'candidates', 0],
      { type: 'text', css: '>>>', text: ['x'], why: 'w' },
      /candidates\[0\]\.css: not a valid CSS selector/,
    ],
    [
      'a right-to-left override in a title',
      ['guides', 0, 'title', 'en'],
      'Release \u202Egnp.exe',
      /title\.en: contains a text-direction control/,
    ],
    ['an isolate in a pack name', ['name'], 'Team \u2067pack\u2069', /^name: contains a text-direction control/],
    ['a whitespace-only guide title', ['guides', 0, 'title', 'zh'], ' \u3000\t ', /title\.zh: must not be empty/],
    ['a whitespace-only provider name', ['providers', 0, 'name', 'en'], '   ', /name\.en: must not be empty/],
  ] as const)('refuses %s, naming the path', (_name, path, value, expected) => {
    const problems = problemsOf(setPath(validPack(), [...path], value));
    expect(problems.join('\n')).toMatch(expected);
  });

  it('property: any bidi control anywhere in a step body is refused', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.constantFrom(
          '\u202A',
          '\u202B',
          '\u202C',
          '\u202D',
          '\u202E',
          '\u2066',
          '\u2067',
          '\u2068',
          '\u2069',
          '\u200E',
          '\u200F',
          '\u061C',
        ),
        fc.string({ maxLength: 10 }),
        (before, control, after) => {
          const problems = problemsOf(
            setPath(validPack(), ['guides', 0, 'steps', 0, 'body', 'en'], `x${before}${control}${after}`),
          );
          expect(problems.join('\n')).toMatch(/steps\[0\]\.body\.en: contains a text-direction control/);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('packs stored before these checks existed are checked again when rules are merged', () => {
  it('a stored copy of a built-in guide or page id does not replace it, and a foreign open link is dropped', () => {
    const pack = validPack() as unknown as RulePack;
    pack.guides.push({ ...structuredClone(pack.guides[0]!), id: 'aliyun-renewal-off' });
    pack.providers[0]!.pages.push({ ...structuredClone(pack.providers[0]!.pages[0]!), id: 'aliyun-renewal' });
    pack.providers[0]!.pages[0]!.open = {
      cn: 'https://rdsnext.console.aliyun.com.account-verify.example/',
      intl: 'https://rdsnext.console.alibabacloud.com/',
    };
    const rules = mergeRules(BUILTIN_PROVIDERS, BUILTIN_GUIDES, [{ id: 'old', importedAt: 0, pack }]);
    expect(rules.guides.filter((guide) => guide.id === 'aliyun-renewal-off')).toHaveLength(1);
    expect(rules.userGuideIds.has('aliyun-renewal-off')).toBe(false);
    const aliyun = rules.providers.find((provider) => provider.id === 'aliyun')!;
    expect(aliyun.pages.filter((page) => page.id === 'aliyun-renewal')).toHaveLength(1);
    expect(aliyun.pages.find((page) => page.id === 'team-rds-list')?.open).toEqual({
      intl: 'https://rdsnext.console.alibabacloud.com/',
    });
  });
});
