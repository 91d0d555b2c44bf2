/**
 * The rules in force: the built-in packs plus the user's imported packs (validated again as they
 * are read). A user pack may add providers, add pages to a built-in provider (a provider entry
 * with the same id contributes only its pages), and add guides.
 */
import { routeWordsOf } from '../engine/diagnostics';
import { isOnDomains } from '../engine/hosts';
import { matchPagesByUrl, toUrl, urlMatches } from '../engine/url';
import { BUILTIN_GUIDES } from '../rules/guides';
import { BUILTIN_PROVIDERS } from '../rules/providers';
import type { Guide, Page, Provider } from '../rules/schema';
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

function pageLinksOn(open: Page['open'], domains: readonly string[]): Page['open'] {
  if (!open) return open;
  return Object.fromEntries(Object.entries(open).filter(([, href]) => href && isOnDomains(href, domains)));
}

export function mergeRules(
  builtinProviders: readonly Provider[],
  builtinGuides: readonly Guide[],
  packs: readonly UserPack[],
): RuleSet {
  const providers = builtinProviders.map((provider) => ({ ...provider, pages: [...provider.pages] }));
  const guides = [...builtinGuides];
  const userGuideIds = new Set<string>();
  // Packs stored before import checked everything are checked again here: what is already there
  // wins over a pack's copy of the same id, and an "open" link leaves only to the provider's hosts.
  const pageIds = new Set(providers.flatMap((provider) => provider.pages.map((page) => page.id)));
  const guideIds = new Set(guides.map((guide) => guide.id));
  for (const { pack } of packs) {
    for (const provider of pack.providers) {
      let target = providers.find((candidate) => candidate.id === provider.id);
      if (!target) {
        target = { ...provider, officialDomains: undefined, pages: [] };
        providers.push(target);
      }
      const domains = [...target.hosts, ...(target.officialDomains ?? [])];
      for (const page of provider.pages) {
        if (pageIds.has(page.id)) continue;
        pageIds.add(page.id);
        target.pages.push({ ...page, open: pageLinksOn(page.open, domains) });
      }
    }
    for (const guide of pack.guides) {
      if (guideIds.has(guide.id)) continue;
      guideIds.add(guide.id);
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

/** What the overlay on one tab needs: only the providers with a page on this address's host, and their guides. */
export interface PageRules {
  providers: Provider[];
  guides: Guide[];
  /** Which of these guides came from a user pack (the card marks them). An array: it crosses a message. */
  userGuideIds: string[];
  /** The built-in route words (never a pack's): what a diagnostic report may keep of a path. */
  routeWords: string[];
}

/**
 * The background hands the overlay only these, so a guide page carries O(rules of this console),
 * not every provider's rules, and the page runs no validation (the background did it). The whole
 * provider travels, not just the matched page, so SPA route changes to its other pages still work.
 */
export function rulesForAddress(rules: RuleSet, href: string): PageRules {
  const url = toUrl(href);
  if (!url) return { providers: [], guides: [], userGuideIds: [], routeWords: [...BUILTIN_ROUTE_WORDS] };
  const hostOnly = (pattern: Provider['pages'][number]['urls'][number]) => ({ hosts: pattern.hosts });
  // Self-hosted consoles (Zabbix) match any host ("*"): they travel everywhere, and their page
  // detector decides, as it does in the detector script.
  const providers = rules.providers.filter((provider) =>
    provider.pages.some((page) => page.urls.some((pattern) => urlMatches(hostOnly(pattern), url))),
  );
  const ids = new Set(providers.map((provider) => provider.id));
  const guides = rules.guides.filter((guide) => ids.has(guide.provider));
  return {
    providers,
    guides,
    userGuideIds: guides.filter((guide) => rules.userGuideIds.has(guide.id)).map((g) => g.id),
    routeWords: [...BUILTIN_ROUTE_WORDS],
  };
}
