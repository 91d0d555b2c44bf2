/**
 * Everything CloudExit remembers, as typed, versioned `@wxt-dev/storage` items shared by the popup,
 * the options page, the overlay and the background. Every value is validated when read: a
 * corrupted item (wrong shape, wrong type, truncated JSON) falls back to its default for that item
 * only and says so (`recovered`), and nothing else is touched. The raw value stays in storage
 * until the user changes that item, so "export my data" still carries it.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import * as z from 'zod/mini';
import { DeadlineEvent, RulePack } from '../rules/schema';
import { type Lang, langFromTag } from './i18n';
import { regionSweep } from './region-sweep';

export interface ValidatedRead<T> {
  value: T;
  /** True when the stored value was unreadable and the default is shown instead. */
  recovered: boolean;
}

export interface ValidatedItem<T> {
  key: string;
  item: WxtStorageItem<T, Record<string, unknown>>;
  read(): Promise<ValidatedRead<T>>;
  write(value: T): Promise<void>;
  /** Validated changes only; a corrupted write elsewhere is ignored rather than passed on. */
  watch(callback: (value: T) => void): () => void;
}

function defineValidatedItem<T>(
  key: `local:${string}`,
  schema: z.ZodMiniType<T>,
  fallback: T,
  version = 1,
): ValidatedItem<T> {
  const item = storage.defineItem<T>(key, { fallback, version });
  return {
    key,
    item,
    async read() {
      let raw: unknown;
      try {
        raw = await item.getValue();
      } catch {
        return { value: fallback, recovered: true };
      }
      const parsed = schema.safeParse(raw);
      return parsed.success ? { value: parsed.data, recovered: false } : { value: fallback, recovered: true };
    },
    write: (value) => item.setValue(value),
    watch(callback) {
      return item.watch((value) => {
        const parsed = schema.safeParse(value ?? fallback);
        if (parsed.success) callback(parsed.data);
      });
    },
  };
}

const ids = () => z.array(z.string());

// Step progress per guide (the on-page card and the popup's step list).
export const ProgressSchema = z.record(
  z.string(),
  z.object({
    done: ids(),
    /** Steps passed over with "Skip": the card moves on, the checklist still shows them open. */
    skipped: z.optional(ids()),
    updatedAt: z.optional(z.number()),
  }),
);
export type Progress = z.infer<typeof ProgressSchema>;
export const progress = defineValidatedItem('local:progress', ProgressSchema, {});

// Ticked checklist items per guide.
export const ChecklistSchema = z.record(z.string(), z.object({ checked: ids(), updatedAt: z.optional(z.number()) }));
export type Checklist = z.infer<typeof ChecklistSchema>;
export const checklist = defineValidatedItem('local:checklist', ChecklistSchema, {});

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
export const preferences = defineValidatedItem<Preferences>('local:preferences', PreferencesSchema, {
  preferredGuides: {},
  guideForPage: {},
  hiddenPages: [],
  disabledGuides: [],
  disabledProviders: [],
});

// Language of CloudExit's own UI (guide texts on a page follow the console's language).
export const SettingsSchema = z.object({ language: z.enum(['auto', 'zh', 'en']) });
export type Settings = z.infer<typeof SettingsSchema>;
export const settings = defineValidatedItem<Settings>('local:settings', SettingsSchema, { language: 'auto' });

// Rule packs the user imported; validated on import and again on every read.
export const UserPackSchema = z.object({
  id: z.string(),
  importedAt: z.number(),
  pack: RulePack,
});
export type UserPack = z.infer<typeof UserPackSchema>;
export const userPacks = defineValidatedItem<UserPack[]>('local:userPacks', z.array(UserPackSchema), []);

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
export const cancellations = defineValidatedItem<Cancellation[]>(
  'local:cancellations',
  z.array(CancellationSchema),
  [],
);

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
export const reminders = defineValidatedItem<Reminder[]>('local:reminders', z.array(ReminderSchema), []);

export const FollowupSettingsSchema = z.object({ recheckDays: z.array(z.number()) });
export type FollowupSettings = z.infer<typeof FollowupSettingsSchema>;
export const followupSettings = defineValidatedItem<FollowupSettings>(
  'local:followupSettings',
  FollowupSettingsSchema,
  {
    recheckDays: [3, 7, 30],
  },
);

/** Dates the user entered (or the page showed) for deadline events, per guide, as epoch ms. */
export const KnownEventsSchema = z.record(z.string(), z.partialRecord(DeadlineEvent, z.number()));
export type KnownEventsByGuide = z.infer<typeof KnownEventsSchema>;
export const knownEvents = defineValidatedItem<KnownEventsByGuide>('local:knownEvents', KnownEventsSchema, {});

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

/** Which items could not be read and are showing their defaults. */
export async function recoveredItems(): Promise<ItemName[]> {
  const reads = await Promise.all(
    Object.entries(ALL_ITEMS).map(async ([name, item]) => [name, (await item.read()).recovered] as const),
  );
  return reads.filter(([, recovered]) => recovered).map(([name]) => name as ItemName);
}
