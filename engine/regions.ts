/**
 * The Region sweep: which Regions of the provider's partition the user has looked at, and what the
 * resource lists showed there. Pure: the address and the page in, plain data out.
 */
import type { Region, RegionList, RegionPartition, SiteId } from '../rules/schema';
import { evaluateDetector } from './detect';
import { isRendered } from './locate';
import { toUrl } from './url';

/** What one resource list showed for one Region, as kept in storage. */
export interface RegionVisit {
  providerId: string;
  region: string;
  pageId: string;
  /** Rows the list showed (0 = the list said it is empty). */
  count: number;
  seenAt: number;
}

export type RegionState = 'unvisited' | 'has-resources' | 'empty';

function groupOne(source: string, value: string): string | null {
  try {
    return new RegExp(source).exec(value)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The Region the address names, as a code of one of the partitions (aliases such as `rid=1` resolved). */
export function regionFromUrl(
  list: RegionList,
  partitions: readonly RegionPartition[],
  href: string,
): Region['code'] | null {
  const url = toUrl(href);
  if (!url) return null;
  const regions = partitions.flatMap((partition) => partition.regions);
  for (const where of list.region) {
    const value =
      'query' in where
        ? url.searchParams.get(where.query)
        : 'path' in where
          ? groupOne(where.path, url.pathname)
          : 'hash' in where
            ? groupOne(where.hash, url.hash.replace(/^#/, ''))
            : groupOne(where.host, url.hostname);
    if (!value) continue;
    const wanted = value.trim().toLowerCase();
    const region = regions.find((candidate) => candidate.code === wanted || candidate.aliases?.includes(wanted));
    if (region) return region.code;
  }
  return null;
}

/**
 * Resources the list shows, or null while it cannot tell yet: rows count once rendered; zero only
 * when the list itself says it is empty (a table still loading must never read as "empty").
 */
export function countResources(list: RegionList, doc: Document): number | null {
  // Design systems draw the empty state as a row of the table (Cloudscape, TEA): it is no resource.
  if (evaluateDetector(list.empty, doc)) return 0;
  let rows: Element[];
  try {
    rows = Array.from(doc.querySelectorAll(list.row)).filter(isRendered);
  } catch {
    return null;
  }
  return rows.length > 0 ? rows.length : null;
}

export interface RegionRow {
  code: string;
  name: Region['name'];
  state: RegionState;
  /** The latest visit of any list in this Region. */
  lastSeen?: number;
  /** Pages whose lists were seen here, with what they showed. */
  lists: { pageId: string; count: number; seenAt: number }[];
  /** The list page to open, for the user's site. */
  url?: string;
}

/** The partitions of a provider that belong to a site (all of them when the site is unknown). */
export function partitionsFor(partitions: readonly RegionPartition[], site: SiteId | null): RegionPartition[] {
  return site ? partitions.filter((partition) => partition.listUrl[site]) : [...partitions];
}

/**
 * Every Region of the partition with its state: `has-resources` when the latest look at any list
 * there showed rows, `empty` when every list seen there was empty, `unvisited` otherwise.
 */
export function sweepRows(
  partition: RegionPartition,
  providerId: string,
  visits: readonly RegionVisit[],
  site: SiteId | null,
): RegionRow[] {
  const template = (site && partition.listUrl[site]) ?? Object.values(partition.listUrl)[0];
  return partition.regions.map((region) => {
    const here = visits.filter((visit) => visit.providerId === providerId && visit.region === region.code);
    const latestByPage = new Map<string, RegionVisit>();
    for (const visit of here) {
      const known = latestByPage.get(visit.pageId);
      if (!known || visit.seenAt > known.seenAt) latestByPage.set(visit.pageId, visit);
    }
    const lists = [...latestByPage.values()].map(({ pageId, count, seenAt }) => ({ pageId, count, seenAt }));
    const state: RegionState =
      lists.length === 0 ? 'unvisited' : lists.some((list) => list.count > 0) ? 'has-resources' : 'empty';
    const row: RegionRow = { code: region.code, name: region.name, state, lists };
    if (lists.length > 0) row.lastSeen = Math.max(...lists.map((list) => list.seenAt));
    if (template) row.url = template.replaceAll('{region}', region.code);
    return row;
  });
}

/** "Check every Region" is done only when no Region is unvisited or still has resources. */
export function sweepComplete(rows: readonly RegionRow[]): boolean {
  return rows.length > 0 && rows.every((row) => row.state === 'empty');
}
