import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePackText } from '../../../lib/packs';
import { type Path, setPath, validPack } from '../support/packs';

describe('validatePackText', () => {
  it('accepts a valid pack', () => {
    const result = validatePackText(JSON.stringify(validPack()));
    expect(result.ok).toBe(true);
  });

  it('rejects ids that already exist, naming the path', () => {
    const pack = validPack();
    pack.guides[0]!.id = 'aliyun-renewal-off';
    pack.providers[0]!.pages[0]!.id = 'aliyun-renewal';
    const result = validatePackText(JSON.stringify(pack));
    expect(result.ok === false && result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'providers[0].pages[0].id: a page "aliyun-renewal" already exists',
      'guides[0].id: a guide "aliyun-renewal-off" already exists',
      // the step still names the page under its old id, which the pack no longer defines
      'guides[0].steps[0].pages[0]: unknown page "team-rds-list" for provider "aliyun"',
    ]);
  });

  it('checks references inside the pack, with the guide named in the path', () => {
    const pack = validPack();
    pack.guides[0]!.steps[0]!.pages = ['nowhere'];
    const result = validatePackText(JSON.stringify(pack));
    expect(result.ok === false && result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'guides[0].steps[0].pages[0]: unknown page "nowhere" for provider "aliyun"',
    ]);
  });

  const handcrafted: [string, string][] = [
    ['empty text', ''],
    ['not JSON', 'hello'],
    ['truncated JSON', JSON.stringify(validPack()).slice(0, 200)],
    ['an array', '[]'],
    ['null', 'null'],
    ['a number', '42'],
    ['wrong schema version', JSON.stringify({ ...validPack(), schemaVersion: 2 })],
    ['unknown top-level field', JSON.stringify({ ...validPack(), extra: true })],
    ['a huge string', JSON.stringify({ ...validPack(), name: 'x'.repeat(2_100_000) })],
    ['deep nesting', JSON.stringify(validPack()).replace('{"type":"title","includes":["RDS"]}', nested(5000))],
    [
      'javascript: source URL',
      JSON.stringify(setPath(validPack(), ['guides', 0, 'sources', 0, 'url'], 'javascript:alert(1)')),
    ],
    ['a bad regex', JSON.stringify(setPath(validPack(), ['providers', 0, 'pages', 0, 'urls', 0, 'path'], '(['))],
  ];
  it.each(handcrafted)('rejects %s with a message, without throwing', (_name, input) => {
    const result = validatePackText(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.length).toBeGreaterThan(0);
    for (const problem of result.problems) expect(problem.message).toMatch(/\w/);
  });

  it('rejects 60 generated corruptions of a valid pack, each with a clear message', () => {
    let rejected = 0;
    fc.assert(
      fc.property(corruption(), ({ path, value }) => {
        const pack = setPath(validPack(), path, value);
        const result = validatePackText(JSON.stringify(pack));
        if (!result.ok) {
          rejected++;
          for (const problem of result.problems) {
            expect(typeof problem.path).toBe('string');
            expect(problem.message.length).toBeGreaterThan(3);
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(rejected).toBeGreaterThanOrEqual(50);
  });
});

/** Replaces one value deep inside the pack with something of the wrong kind. */
function corruption() {
  const paths: Path[] = [
    ['name'],
    ['schemaVersion'],
    ['providers'],
    ['providers', 0, 'id'],
    ['providers', 0, 'kind'],
    ['providers', 0, 'pages', 0, 'urls'],
    ['providers', 0, 'pages', 0, 'urls', 0, 'hosts'],
    ['providers', 0, 'pages', 0, 'detect'],
    ['providers', 0, 'pages', 0, 'detect', 'type'],
    ['providers', 0, 'pages', 0, 'examples', 'urls'],
    ['guides', 0, 'title'],
    ['guides', 0, 'title', 'en'],
    ['guides', 0, 'verified'],
    ['guides', 0, 'sources', 0, 'confidence'],
    ['guides', 0, 'steps'],
    ['guides', 0, 'steps', 0, 'kind'],
    ['guides', 0, 'steps', 0, 'anchor', 'candidates'],
    ['guides', 0, 'steps', 0, 'anchor', 'candidates', 0, 'type'],
    ['guides', 0, 'steps', 0, 'anchor', 'candidates', 0, 'name'],
    ['guides', 0, 'steps', 0, 'sources'],
  ];
  const wrong = fc.oneof(
    fc.integer(),
    fc.constant(null),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constant('<img src=x onerror=alert(1)>'),
    fc.constant(-1),
  );
  return fc.record({ path: fc.constantFrom(...paths), value: wrong });
}

/** A detector wrapped in `depth` "not"s, as text: building it as an object would overflow the stack first. */
function nested(depth: number): string {
  return `${'{"type":"not","detector":'.repeat(depth)}{"type":"title","includes":["x"]}${'}'.repeat(depth)}`;
}

describe('the rules an overlay receives (PAGE_RULES)', () => {
  it("are only the providers with a page on the address's host, their guides, and the built-in route words", async () => {
    const { loadRules, rulesForAddress } = await import('../../../lib/rules');
    const rules = await loadRules();
    const forAliyun = rulesForAddress(rules, 'https://ecs.console.aliyun.com/#/server/region/cn-hangzhou');
    // Aliyun, plus the self-hosted consoles, which may live on any host the user enabled.
    expect(forAliyun.providers.map((provider) => provider.id)).toEqual(['aliyun', 'zabbix']);
    expect(forAliyun.providers.some((provider) => provider.id === 'tencent' || provider.id === 'aws')).toBe(false);
    expect(forAliyun.guides.filter((guide) => guide.provider === 'aliyun').length).toBe(
      rules.guides.filter((guide) => guide.provider === 'aliyun').length,
    );
    expect(forAliyun.routeWords).toContain('renew');
    expect(rulesForAddress(rules, 'https://monitor.example.com/zabbix.php').providers.map((p) => p.id)).toEqual([
      'zabbix',
    ]);
    expect(rulesForAddress(rules, 'not a url')).toMatchObject({ providers: [], guides: [] });
  });
});
