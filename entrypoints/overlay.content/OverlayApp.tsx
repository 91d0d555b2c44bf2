import { useEffect, useState, useSyncExternalStore } from 'react';
import { GuidePill } from '../../components/GuidePill';
import { HighlightRing } from '../../components/HighlightRing';
import { type CardSource, StepCard } from '../../components/StepCard';
import { useAnchoredCard } from '../../components/useAnchoredCard';
import { useElementRects } from '../../components/useElementRects';
import { buildDiagnosticReport } from '../../engine/diagnostics';
import { idsOnPage } from '../../engine/followup';
import { stepWording } from '../../engine/rows';
import { billListing } from '../../lib/bill-model';
import { countdownLines, eventsForGuide } from '../../lib/followup-model';
import type { Lang, Translate } from '../../lib/i18n';
import type { PageSession } from '../../lib/page-session';
import type { Cancellation, KnownEventsByGuide } from '../../lib/storage';

export interface OverlayEnvironment {
  lang: Lang;
  t: Translate;
  extensionVersion: string;
  browserName: string;
  copyText: (text: string) => Promise<void>;
  /** Asks the background to record the cancellation; resolves to whether a screenshot was kept. */
  markCancelled: (input: { providerId: string; guideId: string; ids: string[] }) => Promise<{ hasScreenshot: boolean }>;
  /** Guides from imported rule packs: their card is marked as such. */
  userGuideIds: ReadonlySet<string>;
  /** Route words of this console's example addresses: what a diagnostic report may keep of a path. */
  routeWords: ReadonlySet<string>;
  /** Dates known for deadline events, per guide (kept current by the caller). */
  followup: { known: KnownEventsByGuide; marked: Cancellation[] };
}

/**
 * Our host lives in the top layer (a manual popover), above any z-index the console uses. The top
 * layer is ordered by insertion, so when the step's control sits in a modal dialog opened after us,
 * the host is promoted again to stay above it.
 */
function useTopLayer(host: HTMLElement, target: Element | null): void {
  useEffect(() => {
    // A page may remove or move our host at any moment; a popover call on a detached host throws.
    if (typeof host.showPopover !== 'function' || !host.isConnected) return;
    try {
      if (!host.hasAttribute('popover')) host.setAttribute('popover', 'manual');
      const open = host.matches(':popover-open');
      if (open && !target?.closest('dialog')) return;
      if (open) host.hidePopover();
      host.showPopover();
    } catch {
      // Still no top layer: the card shows in the page's own stacking, which is what it had before.
    }
  }, [host, target]);
  useEffect(
    () => () => {
      try {
        if (host.matches(':popover-open')) host.hidePopover();
      } catch {
        // already gone
      }
    },
    [host],
  );
}

const NO_ROWS: Element[] = [];

