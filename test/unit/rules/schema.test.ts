import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { Guide, Provider, RulePack } from '../../../rules/schema';
import { formatProblem, parseGuide } from '../../../rules/validate';
import { RULES_DIR, readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';

const validGuide = () => JSON.parse(readFileSync(join(RULES_DIR, 'aliyun/guides/aliyun-renewal-off.json'), 'utf8'));

describe('built-in rule files', () => {
  const files = readRuleFiles();
  it('are found (one provider file per folder, one guide per file)', () => {
    expect(files.filter((f) => f.kind === 'provider').length).toBeGreaterThan(0);
    expect(files.filter((f) => f.kind === 'guide').length).toBeGreaterThan(0);
  });
  it('all validate, with unique ids and resolvable references', () => {
    const { problems } = validateRuleFiles(files);
    expect(problems.map(formatProblem)).toEqual([]);
  });
  it('point their $schema at the generated JSON Schema', () => {
    for (const { file, kind, text } of files) {
      const expected = kind === 'provider' ? '../schema/provider.schema.json' : '../../schema/guide.schema.json';
      expect(JSON.parse(text).$schema, file).toBe(expected);
    }
  });
  it('the committed JSON Schemas are what `npm run rules:schema` writes now', () => {
    for (const [name, schema] of [
      ['provider', Provider],
      ['guide', Guide],
      ['rule-pack', RulePack],
    ] as const) {
      const committed = JSON.parse(readFileSync(join(RULES_DIR, 'schema', `${name}.schema.json`), 'utf8'));
      expect(committed, `${name}.schema.json is stale: run npm run rules:schema`).toEqual(
        z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }),
      );
    }
  });
});

describe('malformed rules fail with the file and the JSON path', () => {
  const file = 'rules/aliyun/guides/aliyun-renewal-off.json';
  // biome-ignore lint/suspicious/noExplicitAny: tests corrupt rule JSON on purpose, in any shape
  const problemsOf = (mutate: (guide: any) => void) => {
    const guide = validGuide();
    mutate(guide);
    const parsed = parseGuide(file, guide);
    return parsed.ok ? [] : parsed.problems.map(formatProblem);
  };

  it('a candidate text that is not a list', () => {
    expect(
      problemsOf((g) => {
        g.steps[2].anchor.candidates[1].text = 42;
      }),
    ).toEqual([`${file}: steps[2].anchor.candidates[1].text: expected array`]);
  });
  it('a label list holding a number', () => {
    expect(
      problemsOf((g) => {
        g.steps[0].anchor.candidates[0].name[1] = 7;
      }),
    ).toEqual([`${file}: steps[0].anchor.candidates[0].name[1]: expected string`]);
  });
  it('an unknown key (strict objects catch typos)', () => {
    expect(
      problemsOf((g) => {
        g.steps[0].titel = g.steps[0].title;
      }),
    ).toEqual([`${file}: steps[0]: unknown key "titel"`]);
  });
  it('an unknown candidate type', () => {
    const problems = problemsOf((g) => {
      g.steps[0].anchor.candidates[0].type = 'xpath';
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^rules\/aliyun\/guides\/aliyun-renewal-off\.json: steps\[0\]\.anchor\.candidates\[0\](\.type)?: /,
    );
  });
  it('an empty candidate list, a missing translation, a bad regex, a bad date', () => {
    expect(
      problemsOf((g) => {
        g.steps[1].anchor.candidates = [];
        delete g.title.en;
        g.verified = '26/11/2026';
      }),
    ).toEqual([
      `${file}: title.en: expected string`,
      `${file}: verified: expected a date like 2026-11-26`,
      `${file}: steps[1].anchor.candidates: needs at least 1 item`,
    ]);
  });
  it('a confidence outside high / medium / low', () => {
    expect(
      problemsOf((g) => {
        g.sources[0].confidence = 'certain';
      }),
    ).toEqual([`${file}: sources[0].confidence: expected one of "high", "medium", "low"`]);
  });
  it('references that point nowhere are caught by the cross-check', () => {
    const files = readRuleFiles().map((f) =>
      f.kind === 'guide'
        ? {
            ...f,
            text: JSON.stringify({
              ...JSON.parse(f.text),
              steps: [{ ...JSON.parse(f.text).steps[0], pages: ['nowhere'], sources: ['Z9'] }],
            }),
          }
        : f,
    );
    const messages = validateRuleFiles(files).problems.map(formatProblem);
    expect(messages).toContain(`${file}: steps[0].sources[0]: cites "Z9", which is not in the guide's sources`);
    expect(messages).toContain(`${file}: steps[0].pages[0]: unknown page "nowhere" for provider "aliyun"`);
  });
  it('a file that is not JSON', () => {
    const files = readRuleFiles().map((f) => (f.file === file ? { ...f, text: '{"id": "x",' } : f));
    const messages = validateRuleFiles(files).problems.map(formatProblem);
    expect(messages.some((m) => /^rules\/aliyun\/guides\/aliyun-renewal-off\.json: not valid JSON/.test(m))).toBe(true);
  });
});

describe('the build refuses bad rules', () => {
  it('assertValidRules throws one error naming each bad file and path', async () => {
    const { cpSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'cloudexit-rules-'));
    cpSync(RULES_DIR, dir, { recursive: true });
    const guide = validGuide();
    guide.steps[2].anchor.candidates[0].name = 'Manual';
    writeFileSync(join(dir, 'aliyun/guides/aliyun-renewal-off.json'), JSON.stringify(guide));
    const { assertValidRules } = await import('../../../scripts/rule-files');
    expect(() => assertValidRules(RULES_DIR)).not.toThrow();
    expect(() => assertValidRules(dir)).toThrow(/steps\[2\]\.anchor\.candidates\[0\]\.name: expected array/);
  });
});
