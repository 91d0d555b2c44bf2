import { type CSSProperties, type Ref, useId, useState } from 'react';
import { type Confidence, weakestConfidence } from '../engine/confidence';
import type { Lang, MessageKey, Translate } from '../lib/i18n';
import type { Direction } from './cardPlacement';

export interface CardSource {
  id: string;
  title: string;
  url: string;
  verified: string;
  confidence: Confidence;
}

/** One bill line that still charges, with the guide that stops it (the card knows no providers). */
export interface CardBillLine {
  service: string;
  amount: string;
  guideId?: string;
  guideTitle?: string;
  cancelledNote?: string;
}

export interface StepCardProps {
  guideId: string;
  /** The guide's title, so the user sees which job this step belongs to. */
  guideTitle?: string;
  /** Other guides for this page; choosing one is remembered for the page. */
  otherGuides?: { id: string; title: string }[];
  onChooseGuide?: (guideId: string) => void;
  stepId: string;
  kind: 'action' | 'check' | 'warning';
  title: string;
  body: string;
  /** Zero-based. */
  index: number;
  count: number;
  sources: CardSource[];
  anchorState: 'found' | 'fallback';
  /** The control exists but is scrolled out of view (its ring is hidden). */
  anchorOutOfView?: boolean;
  /** Which way the control lies when it is outside the viewport. */
  offscreen?: Direction | null;
  /** Scrolls the control into view, on the user's click only (the one thing CloudExit does to a page). */
  onShowMe?: () => void;
  /** Zero-based menu level the ring marks, when the control is still behind a menu. */
  menuLevel?: number | null;
  pathInWords?: string;
  lang: Lang;
  t: Translate;
  /** Where floating-ui placed the card; null centres it (fallback, or before the first measure). */
  position: { x: number; y: number } | null;
  cardRef?: Ref<HTMLDivElement>;
  /** The small arrow pointing at the control, placed by floating-ui. */
  arrowRef?: Ref<HTMLDivElement>;
  arrow?: { x?: number; y?: number; side: 'top' | 'bottom' | 'left' | 'right' } | null;
  onDone: () => void;
  onBack?: () => void;
  onSkip?: () => void;
  onHide: () => void;
  onCopyDiagnostic?: () => Promise<void>;
  /** Deadline lines ("5-day refund window: 2 d 3 h left — until …"). */
  countdowns?: string[];
  /** Records the cancellation; resolves to the sentence to show afterwards. */
  onMarkCancelled?: () => Promise<string>;
  /** On a bill page: the lines that still charge, and a note (nothing charges, lines not read). */
  bill?: { lines: CardBillLine[]; note?: string };
  /** The guide came from a rule pack the user imported, not from CloudExit: the card says so. */
  fromUserPack?: boolean;
}

const CONFIDENCE_TEXT: Record<Confidence, MessageKey> = {
  high: 'confidenceHigh',
  medium: 'confidenceMedium',
  low: 'confidenceLow',
};
const KIND_TEXT: Record<StepCardProps['kind'], MessageKey> = {
  action: 'cardKindAction',
  check: 'cardKindCheck',
  warning: 'cardKindWarning',
};

const OFFSCREEN_TEXT: Record<Direction, MessageKey> = {
  up: 'cardOffscreenUp',
  down: 'cardOffscreenDown',
  left: 'cardOffscreenLeft',
  right: 'cardOffscreenRight',
};

/** The arrow is a square with two borders drawn; this turns its corner towards the control. */
const ARROW_ROTATION = { top: 45, right: 135, bottom: 225, left: 315 } as const;

