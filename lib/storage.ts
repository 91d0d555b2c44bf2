/**
 * Everything CloudExit remembers, as typed, versioned `@wxt-dev/storage` items shared by the popup,
 * the options page, the overlay and the background. Every value is validated when read: a
 * corrupted item (wrong shape, wrong type, truncated JSON) falls back to its default for that item
 * only and says so (`recovered`), and nothing else is touched. Lists and maps are checked entry by
 * entry: one bad entry is left out (`dropped`) and the good ones are kept. The raw value stays in storage
 * until the user changes that item, so "export my data" still carries it.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import type { RegionVisit } from '../engine/regions';
import { DeadlineEvent, RulePack } from '../rules/schema';
import { type Lang, langFromTag } from './i18n';

export interface ValidatedRead<T> {
  value: T;
  /** True when the stored value was unreadable as a whole and the default is shown instead. */
  recovered: boolean;
  /**
   * List and map items are checked element by element: this many unreadable entries were left out
   * and the good ones kept, so the next write cannot wipe them along with the bad one.
   */
  dropped: number;
}

export interface ValidatedItem<T> {
  key: string;
  item: WxtStorageItem<T, Record<string, unknown>>;
  read(): Promise<ValidatedRead<T>>;
  write(value: T): Promise<void>;
  /** Validated changes only; a corrupted write elsewhere is ignored rather than passed on. */
  watch(callback: (value: T) => void): () => void;
}

/** How a stored value is checked: as one value, or entry by entry (a list, or a map from id to entry). */
type Checker<T> = (raw: unknown) => { value: T; dropped: number } | null;

function whole<T>(schema: z.ZodMiniType<T>): Checker<T> {
  return (raw) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? { value: parsed.data, dropped: 0 } : null;
  };
}

/**
 * More entries than any real use produces (a user would need years of daily cancellations): a
 * longer list is treated as corrupt rather than checked entry by entry, so opening the popup stays quick.
 */
export const MAX_STORED_ENTRIES = 5_000;

function listOf<E>(element: z.ZodMiniType<E>): Checker<E[]> {
  return (raw) => {
    if (!Array.isArray(raw) || raw.length > MAX_STORED_ENTRIES) return null;
    const value: E[] = [];
    for (const entry of raw) {
      const parsed = element.safeParse(entry);
      if (parsed.success) value.push(parsed.data);
    }
    return { value, dropped: raw.length - value.length };
  };
}

function mapOf<E>(entry: z.ZodMiniType<E>): Checker<Record<string, E>> {
  return (raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
    const keys = Object.keys(raw);
    if (keys.length > MAX_STORED_ENTRIES) return null;
    // A null prototype: a stored "__proto__" key stays an ordinary (dropped or kept) entry.
    const value: Record<string, E> = Object.create(null);
    for (const key of keys) {
      const parsed = entry.safeParse((raw as Record<string, unknown>)[key]);
      if (parsed.success) value[key] = parsed.data;
    }
    return { value: { ...value }, dropped: keys.length - Object.keys(value).length };
  };
}

/**
 * How many entries each item lost to entry-by-entry validation, kept until the user has seen the
 * notice: the next write (often in the background, e.g. a new cancellation record) removes the bad
 * entries from storage, and the options page must still be able to say so.
 */
const droppedEntries = storage.defineItem<Record<string, number>>('local:droppedEntries', { fallback: {} });

async function noteDropped(key: string, dropped: number): Promise<void> {
  const log = await droppedEntries.getValue();
  if (log[key] !== dropped) await droppedEntries.setValue({ ...log, [key]: dropped });
}

/** The user has read the notice: forget entries left out earlier (what is still unreadable stays listed). */
export async function dismissDroppedEntries(): Promise<void> {
  await droppedEntries.removeValue();
}

function defineValidatedItem<T>(key: `local:${string}`, check: Checker<T>, fallback: T, version = 1): ValidatedItem<T> {
  const item = storage.defineItem<T>(key, { fallback, version });
  return {
    key,
    item,
    async read() {
      let raw: unknown;
      try {
        raw = await item.getValue();
      } catch {
        return { value: fallback, recovered: true, dropped: 0 };
      }
      const checked = check(raw);
      if (checked && checked.dropped > 0) await noteDropped(key, checked.dropped).catch(() => undefined);
      return checked ? { ...checked, recovered: false } : { value: fallback, recovered: true, dropped: 0 };
    },
    write: (value) => item.setValue(value),
    watch(callback) {
      return item.watch((value) => {
        const checked = check(value ?? fallback);
        if (checked) callback(checked.value);
      });
    },
  };
}

