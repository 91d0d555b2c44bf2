import { useId } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';

export type Phase = 'before' | 'during' | 'after';

export interface ChecklistEntry {
  id: string;
  phase: Phase;
  title: string;
  detail?: string;
  /** From the general checklist rather than this guide. */
  general?: boolean;
  checked: boolean;
  /** CloudExit ticks this one itself (the Region sweep); the box shows the state, the user cannot change it. */
  locked?: boolean;
}

const PHASES: { phase: Phase; label: MessageKey }[] = [
  { phase: 'before', label: 'phaseBefore' },
  { phase: 'during', label: 'phaseDuring' },
  { phase: 'after', label: 'phaseAfter' },
];

/** Before / during / after, as real checkboxes with their titles as accessible names. */
export function ChecklistView({
  entries,
  onToggle,
  t,
}: {
  entries: ChecklistEntry[];
  onToggle: (id: string, checked: boolean) => void;
  t: Translate;
}) {
  const headingId = useId();
  const done = entries.filter((entry) => entry.checked).length;
  return (
    <section className="checklist" aria-labelledby={headingId} data-cloudexit="checklist">
      <h2 id={headingId}>
        {t('popupChecklist')}{' '}
        <span className="count" data-cloudexit="checklist-progress">
          {t('popupChecklistProgress', done, entries.length)}
        </span>
      </h2>
      {PHASES.map(({ phase, label }) => {
        const items = entries.filter((entry) => entry.phase === phase);
        if (items.length === 0) return null;
        return (
          <fieldset key={phase} className="phase">
            <legend>{t(label)}</legend>
            {items.map((entry) => (
              <label key={entry.id} className={entry.checked ? 'item checked' : 'item'}>
                <input
                  type="checkbox"
                  checked={entry.checked}
                  disabled={entry.locked}
                  data-item-id={entry.id}
                  onChange={(event) => onToggle(entry.id, event.currentTarget.checked)}
                />
                <span>
                  {entry.title}
                  {entry.general && <span className="badge">{t('popupGeneralItem')}</span>}
                  {entry.detail && <span className="detail">{entry.detail}</span>}
                  {entry.locked && <span className="detail">{t('popupTickedBySweep')}</span>}
                </span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </section>
  );
}
