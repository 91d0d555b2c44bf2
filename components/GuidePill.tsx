import { useState } from 'react';
import type { Translate } from '../lib/i18n';

export type GuidePillReason = 'unknown-language' | 'no-evidence';

/**
 * Shown where CloudExit has a guide for the address but the page never showed what it knows of
 * that page (a console language it has no labels for, or a redesign): never silence, never a
 * wrong card. Opening it says why and where the steps are (the popup).
 */
export function GuidePill(props: { pageTitle: string; reason: GuidePillReason; lang: string; t: Translate }) {
  const { t } = props;
  const [open, setOpen] = useState(false);
  return (
    <div
      className="cx-guide-pill"
      data-cloudexit="guide-pill"
      data-reason={props.reason}
      role="status"
      style={{ right: 16, bottom: 16 }}
    >
      <button type="button" className="cx-pill cx-pill-inline" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('pillGuideHere')}
      </button>
      {open && (
        <p className="cx-pill-detail" data-cloudexit="guide-pill-detail">
          {props.reason === 'unknown-language'
            ? t('pillUnknownLanguage', props.pageTitle, props.lang)
            : t('pillNoEvidence', props.pageTitle)}
        </p>
      )}
    </div>
  );
}
