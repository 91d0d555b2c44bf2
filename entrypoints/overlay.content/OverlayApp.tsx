import { useState, useSyncExternalStore } from 'react';
import { HighlightRing } from '../../components/HighlightRing';
import { type CardSource, StepCard } from '../../components/StepCard';
import { useAnchoredCard } from '../../components/useAnchoredCard';
import { buildDiagnosticReport } from '../../engine/diagnostics';
import type { Lang, Translate } from '../../lib/i18n';
import type { PageSession } from '../../lib/page-session';

export interface OverlayEnvironment {
  lang: Lang;
  t: Translate;
  extensionVersion: string;
  browserName: string;
  copyText: (text: string) => Promise<void>;
}

/** Maps the session's rule objects onto the provider-agnostic card and ring. */
export function OverlayApp({ session, env }: { session: PageSession; env: OverlayEnvironment }) {
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [card, setCard] = useState<HTMLDivElement | null>(null);
  const active = snapshot.decision?.active;
  const anchorElement = snapshot.anchor.state === 'found' ? snapshot.anchor.element : null;
  const layout = useAnchoredCard(anchorElement, card);

  if (!active || snapshot.hiddenOnPage) return null;
  if (snapshot.anchor.state !== 'found' && snapshot.anchor.state !== 'fallback') return null;

  const { guide, step } = active;
  const sources: CardSource[] = step.sources.flatMap((id) => {
    const source = guide.sources.find((candidate) => candidate.id === id);
    return source ? [source] : [];
  });
  const fallback = snapshot.anchor.state === 'fallback';
  const tried = snapshot.anchor.state === 'fallback' ? snapshot.anchor.tried : [];

  return (
    <div className="cx-root">
      {layout.ring && !layout.anchorHidden && <HighlightRing rect={layout.ring} />}
      <StepCard
        cardRef={setCard}
        guideId={guide.id}
        stepId={step.id}
        kind={step.kind}
        title={step.title[env.lang]}
        body={step.body[env.lang]}
        index={active.index}
        count={active.count}
        sources={sources}
        anchorState={fallback ? 'fallback' : 'found'}
        pathInWords={step.pathInWords?.[env.lang]}
        lang={env.lang}
        t={env.t}
        position={fallback ? null : layout.card}
        onDone={() => void session.markDone(active)}
        onBack={active.index > 0 ? () => void session.back(active) : undefined}
        onHide={() => session.hideOnPage()}
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
          });
          await env.copyText(JSON.stringify(report, null, 2));
        }}
      />
    </div>
  );
}
