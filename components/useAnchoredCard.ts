import { arrow, autoUpdate, computePosition, flip, hide, offset, shift } from '@floating-ui/dom';
import { useEffect, useState } from 'react';
import { clampIntoViewport, type Direction, directionOutside } from './cardPlacement';
import type { RingRect } from './HighlightRing';

export interface ArrowLayout {
  x?: number;
  y?: number;
  /** The card edge the arrow sits on (the one facing the anchor). */
  side: 'top' | 'bottom' | 'left' | 'right';
}

export interface AnchoredLayout {
  card: { x: number; y: number } | null;
  arrow: ArrowLayout | null;
  ring: RingRect | null;
  /** The anchor is scrolled out of its clipping container or the viewport. */
  anchorHidden: boolean;
  /** Which way the anchor lies when it is wholly outside the viewport (the card stays in view). */
  offscreen: Direction | null;
}

const EMPTY: AnchoredLayout = { card: null, arrow: null, ring: null, anchorHidden: false, offscreen: null };
const FACING = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' } as const;

/**
 * Keeps the card beside the anchor and the ring over it, and the card always in the viewport (a
 * control below the fold leaves the card in view, saying where the control is). autoUpdate runs only
 * while both exist (floating-ui warns that leaving it running costs every frame) and follows
 * inner-panel and page scrolling, so the ring appears as soon as the user scrolls the control into view.
 */
export function useAnchoredCard(
  anchor: Element | null,
  card: HTMLElement | null,
  arrowElement: HTMLElement | null = null,
): AnchoredLayout {
  const [layout, setLayout] = useState<AnchoredLayout>(EMPTY);
  useEffect(() => {
    if (!anchor || !card) {
      setLayout(EMPTY);
      return;
    }
    let cancelled = false;
    const update = async () => {
      const position = await computePosition(anchor, card, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(12),
          flip({ padding: 8 }),
          shift({ padding: 8 }),
          ...(arrowElement ? [arrow({ element: arrowElement, padding: 10 })] : []),
          hide(),
        ],
      });
      if (cancelled) return;
      const box = anchor.getBoundingClientRect();
      const view = card.ownerDocument.defaultView ?? window;
      const viewport = { width: view.innerWidth, height: view.innerHeight };
      const offscreen = directionOutside(box, viewport);
      const anchorHidden = offscreen !== null || Boolean(position.middlewareData.hide?.referenceHidden);
      const cardBox = card.getBoundingClientRect();
      const placed = clampIntoViewport(position, cardBox, viewport, offscreen ? undefined : box);
      const side = position.placement.split('-')[0] as keyof typeof FACING;
      const arrowData = position.middlewareData.arrow;
      // A card moved away from its control, or beside a hidden control, has nothing to point at.
      const arrowPoints = !anchorHidden && placed.x === position.x && placed.y === position.y;
      setLayout({
        card: placed,
        arrow: arrowData && arrowPoints ? { x: arrowData.x, y: arrowData.y, side: FACING[side] } : null,
        ring: { x: box.x, y: box.y, width: box.width, height: box.height },
        anchorHidden,
        offscreen,
      });
    };
    const stop = autoUpdate(anchor, card, () => void update());
    return () => {
      cancelled = true;
      stop();
    };
  }, [anchor, card, arrowElement]);
  return layout;
}
