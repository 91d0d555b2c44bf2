/**
 * Everything CloudExit remembers, as typed, versioned `@wxt-dev/storage` items shared by the popup,
 * the overlay and the background. Values are validated when read: a corrupted item falls back to
 * its default for that item only, and nothing else is touched.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import * as z from 'zod/mini';

const GuideProgressSchema = z.object({
  done: z.array(z.string()),
  updatedAt: z.optional(z.number()),
});
export const ProgressSchema = z.record(z.string(), GuideProgressSchema);
export type Progress = z.infer<typeof ProgressSchema>;

export const progressItem = storage.defineItem<Progress>('local:progress', { fallback: {}, version: 1 });

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

/** Marks or unmarks one step; read-modify-write of this guide's entry only. */
export async function setStepDone(guideId: string, stepId: string, done: boolean, now = Date.now()): Promise<Progress> {
  const { value } = await readProgress();
  const current = new Set(value[guideId]?.done ?? []);
  if (done) current.add(stepId);
  else current.delete(stepId);
  const next: Progress = { ...value, [guideId]: { done: [...current], updatedAt: now } };
  await progressItem.setValue(next);
  return next;
}
