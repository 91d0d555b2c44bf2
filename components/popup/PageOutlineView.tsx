import { useState } from 'react';
import type { Translate } from '../../lib/i18n';

type OutlineState =
  | { status: 'closed' }
  | { status: 'loading' }
  | { status: 'shown'; json: string }
  | { status: 'failed' };

/**
 * "CloudExit doesn't help on this page?": the page outline, shown in full before anything leaves
 * the popup, then copied or saved only on the user's click. Knows nothing of providers or tabs.
 */
export function PageOutlineView({
  load,
  copy,
  save,
  t,
}: {
  load: () => Promise<string>;
  copy: (json: string) => Promise<void>;
  save: (json: string) => void;
  t: Translate;
}) {
  const [state, setState] = useState<OutlineState>({ status: 'closed' });
  const [copied, setCopied] = useState(false);
  const open = state.status !== 'closed';
  return (
    <section className="outline" data-cloudexit="outline-section">
      <button
        type="button"
        className="link"
        data-cloudexit-action="page-outline"
        aria-expanded={open}
        aria-controls="cloudexit-outline"
        onClick={() => {
          if (open) return setState({ status: 'closed' });
          setState({ status: 'loading' });
          setCopied(false);
          load().then(
            (json) => setState({ status: 'shown', json }),
            () => setState({ status: 'failed' }),
          );
        }}
      >
        {t('outlineOpen')}
      </button>
      {open && (
        <div id="cloudexit-outline">
          <p className="note">{t('outlineExplain')}</p>
          {state.status === 'loading' && <p>{t('outlineLoading')}</p>}
          {state.status === 'failed' && (
            <p role="alert" data-cloudexit="outline-failed">
              {t('outlineFailed')}
            </p>
          )}
          {state.status === 'shown' && (
            <>
              {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be read */}
              <section className="outline-json" aria-label={t('outlineLabel')} tabIndex={0}>
                <pre data-cloudexit="page-outline">{state.json}</pre>
              </section>
              <div className="actions">
                <button
                  type="button"
                  data-cloudexit-action="copy-outline"
                  onClick={() => void copy(state.json).then(() => setCopied(true))}
                >
                  {t('outlineCopy')}
                </button>
                <button type="button" data-cloudexit-action="save-outline" onClick={() => save(state.json)}>
                  {t('outlineSave')}
                </button>
              </div>
              <p role="status" data-cloudexit="outline-copied">
                {copied ? t('outlineCopied') : ''}
              </p>
              <p className="note">{t('outlineWhereToSend')}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}
