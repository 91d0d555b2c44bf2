import type { Page, Provider, UrlPattern } from '../rules/schema';
import { testPattern } from './pattern';

/**
 * `*.example.com` covers example.com and every subdomain, as in manifest match patterns; a bare
 * "*" is any host (used for self-hosted consoles: the script only runs where the user enabled it).
 */
export function hostMatches(pattern: string, host: string): boolean {
  const hostname = host.toLowerCase();
  if (pattern === '*') return true;
  if (!pattern.startsWith('*.')) return hostname === pattern;
  const base = pattern.slice(2);
  return hostname === base || hostname.endsWith(`.${base}`);
}

/**
 * Longer than any console address; a longer path, hash or query value matches no pattern, so a
 * hostile address cannot make matching slow (patterns already run in linear time, engine/pattern.ts).
 */
export const MAX_MATCHED_LENGTH = 4_096;

const matches = (source: string, text: string) => text.length <= MAX_MATCHED_LENGTH && testPattern(source, text);

/** Hash patterns see the fragment without its leading "#", so rules read like the console's routes. */
export function urlMatches(pattern: UrlPattern, url: URL): boolean {
  if (!pattern.hosts.some((host) => hostMatches(host, url.hostname))) return false;
  if (pattern.path !== undefined && !matches(pattern.path, url.pathname)) return false;
  if (pattern.hash !== undefined && !matches(pattern.hash, url.hash.replace(/^#/, ''))) return false;
  for (const [key, source] of Object.entries(pattern.query ?? {})) {
    const value = url.searchParams.get(key);
    if (value === null || !matches(source, value)) return false;
  }
  return true;
}

export interface PageMatch {
  provider: Provider;
  page: Page;
}

export function toUrl(href: string | URL): URL | null {
  if (href instanceof URL) return href;
  try {
    return new URL(href);
  } catch {
    return null;
  }
}

/** Pages whose URL patterns match; the DOM detectors still have to confirm each one. */
export function matchPagesByUrl(providers: readonly Provider[], href: string | URL): PageMatch[] {
  const url = toUrl(href);
  if (!url) return [];
  const matches: PageMatch[] = [];
  for (const provider of providers) {
    // Self-hosted consoles live on whatever host the user enabled; their pages say so with "*".
    if (provider.kind !== 'self-hosted' && !provider.hosts.some((host) => hostMatches(host, url.hostname))) continue;
    for (const page of provider.pages) {
      if (page.urls.some((pattern) => urlMatches(pattern, url))) matches.push({ provider, page });
    }
  }
  return matches;
}
