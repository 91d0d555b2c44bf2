/**
 * User rule packs: parsed, validated with the same zod schema as the built-in rules, and checked
 * against what is already there. A pack is accepted whole or rejected whole, with every problem
 * listed by JSON path in a plain sentence.
 */
import { BUILTIN_GUIDES } from '../rules/guides';
import { BUILTIN_PROVIDERS } from '../rules/providers';
import { type Guide, type Provider, RulePack } from '../rules/schema';
import { checkGuideReferences, problemsFromZod, type RuleProblem } from '../rules/validate';
import { mergeRules } from './rules';
import type { UserPack } from './storage';

/** Larger than any honest pack; refusing early keeps a pasted blob from freezing the page. */
export const MAX_PACK_CHARACTERS = 2_000_000;

export type PackResult = { ok: true; pack: RulePack } | { ok: false; problems: RuleProblem[] };

const SOURCE = 'pack';

export function validatePackText(text: string, installed: readonly UserPack[] = []): PackResult {
  const fail = (message: string, path = ''): PackResult => ({ ok: false, problems: [{ file: SOURCE, path, message }] });
  if (text.length > MAX_PACK_CHARACTERS)
    return fail(`is too large (${text.length} characters; the limit is ${MAX_PACK_CHARACTERS})`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail(`is not valid JSON (${(error as Error).message})`);
  }
  let parsed: ReturnType<typeof RulePack.safeParse>;
  try {
    parsed = RulePack.safeParse(data);
  } catch {
    return fail('is nested too deeply to read'); // a stack overflow in the validator, not a crash
  }
  if (!parsed.success) return { ok: false, problems: problemsFromZod(SOURCE, parsed.error) };
  const pack = parsed.data;
  const current = mergeRules(BUILTIN_PROVIDERS, BUILTIN_GUIDES, installed);
  const problems = [
    ...collisions(pack, current.providers, current.guides),
    ...referenceProblems(pack, current.providers),
  ];
  return problems.length ? { ok: false, problems } : { ok: true, pack };
}

function collisions(pack: RulePack, providers: readonly Provider[], guides: readonly Guide[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const pageIds = new Set(providers.flatMap((provider) => provider.pages.map((page) => page.id)));
  const guideIds = new Set(guides.map((guide) => guide.id));
  pack.providers.forEach((provider, i) => {
    provider.pages.forEach((page, j) => {
      if (pageIds.has(page.id))
        problems.push({
          file: SOURCE,
          path: `providers[${i}].pages[${j}].id`,
          message: `a page "${page.id}" already exists`,
        });
    });
  });
  pack.guides.forEach((guide, i) => {
    if (guideIds.has(guide.id))
      problems.push({ file: SOURCE, path: `guides[${i}].id`, message: `a guide "${guide.id}" already exists` });
  });
  return problems;
}

/** The same reference checks as the built-in rules, with the pack's providers merged in. */
function referenceProblems(pack: RulePack, providers: readonly Provider[]): RuleProblem[] {
  const withPack = mergeRules(providers, [], [{ id: 'new', importedAt: 0, pack: { ...pack, guides: [] } }]).providers;
  const byId = new Map(withPack.map((provider) => [provider.id, provider]));
  return pack.guides.flatMap((guide, index) =>
    checkGuideReferences(SOURCE, guide, byId).map((problem) => ({
      ...problem,
      path: `guides[${index}]${problem.path ? `.${problem.path}` : ''}`,
    })),
  );
}
