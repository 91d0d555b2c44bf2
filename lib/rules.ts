/**
 * The rules in force: the built-in packs plus the user's imported packs (validated again as they
 * are read). A user pack may add providers, add pages to a built-in provider (a provider entry
 * with the same id contributes only its pages), and add guides.
 */
import { routeWordsOf } from '../engine/diagnostics';
import { isOnDomains } from '../engine/hosts';
import { matchPagesByUrl } from '../engine/url';
import { BUILTIN_GUIDES } from '../rules/guides';
import { BUILTIN_PROVIDERS } from '../rules/providers';
import type { Guide, Provider } from '../rules/schema';
import { type UserPack, userPacks } from './storage';

export interface RuleSet {
  providers: Provider[];
  guides: Guide[];
  /** Guide ids that came from a user pack, so the UI can mark them. */
  userGuideIds: Set<string>;
}

/**
 * A user guide's sources sound only as sure as their address allows: one outside the built-in
 * provider's official domains (a look-alike host, a wiki, another provider) counts as low confidence,
 * whatever the pack claims, so the card and the popup say so.
 */
export function withUnofficialSourcesLowered(guide: Guide, builtinProviders: readonly Provider[]): Guide {
  const domains = builtinProviders.find((provider) => provider.id === guide.provider)?.officialDomains ?? [];
  return {
    ...guide,
    sources: guide.sources.map((source) =>
      isOnDomains(source.url, domains) ? source : { ...source, confidence: 'low' as const },
    ),
  };
}

/** The only path words a report or a cancellation record keeps (see engine/diagnostics sanitizeUrl). */
export const BUILTIN_ROUTE_WORDS = routeWordsOf(BUILTIN_PROVIDERS);

export function mergeRules(
  builtinProviders: readonly Provider[],
  builtinGuides: readonly Guide[],
  packs: readonly UserPack[],
): RuleSet {
  const providers = builtinProviders.map((provider) => ({ ...provider, pages: [...provider.pages] }));
  const guides = [...builtinGuides];
  const userGuideIds = new Set<string>();
  for (const { pack } of packs) {
    for (const provider of pack.providers) {
      const existing = providers.find((candidate) => candidate.id === provider.id);
      if (existing) existing.pages.push(...provider.pages);
      else providers.push(provider);
    }
    for (const guide of pack.guides) {
      guides.push(withUnofficialSourcesLowered(guide, builtinProviders));
      userGuideIds.add(guide.id);
    }
  }
  return { providers, guides, userGuideIds };
}

export async function loadRules(): Promise<RuleSet & { packsRecovered: boolean }> {
  const { value, recovered } = await userPacks.read();
  return { ...mergeRules(BUILTIN_PROVIDERS, BUILTIN_GUIDES, value), packsRecovered: recovered };
}

/** Pages that came from user packs (not built in) whose URL patterns match `href`. */
export function userPagesMatching(rules: RuleSet, href: string): string[] {
  const builtIn = new Set(BUILTIN_PROVIDERS.flatMap((provider) => provider.pages.map((page) => page.id)));
  return matchPagesByUrl(rules.providers, href)
    .map((match) => match.page.id)
    .filter((id) => !builtIn.has(id));
}
