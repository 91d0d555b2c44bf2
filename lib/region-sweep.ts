/**
 * The Region sweep's memory: what each known resource list showed per Region, in one
 * `@wxt-dev/storage` item validated entry by entry. A corrupted entry is dropped (and reported as
 * recovered) while the others are kept, so one bad write never loses the whole sweep.
 */
import type { RegionSweepGroup } from '../components/popup/RegionSweep';
import type { PageDecision } from '../engine/decide';
import {
  countResources,
  partitionsFor,
  type RegionVisit,
  regionFromUrl,
  sweepComplete,
  sweepRows,
} from '../engine/regions';
import type { PageMatch } from '../engine/url';
import type { Provider, SiteId } from '../rules/schema';
import type { Lang } from './i18n';
import { REGION_SWEEP_MAX_ENTRIES as MAX_ENTRIES, regionSweep } from './storage';

export { regionSweep };

/** Keeps the latest look per provider + Region + list page; valid entries already stored stay. */
export async function recordRegionVisit(visit: RegionVisit): Promise<void> {
  const { value } = await regionSweep.read();
  const others = value.filter(
    (entry) =>
      !(entry.providerId === visit.providerId && entry.region === visit.region && entry.pageId === visit.pageId),
  );
  await regionSweep.write([...others, visit].slice(-MAX_ENTRIES));
}

/**
 * What a page visit shows for the sweep: the Region from the address and the rows on the page, or
 * null when this is not a resource list, the Region is unknown, or the list has not settled yet.
 */
export function visitOnPage(match: PageMatch, href: string, doc: Document, now: number): RegionVisit | null {
  const list = match.page.regionList;
  if (!list) return null;
  const region = regionFromUrl(list, match.provider.regions ?? [], href);
  if (!region) return null;
  const count = countResources(list, doc);
  if (count === null) return null;
  return { providerId: match.provider.id, region, pageId: match.page.id, count, seenAt: now };
}

/**
 * For the page session: records what a resource list shows, once per change (a list re-rendering
 * the same rows writes nothing; a new count, Region or page does).
 */
export function regionRecorder(
  record: (visit: RegionVisit) => Promise<void> = recordRegionVisit,
  now: () => number = Date.now,
): (decision: PageDecision, href: string, doc: Document) => void {
  let last = '';
  return (decision, href, doc) => {
    const visit = visitOnPage(decision.match, href, doc, now());
    if (!visit) return;
    const key = `${visit.providerId}|${visit.region}|${visit.pageId}|${visit.count}|${href}`;
    if (key === last) return;
    last = key;
    void record(visit).catch(() => {
      last = ''; // storage refused (extension reloading): try again on the next evaluation
    });
  };
}

/**
 * The popup's Region sweep for one provider: the partitions of the user's site (all of them when
 * the tab does not say), and whether "check every Region" is done. Null when the provider has no
 * Region data (device clouds, self-hosted consoles).
 */
export function sweepView(
  provider: Provider,
  visits: readonly RegionVisit[],
  site: SiteId | null,
  lang: Lang,
  timeZone?: string,
): { groups: RegionSweepGroup[]; complete: boolean } | null {
  const partitions = partitionsFor(provider.regions ?? [], site);
  if (partitions.length === 0) return null;
  const when = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const rowsByPartition = partitions.map((partition) => ({
    partition,
    rows: sweepRows(partition, provider.id, visits, site),
  }));
  return {
    complete: sweepComplete(rowsByPartition.flatMap(({ rows }) => rows)),
    groups: rowsByPartition.map(({ partition, rows }) => ({
      id: partition.id,
      name: partition.name[lang],
      regions: rows.map((row) => ({
        code: row.code,
        name: row.name[lang],
        state: row.state,
        ...(row.lastSeen !== undefined && { lastSeen: when.format(new Date(row.lastSeen)) }),
        ...(row.url && { url: row.url }),
      })),
    })),
  };
}
