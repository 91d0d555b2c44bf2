import type { Translate } from '../lib/i18n';

export interface GuideRow {
  id: string;
  title: string;
  steps: { id: string; title: string; done: boolean }[];
}

/** Guides with their steps; the first step not done is marked as the current one. */
export function GuideList({ rows, t }: { rows: GuideRow[]; t: Translate }) {
  return (
    <ul className="guides">
      {rows.map((row) => {
        const doneCount = row.steps.filter((step) => step.done).length;
        const current = row.steps.find((step) => !step.done)?.id;
        return (
          <li key={row.id} data-guide-id={row.id}>
            <h3>{row.title}</h3>
            <p className="progress">{t('popupStepProgress', doneCount, row.steps.length)}</p>
            <ol>
              {row.steps.map((step) => (
                <li
                  key={step.id}
                  data-step-id={step.id}
                  aria-current={step.id === current ? 'step' : undefined}
                  className={step.done ? 'done' : undefined}
                >
                  {step.title}
                </li>
              ))}
            </ol>
          </li>
        );
      })}
    </ul>
  );
}