const ids = () => z.array(z.string());

// Step progress per guide (the on-page card and the popup's step list).
export const GuideProgressSchema = z.object({
  done: ids(),
  /** Steps passed over with "Skip": the card moves on, the checklist still shows them open. */
  skipped: z.optional(ids()),
  updatedAt: z.optional(z.number()),
});
export const ProgressSchema = z.record(z.string(), GuideProgressSchema);
export type Progress = z.infer<typeof ProgressSchema>;
export const progress = defineValidatedItem<Progress>('local:progress', mapOf(GuideProgressSchema), {});

// Ticked checklist items per guide.
const GuideChecklistSchema = z.object({ checked: ids(), updatedAt: z.optional(z.number()) });
export const ChecklistSchema = z.record(z.string(), GuideChecklistSchema);
export type Checklist = z.infer<typeof ChecklistSchema>;
export const checklist = defineValidatedItem<Checklist>('local:checklist', mapOf(GuideChecklistSchema), {});

// Where hints show.
export const PreferencesSchema = z.object({
  /** The guide the user chose per provider, when several apply to one page. */
  preferredGuides: z.record(z.string(), z.string()),
  /** The guide the user chose on the card for one page (page id → guide id); wins on that page. */
  guideForPage: z._default(z.record(z.string(), z.string()), {}),
  /** Page ids where the user turned hints off ("hide on this page", or the popup toggle). */
  hiddenPages: ids(),
  disabledGuides: z._default(ids(), []),
  disabledProviders: z._default(ids(), []),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
export const preferences = defineValidatedItem<Preferences>('local:preferences', whole(PreferencesSchema), {
  preferredGuides: {},
  guideForPage: {},
  hiddenPages: [],
  disabledGuides: [],
  disabledProviders: [],
});

// Language of CloudExit's own UI (guide texts on a page follow the console's language).
export const SettingsSchema = z.object({ language: z.enum(['auto', 'zh', 'en']) });
export type Settings = z.infer<typeof SettingsSchema>;
export const settings = defineValidatedItem<Settings>('local:settings', whole(SettingsSchema), { language: 'auto' });

// Rule packs the user imported; validated on import and again on every read.
export const UserPackSchema = z.object({
  id: z.string(),
  importedAt: z.number(),
  pack: RulePack,
});
export type UserPack = z.infer<typeof UserPackSchema>;
export const userPacks = defineValidatedItem<UserPack[]>('local:userPacks', listOf(UserPackSchema), []);

// Follow-through: what the user marked as cancelled, the bill re-check reminders, known dates.
export const CancellationSchema = z.object({
  id: z.string(),
  providerId: z.string(),
  guideId: z.string(),
  at: z.number(),
  /** The page address with query values and ids removed. */
  url: z.string(),
  /** Order / instance ids the page showed (by the page rule's idPattern). */
  ids: z.array(z.string()),
  /** A screenshot is stored under this cancellation's id (IndexedDB, see lib/proofs.ts). */
  hasScreenshot: z.boolean(),
});
export type Cancellation = z.infer<typeof CancellationSchema>;
export const cancellations = defineValidatedItem<Cancellation[]>('local:cancellations', listOf(CancellationSchema), []);

export const ReminderSchema = z.object({
  id: z.string(),
  cancellationId: z.string(),
  providerId: z.string(),
  guideId: z.string(),
  /** Days after cancelling (3, 7, 30 by default). */
  days: z.number(),
  dueAt: z.number(),
  /** missed: fell due while the browser was away, and a later reminder of the same cancellation covers it. */
  state: z.enum(['scheduled', 'shown', 'dismissed', 'missed']),
  /** When the notification was shown, and whether that was well after dueAt. */
  shownAt: z.optional(z.number()),
  late: z.optional(z.boolean()),
});
export type Reminder = z.infer<typeof ReminderSchema>;
export const reminders = defineValidatedItem<Reminder[]>('local:reminders', listOf(ReminderSchema), []);

export const FollowupSettingsSchema = z.object({ recheckDays: z.array(z.number()) });
export type FollowupSettings = z.infer<typeof FollowupSettingsSchema>;
export const followupSettings = defineValidatedItem<FollowupSettings>(
  'local:followupSettings',
  whole(FollowupSettingsSchema),
  {
    recheckDays: [3, 7, 30],
  },
);

/** Dates the user entered (or the page showed) for deadline events, per guide, as epoch ms. */
const GuideEventsSchema = z.partialRecord(DeadlineEvent, z.number());
export const KnownEventsSchema = z.record(z.string(), GuideEventsSchema);
export type KnownEventsByGuide = z.infer<typeof KnownEventsSchema>;
export const knownEvents = defineValidatedItem<KnownEventsByGuide>('local:knownEvents', mapOf(GuideEventsSchema), {});

// The Region sweep: what each known resource list showed per Region (lib/region-sweep.ts).
export const RegionVisitSchema = z.object({
  providerId: z.string().check(z.minLength(1)),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z0-9]+)+$/)),
  pageId: z.string().check(z.minLength(1)),
  count: z.int().check(z.minimum(0)),
  seenAt: z.number().check(z.minimum(0)),
});
/** The latest look per provider + Region + list page; older entries beyond this are dropped on write. */
export const REGION_SWEEP_MAX_ENTRIES = 500;
export const regionSweep = defineValidatedItem<RegionVisit[]>('local:regionSweep', listOf(RegionVisitSchema), []);