export function StepCard(props: StepCardProps) {
  const { t } = props;
  const titleId = useId();
  const [minimised, setMinimised] = useState(false);
  const [copied, setCopied] = useState(false);
  const [marked, setMarked] = useState<string | null>(null);
  const [othersOpen, setOthersOpen] = useState(false);
  const confidence = weakestConfidence(props.sources);
  const placement: CSSProperties = props.position
    ? { left: props.position.x, top: props.position.y }
    : { left: '50%', top: '30%', transform: 'translate(-50%, 0)' };

  if (minimised) {
    return (
      <button
        type="button"
        className="cx-pill"
        data-cloudexit="pill"
        onClick={() => setMinimised(false)}
        style={{ right: 16, bottom: 16 }}
      >
        {t('cardRestore', props.index + 1, props.count)}
      </button>
    );
  }

  return (
    <div
      ref={props.cardRef}
      className={`cx-card cx-kind-${props.kind}`}
      data-cloudexit="card"
      data-guide-id={props.guideId}
      data-step-id={props.stepId}
      data-anchor-state={props.anchorState}
      data-cloudexit-origin={props.fromUserPack ? 'user-pack' : undefined}
      role="dialog"
      aria-labelledby={titleId}
      lang={props.lang === 'zh' ? 'zh-CN' : 'en'}
      style={placement}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setMinimised(true);
      }}
    >
      {props.position && (
        <div
          ref={props.arrowRef}
          className="cx-arrow"
          aria-hidden="true"
          style={
            props.arrow
              ? {
                  left: props.arrow.x,
                  top: props.arrow.y,
                  [props.arrow.side]: -7,
                  transform: `rotate(${ARROW_ROTATION[props.arrow.side]}deg)`,
                }
              : { visibility: 'hidden' }
          }
        />
      )}
      <div className="cx-header">
        <span className="cx-step">{t('cardStep', props.index + 1, props.count)}</span>
        <span className={`cx-kind cx-kind-badge-${props.kind}`}>{t(KIND_TEXT[props.kind])}</span>
        <button type="button" className="cx-icon" aria-label={t('cardMinimise')} onClick={() => setMinimised(true)}>
          –
        </button>
      </div>
      {props.guideTitle && (
        <div className="cx-guide" data-cloudexit="guide-switch">
          <span className="cx-guide-name">{t('cardGuide', props.guideTitle)}</span>
          {props.otherGuides && props.otherGuides.length > 0 && props.onChooseGuide && (
            <>
              {' '}
              <button
                type="button"
                className="cx-link"
                aria-expanded={othersOpen}
                data-cloudexit-action="other-guides"
                onClick={() => setOthersOpen(!othersOpen)}
              >
                {t('cardOtherGuides', props.otherGuides.length)}
              </button>
              {othersOpen && (
                <ul className="cx-guide-others">
                  {props.otherGuides.map((other) => (
                    <li key={other.id}>
                      <button
                        type="button"
                        className="cx-link"
                        data-cloudexit-action="choose-guide"
                        data-guide-id={other.id}
                        onClick={() => {
                          setOthersOpen(false);
                          props.onChooseGuide?.(other.id);
                        }}
                      >
                        {other.title}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
      <h2 id={titleId} className="cx-title">
        {props.title}
      </h2>
      <p className="cx-body">{props.body}</p>
      {props.fromUserPack && (
        <p className="cx-note" data-cloudexit="user-pack-note">
          {t('cardFromUserPack')}
        </p>
      )}
      {props.menuLevel !== undefined && props.menuLevel !== null && (
        <p className="cx-note" data-cloudexit="menu-level">
          {t('cardMenuLevel', props.menuLevel + 1)}
          {props.pathInWords ? ` ${props.pathInWords}` : ''}
        </p>
      )}
      {props.anchorOutOfView && (
        <p className="cx-note" data-cloudexit="out-of-view" data-direction={props.offscreen ?? undefined}>
          {t(props.offscreen ? OFFSCREEN_TEXT[props.offscreen] : 'cardOutOfView')}
          {props.onShowMe && (
            <>
              {' '}
              <button type="button" className="cx-link" data-cloudexit-action="show-me" onClick={props.onShowMe}>
                {t('cardShowMe')}
              </button>
            </>
          )}
        </p>
      )}
      {props.anchorState === 'fallback' && (
        <div className="cx-fallback" data-cloudexit="fallback">
          <p>{t('fallbackNotFound')}</p>
          <p className="cx-path" data-cloudexit="menu-path-text">
            {props.pathInWords ?? t('fallbackNoPath')}
          </p>
          {props.onCopyDiagnostic && (
            <button
              type="button"
              className="cx-secondary"
              data-cloudexit-action="copy-diagnostic"
              onClick={async () => {
                await props.onCopyDiagnostic?.();
                setCopied(true);
              }}
            >
              {copied ? t('copiedDiagnostic') : t('copyDiagnostic')}
            </button>
          )}
        </div>
      )}
      {confidence !== 'high' && (
        <p className={`cx-confidence cx-confidence-${confidence}`} data-cloudexit="confidence">
          {t(CONFIDENCE_TEXT[confidence])}
        </p>
      )}
      {props.bill && (
        <div className="cx-bill" data-cloudexit="bill">
          {props.bill.lines.length > 0 && (
            <>
              <p className="cx-bill-heading">{t('cardBillHeading', props.bill.lines.length)}</p>
              <ul className="cx-bill-lines" data-cloudexit="bill-lines">
                {props.bill.lines.map((line, index) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: a bill may list one service twice (two Regions)
                    key={index}
                    data-cloudexit="bill-line"
                    data-guide-id={line.guideId}
                    data-cancelled={line.cancelledNote ? 'true' : undefined}
                  >
                    <span className="cx-bill-service">{line.service}</span>{' '}
                    <span className="cx-bill-amount">{line.amount}</span>
                    {line.cancelledNote && <span className="cx-bill-cancelled">{line.cancelledNote}</span>}
                    <span className="cx-bill-guide">
                      {line.guideTitle ? t('cardBillStopWith', line.guideTitle) : t('cardBillNoGuide')}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {props.bill.note && (
            <p className="cx-note" data-cloudexit="bill-note">
              {props.bill.note}
            </p>
          )}
        </div>
      )}
      {props.countdowns && props.countdowns.length > 0 && (
        <ul className="cx-countdowns" data-cloudexit="countdowns">
          {props.countdowns.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <ul className="cx-sources" aria-label={t('cardSource')}>
        {props.sources.map((source) => (
          <li key={source.id}>
            {t('cardSource')} {source.id}:{' '}
            <a href={source.url} target="_blank" rel="noreferrer noopener">
              {source.title}
            </a>{' '}
            <span className="cx-verified">({t('cardVerified', source.verified)})</span>
          </li>
        ))}
      </ul>
      <div className="cx-actions">
        {props.onBack && (
          <button type="button" className="cx-secondary" data-cloudexit-action="back" onClick={props.onBack}>
            {t('cardBack')}
          </button>
        )}
        {props.onSkip && (
          <button type="button" className="cx-secondary" data-cloudexit-action="skip" onClick={props.onSkip}>
            {t('cardNext')}
          </button>
        )}
        <button type="button" className="cx-primary" data-cloudexit-action="step-done" onClick={props.onDone}>
          {t('cardDone')}
        </button>
      </div>
      {props.onMarkCancelled && (
        <div className="cx-mark">
          {marked ? (
            <p role="status" data-cloudexit="marked-cancelled">
              {marked}
            </p>
          ) : (
            <button
              type="button"
              className="cx-link"
              data-cloudexit-action="mark-cancelled"
              onClick={async () => setMarked(await props.onMarkCancelled!())}
            >
              {t('cardMarkCancelled')}
            </button>
          )}
        </div>
      )}
      <div className="cx-footer">
        <span>{t('cardPointsAt')}</span>
        <button type="button" className="cx-link" data-cloudexit-action="hide-on-page" onClick={props.onHide}>
          {t('cardClose')}
        </button>
      </div>
    </div>
  );
}
