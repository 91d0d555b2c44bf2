/**
 * Node-side access to the built-in rule files: read them from disk and validate them all, so the
 * build, the tests and the schema writer agree on what "valid rules" means.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Guide, Provider } from '../rules/schema';
import { crossCheck, formatProblem, parseGuide, parseProvider, type RuleProblem } from '../rules/validate';

export const REPO_DIR = join(import.meta.dirname, '..');
export const RULES_DIR = join(REPO_DIR, 'rules');

export interface RuleFile {
  /** Path relative to the repository: error messages name files this way. */
  file: string;
  kind: 'provider' | 'guide';
  text: string;
}

/** rules/<provider>/provider.json and rules/<provider>/guides/*.json */
export function readRuleFiles(rulesDir = RULES_DIR): RuleFile[] {
  const files: RuleFile[] = [];
  const add = (path: string, kind: RuleFile['kind']) =>
    files.push({ file: relative(REPO_DIR, path), kind, text: readFileSync(path, 'utf8') });
  for (const entry of readdirSync(rulesDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name === 'schema') continue;
    const dir = join(rulesDir, entry.name);
    add(join(dir, 'provider.json'), 'provider');
    const guidesDir = join(dir, 'guides');
    for (const name of readdirSync(guidesDir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      add(join(guidesDir, name), 'guide');
    }
  }
  return files;
}

export interface ValidatedRules {
  providers: { file: string; provider: Provider }[];
  guides: { file: string; guide: Guide }[];
  problems: RuleProblem[];
}

export function validateRuleFiles(files: readonly RuleFile[]): ValidatedRules {
  const result: ValidatedRules = { providers: [], guides: [], problems: [] };
  for (const { file, kind, text } of files) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      result.problems.push({ file, path: '', message: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    if (kind === 'provider') {
      const parsed = parseProvider(file, data);
      if (parsed.ok) result.providers.push({ file, provider: parsed.value });
      else result.problems.push(...parsed.problems);
    } else {
      const parsed = parseGuide(file, data);
      if (parsed.ok) result.guides.push({ file, guide: parsed.value });
      else result.problems.push(...parsed.problems);
    }
  }
  result.problems.push(...crossCheck(result.providers, result.guides));
  return result;
}

/** Throws one error listing every problem, so a bad rule file fails the build with file + path. */
export function assertValidRules(rulesDir = RULES_DIR): void {
  const { problems } = validateRuleFiles(readRuleFiles(rulesDir));
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  ${formatProblem(problem)}`).join('\n');
    throw new Error(
      `CloudExit rules are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines}`,
    );
  }
}
