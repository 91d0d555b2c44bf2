/**
 * What the popup shows, computed from the rules and the stored state: plain data for the
 * provider-agnostic components. Kept apart from the React glue so it is easy to test.
 */

import type { ChecklistEntry } from '../components/popup/ChecklistView';
import type { PickerGroup } from '../components/popup/GuidePicker';
import type { LinkEntry } from '../components/popup/LinkList';
import type { StepEntry } from '../components/popup/StepList';
import { weakestConfidence } from '../engine/confidence';
import type { ChecklistItem, Guide, Provider, SiteLinkKey } from '../rules/schema';
import type { Lang, MessageKey, Translate } from './i18n';
import type { RuleSet } from './rules';
import type { Checklist, Progress } from './storage';

/** The general before / during / after checklist that every guide's checklist includes. */
export const GENERAL_GUIDE_ID = 'general-checklist';
const GENERAL_PREFIX = 'general:';

export function pickerGroups(rules: RuleSet, lang: Lang): PickerGroup[] {
  return rules.providers
    .map((provider) => ({
      id: provider.id,
      name: provider.name[lang],
      guides: rules.guides
        .filter((guide) => guide.provider === provider.id)
        .map((guide) => ({
          id: guide.id,
          title: guide.title[lang],
          summary: guide.summary[lang],
          fromUserPack: rules.userGuideIds.has(guide.id),
          confidence: weakestConfidence(guide.sources),
        })),
    }))
    .filter((group) => group.guides.length > 0);
}

export function stepEntries(guide: Guide, progress: Progress, lang: Lang): StepEntry[] {
  const entry = progress[guide.id];
  const done = new Set(entry?.done ?? []);
  const skipped = new Set(entry?.skipped ?? []);
  return guide.steps.map((step) => ({
    id: step.id,
    title: step.title[lang],
    state: done.has(step.id) ? 'done' : skipped.has(step.id) ? 'skipped' : 'open',
    onPage: step.pages.length > 0,
  }));
}

/** States CloudExit knows itself, for checklist items it ticks (`tickedBy`); absent = the user ticks them. */
export type AutoTicks = Partial<Record<NonNullable<ChecklistItem['tickedBy']>, boolean>>;

export function checklistEntries(
  guide: Guide,
  general: Guide | undefined,
  checklist: Checklist,
  lang: Lang,
  auto: AutoTicks = {},
): ChecklistEntry[] {
  const entries = checklistEntriesByHand(guide, general, checklist, lang);
  const items = [...guide.checklist, ...(general && general.id !== guide.id ? general.checklist : [])];
  return entries.map((entry) => {
    const item = items.find(
      (candidate) => entry.id === candidate.id || entry.id === `${GENERAL_PREFIX}${candidate.id}`,
    );
    const known = item?.tickedBy ? auto[item.tickedBy] : undefined;
    return known === undefined ? entry : { ...entry, checked: known, locked: true };
  });
}

function checklistEntriesByHand(
  guide: Guide,
  general: Guide | undefined,
  checklist: Checklist,
  lang: Lang,
): ChecklistEntry[] {
  const checked = new Set(checklist[guide.id]?.checked ?? []);
  const own = guide.checklist.map((item) => ({
    id: item.id,
    phase: item.phase,
    title: item.title[lang],
    detail: item.detail?.[lang],
    checked: checked.has(item.id),
  }));
  if (!general || general.id === guide.id) return own;
  const shared = general.checklist.map((item) => ({
    id: `${GENERAL_PREFIX}${item.id}`,
    phase: item.phase,
    title: item.title[lang],
    detail: item.detail?.[lang],
    general: true,
    checked: checked.has(`${GENERAL_PREFIX}${item.id}`),
  }));
  return [...own, ...shared];
}

const SITE_LINK_TEXT: Record<SiteLinkKey, MessageKey> = {
  home: 'siteLinkHome',
  billing: 'siteLinkBilling',
  renewal: 'siteLinkRenewal',
  refund: 'siteLinkRefund',
  bills: 'siteLinkBills',
  orders: 'siteLinkOrders',
  account: 'siteLinkAccount',
};

/**
 * Documented addresses to open: the guide's on-page pages first, then the provider's key pages.
 * `site` narrows to the user's site (China or international) when the tab tells us which.
 */
export function openLinks(
  guide: Guide,
  provider: Provider,
  site: 'cn' | 'intl' | null,
  lang: Lang,
  t: Translate,
): LinkEntry[] {
  const sites = site ? [site] : (['cn', 'intl'] as const);
  const siteLabel = (key: 'cn' | 'intl') => (site ? '' : ` (${t(key === 'cn' ? 'popupSiteCn' : 'popupSiteIntl')})`);
  const links: LinkEntry[] = [];
  const pageIds = new Set(guide.steps.flatMap((step) => step.pages));
  for (const page of provider.pages.filter((p) => pageIds.has(p.id))) {
    for (const key of sites) {
      const url = page.open?.[key];
      if (url) links.push({ label: `${page.title[lang]}${siteLabel(key)}`, url });
    }
  }
  for (const key of sites) {
    for (const [linkKey, url] of Object.entries(provider.sites[key] ?? {}) as [SiteLinkKey, string][]) {
      links.push({ label: `${t(SITE_LINK_TEXT[linkKey])}${siteLabel(key)}`, url });
    }
  }
  const seen = new Set<string>();
  return links.filter((link) => !seen.has(link.url) && seen.add(link.url));
}

/** Warning steps of the provider's guides: the things that keep billing after "cancelling". */
export function stillBilling(provider: Provider, guides: readonly Guide[], lang: Lang): string[] {
  return guides
    .filter((guide) => guide.provider === provider.id)
    .flatMap((guide) => guide.steps.filter((step) => step.kind === 'warning').map((step) => step.title[lang]));
}

/** The site a console host belongs to, so "open" buttons go to the user's own site. */
export function siteOfHost(host: string): 'cn' | 'intl' {
  // AWS: the global console is the "international" site; the China Regions are console.amazonaws.cn.
  return /alibabacloud\.com$|tencentcloud\.com$|\.intl\.|usercenter2-intl|(^|\.)aws\.amazon\.com$/.test(host)
    ? 'intl'
    : 'cn';
}