/** Maps the session's rule objects onto the provider-agnostic card and rings. */
export function OverlayApp({
  session,
  env,
  host,
}: {
  session: PageSession;
  env: OverlayEnvironment;
  host: HTMLElement;
}) {
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [card, setCard] = useState<HTMLDivElement | null>(null);
  const [arrowElement, setArrowElement] = useState<HTMLDivElement | null>(null);
  const active = snapshot.decision?.active;
  const target = snapshot.target.state === 'found' ? snapshot.target : null;
  const layout = useAnchoredCard(target?.element ?? null, card, arrowElement);
  const rowRects = useElementRects(target?.rows ?? NO_ROWS);
  useTopLayer(host, target?.element ?? null);

  if (snapshot.unconfirmed) {
    const page = snapshot.unconfirmed.pages[0]!.page;
    return (
      <div className="cx-root">
        <GuidePill
          pageTitle={page.title[env.lang]}
          reason={snapshot.unconfirmed.reason}
          lang={snapshot.unconfirmed.lang}
          t={env.t}
        />
      </div>
    );
  }
  if (!active || snapshot.hiddenOnPage) return null;
  if (snapshot.target.state !== 'found' && snapshot.target.state !== 'fallback') return null;

  const { guide, step } = active;
  const sources: CardSource[] = step.sources.flatMap((id) => {
    const source = guide.sources.find((candidate) => candidate.id === id);
    return source ? [source] : [];
  });
  const fallback = snapshot.target.state === 'fallback';
  const tried = snapshot.target.state === 'fallback' ? snapshot.target.tried : [];
  const menuLevel = target?.menuLevel ?? null;
  const wording = stepWording(step, env.lang, target?.rows.length ?? 0);
  // "Mark as cancelled" belongs at the end of the work on this page, not beside step 1.
  const pageId = snapshot.decision?.match.page.id ?? '';
  const isLastOnPageStep = guide.steps.findLastIndex((candidate) => candidate.pages.includes(pageId)) === active.index;

  return (
    <div className="cx-root">
      {layout.ring && !layout.anchorHidden && (
        <HighlightRing rect={layout.ring} menuLevel={menuLevel === null ? undefined : menuLevel + 1} />
      )}
      {rowRects.map((rect, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; order is stable per render
        <HighlightRing key={index} rect={rect} variant="row" />
      ))}
      <StepCard
        cardRef={setCard}
        arrowRef={setArrowElement}
        arrow={layout.arrow}
        guideId={guide.id}
        guideTitle={guide.title[env.lang]}
        otherGuides={(snapshot.decision?.guides ?? [])
          .filter((other) => other.id !== guide.id)
          .map((other) => ({ id: other.id, title: other.title[env.lang] }))}
        onChooseGuide={(guideId) => void session.chooseGuide(guideId)}
        fromUserPack={env.userGuideIds.has(guide.id)}
        stepId={step.id}
        kind={step.kind}
        title={wording.title}
        body={wording.body}
        index={active.index}
        count={active.count}
        sources={sources}
        anchorState={fallback ? 'fallback' : 'found'}
        anchorOutOfView={layout.anchorHidden}
        offscreen={layout.offscreen}
        onShowMe={
          target
            ? () => target.element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' })
            : undefined
        }
        menuLevel={menuLevel}
        pathInWords={step.pathInWords?.[env.lang]}
        lang={env.lang}
        t={env.t}
        position={fallback ? null : layout.card}
        onDone={() => void session.mark(active, 'done')}
        onSkip={() => void session.mark(active, 'skipped')}
        onBack={active.index > 0 ? () => void session.back(active) : undefined}
        onHide={() => void session.hideOnPage()}
        bill={
          target?.bill && snapshot.decision
            ? billListing({
                reading: target.bill,
                provider: snapshot.decision.match.provider,
                guides: session.guides,
                marked: env.followup.marked,
                lang: env.lang,
                t: env.t,
              })
            : undefined
        }
        countdowns={countdownLines(
          guide,
          eventsForGuide(guide.id, env.followup.known, env.followup.marked),
          new Date(),
          env.lang,
          env.t,
        )}
        onMarkCancelled={
          isLastOnPageStep
            ? async () => {
                const page = snapshot.decision?.match.page;
                const ids = idsOnPage(document, page?.idPattern);
                try {
                  const { hasScreenshot } = await env.markCancelled({
                    providerId: guide.provider,
                    guideId: guide.id,
                    ids,
                  });
                  return env.t(hasScreenshot ? 'cardMarkedWithScreenshot' : 'cardMarkedNoScreenshot');
                } catch (error) {
                  return env.t('cardMarkFailed', String(error));
                }
              }
            : undefined
        }
        onCopyDiagnostic={async () => {
          const report = buildDiagnosticReport({
            extensionVersion: env.extensionVersion,
            browser: env.browserName,
            href: snapshot.href,
            pageId: snapshot.decision?.match.page.id ?? '',
            guideId: guide.id,
            stepId: step.id,
            anchorTried: tried,
            now: new Date(),
            routeWords: env.routeWords,
          });
          await env.copyText(JSON.stringify(report, null, 2));
        }}
      />
    </div>
  );
}
