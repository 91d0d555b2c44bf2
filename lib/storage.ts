/**
 * Everything CloudExit remembers, as typed, versioned `@wxt-dev/storage` items shared by the popup,
 * the overlay and the background. Values are validated when read: a corrupted item falls back to
 * its default for that item only, and nothing else is touched.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import * as z from 'zod/mini';

const GuideProgressSchema = z.object({
  done: z.array(z.string()),
  /** Steps passed over with "Skip": the card moves on, the checklist still shows them open. */
  skipped: z.optional(z.array(z.string())),
  updatedAt: z.optional(z.number()),
});
export const ProgressSchema = z.record(z.string(), GuideProgressSchema);
export type Progress = z.infer<typeof ProgressSchema>;

export const progressItem = storage.defineItem<Progress>('local:progress', { fallback: {}, version: 1 });

export const PreferencesSchema = z.object({
  /** The guide the user chose per provider, when several apply to one page. */
  preferredGuides: z.record(z.string(), z.string()),
  /** Page ids where the user turned hints off ("hide on this page", or the popup toggle). */
  hiddenPages: z.array(z.string()),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const preferencesItem = storage.defineItem<Preferences>('local:preferences', {
  fallback: { preferredGuides: {}, hiddenPages: [] },
  version: 1,
});

export async function readPreferences(): Promise<ValidatedRead<Preferences>> {
  return readValidated(preferencesItem, PreferencesSchema);
}

export async function setPageHidden(pageId: string, hidden: boolean): Promise<Preferences> {
  const { value } = await readPreferences();
  const pages = new Set(value.hiddenPages);
  if (hidden) pages.add(pageId);
  else pages.delete(pageId);
  const next = { ...value, hiddenPages: [...pages] };
  await preferencesItem.setValue(next);
  return next;
}

export interface ValidatedRead<T> {
  value: T;
  /** True when the stored value was unreadable and the default is shown instead. */
  recovered: boolean;
}

export async function readValidated<T>(
  item: WxtStorageItem<T, Record<string, unknown>>,
  schema: z.ZodMiniType<T>,
): Promise<ValidatedRead<T>> {
  const raw: unknown = await item.getValue();
  const parsed = schema.safeParse(raw);
  return parsed.success ? { value: parsed.data, recovered: false } : { value: item.fallback, recovered: true };
}

export async function readProgress(): Promise<ValidatedRead<Progress>> {
  return readValidated(progressItem, ProgressSchema);
}

export type StepMark = 'done' | 'skipped' | 'open';

/** Marks one step done, skipped or open again; read-modify-write of this guide's entry only. */
export async function markStep(guideId: string, stepId: string, mark: StepMark, now = Date.now()): Promise<Progress> {
  const { value } = await readProgress();
  const done = new Set(value[guideId]?.done ?? []);
  const skipped = new Set(value[guideId]?.skipped ?? []);
  done.delete(stepId);
  skipped.delete(stepId);
  if (mark === 'done') done.add(stepId);
  if (mark === 'skipped') skipped.add(stepId);
  const next: Progress = { ...value, [guideId]: { done: [...done], skipped: [...skipped], updatedAt: now } };
  await progressItem.setValue(next);
  return next;
}
