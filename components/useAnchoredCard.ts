import { arrow, autoUpdate, computePosition, flip, hide, offset, shift } from '@floating-ui/dom';
import { useEffect, useState } from 'react';
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
}

const EMPTY: AnchoredLayout = { card: null, arrow: null, ring: null, anchorHidden: false };
const FACING = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' } as const;

/**
 * Keeps the card beside the anchor and the ring over it. autoUpdate runs only while both exist
 * (floating-ui warns that leaving it running costs every frame) and follows inner-panel scrolling.
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
      const side = position.placement.split('-')[0] as keyof typeof FACING;
      const arrowData = position.middlewareData.arrow;
      setLayout({
        card: { x: position.x, y: position.y },
        arrow: arrowData ? { x: arrowData.x, y: arrowData.y, side: FACING[side] } : null,
        ring: { x: box.x, y: box.y, width: box.width, height: box.height },
        anchorHidden: Boolean(position.middlewareData.hide?.referenceHidden),
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
