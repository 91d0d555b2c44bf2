import type { Translate } from '../../lib/i18n';

export interface StepEntry {
  id: string;
  title: string;
  state: 'done' | 'skipped' | 'open';
  /** Shown on a console page (the card points at it there). */
  onPage: boolean;
}

/** The guide's steps in order; the first open one is the current step. */
export function StepList({ steps, t }: { steps: StepEntry[]; t: Translate }) {
  const current = steps.find((step) => step.state === 'open')?.id;
  const done = steps.filter((step) => step.state === 'done').length;
  return (
    <section className="steps" data-cloudexit="steps">
      <h2>
        {t('popupSteps')} <span className="count">{t('popupStepProgress', done, steps.length)}</span>
      </h2>
      <ol>
        {steps.map((step) => (
          <li
            key={step.id}
            data-step-id={step.id}
            data-step-state={step.state}
            aria-current={step.id === current ? 'step' : undefined}
            className={step.state}
          >
            {step.title}
            {step.state !== 'open' && (
              <span className="visually-hidden">
                {' '}
                ({t(step.state === 'done' ? 'popupStepDone' : 'popupStepSkipped')})
              </span>
            )}
            {step.id === current && <span className="visually-hidden"> ({t('popupStepCurrent')})</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