/** Every item, for "export my data", "erase everything" and corruption notices. */
export const ALL_ITEMS = {
  progress,
  checklist,
  preferences,
  settings,
  userPacks,
  cancellations,
  reminders,
  followupSettings,
  knownEvents,
  regionSweep,
} as const;
export type ItemName = keyof typeof ALL_ITEMS;

/** CloudExit's own UI language: the user's choice, else the browser's. */
export async function uiLanguage(): Promise<Lang> {
  const { value } = await settings.read();
  return value.language === 'auto' ? (langFromTag(browser.i18n.getUILanguage()) ?? 'en') : value.language;
}

export async function readProgress(): Promise<ValidatedRead<Progress>> {
  return progress.read();
}

export async function readPreferences(): Promise<ValidatedRead<Preferences>> {
  return preferences.read();
}

export type StepMark = 'done' | 'skipped' | 'open';

/** Marks one step done, skipped or open again; read-modify-write of this guide's entry only. */
export async function markStep(guideId: string, stepId: string, mark: StepMark, now = Date.now()): Promise<Progress> {
  const { value } = await progress.read();
  const done = new Set(value[guideId]?.done ?? []);
  const skipped = new Set(value[guideId]?.skipped ?? []);
  done.delete(stepId);
  skipped.delete(stepId);
  if (mark === 'done') done.add(stepId);
  if (mark === 'skipped') skipped.add(stepId);
  const next: Progress = { ...value, [guideId]: { done: [...done], skipped: [...skipped], updatedAt: now } };
  await progress.write(next);
  return next;
}

export async function setChecklistItem(guideId: string, itemId: string, checked: boolean, now = Date.now()) {
  const { value } = await checklist.read();
  const set = new Set(value[guideId]?.checked ?? []);
  if (checked) set.add(itemId);
  else set.delete(itemId);
  const next: Checklist = { ...value, [guideId]: { checked: [...set], updatedAt: now } };
  await checklist.write(next);
  return next;
}

export async function setPageHidden(pageId: string, hidden: boolean): Promise<Preferences> {
  const { value } = await preferences.read();
  const pages = new Set(value.hiddenPages);
  if (hidden) pages.add(pageId);
  else pages.delete(pageId);
  const next = { ...value, hiddenPages: [...pages] };
  await preferences.write(next);
  return next;
}

export async function setGuideForPage(pageId: string, guideId: string): Promise<Preferences> {
  const { value } = await preferences.read();
  const next = { ...value, guideForPage: { ...value.guideForPage, [pageId]: guideId } };
  await preferences.write(next);
  return next;
}

export interface StorageProblem {
  name: ItemName;
  /** The whole item was unreadable and shows its default. */
  recovered: boolean;
  /** Unreadable entries left out of a list or map item (the rest kept). */
  dropped: number;
}

/** Items that could not be read in full: reset to their default, or with some entries left out. */
export async function storageProblems(): Promise<StorageProblem[]> {
  const earlier = await droppedEntries.getValue().catch(() => ({}) as Record<string, number>);
  const reads = await Promise.all(
    Object.entries(ALL_ITEMS).map(async ([name, item]) => {
      const { recovered, dropped } = await item.read();
      const before = typeof earlier[item.key] === 'number' ? earlier[item.key]! : 0;
      return { name: name as ItemName, recovered, dropped: Math.max(dropped, before) };
    }),
  );
  return reads.filter(({ recovered, dropped }) => recovered || dropped > 0);
}

/** Which items could not be read and are showing their defaults. */
export async function recoveredItems(): Promise<ItemName[]> {
  return (await storageProblems()).filter(({ recovered }) => recovered).map(({ name }) => name);
}
