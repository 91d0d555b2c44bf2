/**
 * User rule packs: parsed, validated with the same zod schema as the built-in rules, and checked
 * against what is already there. A pack is accepted whole or rejected whole, with every problem
 * listed by JSON path in a plain sentence.
 */
import { isOnDomains } from '../engine/hosts';
import { BUILTIN_GUIDES } from '../rules/guides';
import { BUILTIN_PROVIDERS } from '../rules/providers';
import { type Guide, type Provider, RulePack } from '../rules/schema';
import { checkGuideReferences, formatPath, problemsFromZod, type RuleProblem } from '../rules/validate';
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
  const special = specialKeyPath(data);
  if (special !== null)
    return fail(
      'is a key JavaScript objects cannot hold as data; the rule it belongs to would silently vanish',
      special,
    );
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
    ...duplicatesInside(pack),
    ...openLinkProblems(pack, current.providers),
    ...collisions(pack, current.providers, current.guides),
    ...referenceProblems(pack, current.providers),
  ];
  return problems.length ? { ok: false, problems } : { ok: true, pack };
}

/**
 * The JSON path of the first "__proto__" key: JSON.parse keeps it as data, but validation drops
 * it without a word (a `query: {"__proto__": …}` constraint would just disappear), so it is refused.
 */
function specialKeyPath(data: unknown): string | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) return formatPath([...path, '__proto__']);
    for (const [key, child] of Object.entries(value))
      stack.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return null;
}

/** Two providers, pages or guides with one id inside the same pack: the second would shadow the first. */
function duplicatesInside(pack: RulePack): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const firstPath = new Map<string, string>();
  const check = (kind: string, id: string, path: string) => {
    const key = `${kind}:${id}`;
    const first = firstPath.get(key);
    if (first === undefined) firstPath.set(key, path);
    else
      problems.push({ file: SOURCE, path, message: `a second ${kind} "${id}" in this pack (the first is ${first})` });
  };
  for (const [i, provider] of pack.providers.entries()) {
    check('provider', provider.id, `providers[${i}].id`);
    for (const [j, page] of provider.pages.entries()) check('page', page.id, `providers[${i}].pages[${j}].id`);
  }
  for (const [i, guide] of pack.guides.entries()) check('guide', guide.id, `guides[${i}].id`);
  return problems;
}

/** A pack page's "open" link goes to its provider's own hosts, never to a look-alike elsewhere. */
function openLinkProblems(pack: RulePack, installed: readonly Provider[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const [i, provider] of pack.providers.entries()) {
    const known = installed.find((candidate) => candidate.id === provider.id) ?? provider;
    const domains = [...known.hosts, ...(known.officialDomains ?? [])];
    for (const [j, page] of provider.pages.entries())
      for (const [site, href] of Object.entries(page.open ?? {}))
        if (href && !isOnDomains(href, domains))
          problems.push({
            file: SOURCE,
            path: `providers[${i}].pages[${j}].open.${site}`,
            message: `opens ${new URL(href).hostname}, which is not one of the provider's hosts`,
          });
  }
  return problems;
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
