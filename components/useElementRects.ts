import { useEffect, useState } from 'react';
import type { RingRect } from './HighlightRing';

/**
 * Viewport boxes of several elements (rows that keep billing), kept current on scroll and resize
 * while they are shown. Rows outside the viewport are left out.
 */
export function useElementRects(elements: readonly Element[]): RingRect[] {
  const [rects, setRects] = useState<RingRect[]>([]);
  useEffect(() => {
    if (elements.length === 0) {
      setRects([]);
      return;
    }
    const view = elements[0]!.ownerDocument.defaultView ?? window;
    let frame = 0;
    const measure = () => {
      frame = 0;
      setRects(
        elements
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.bottom > 0 && box.top < view.innerHeight && box.width > 0)
          .map((box) => ({ x: box.x, y: box.y, width: box.width, height: box.height })),
      );
    };
    const schedule = () => {
      if (!frame) frame = view.requestAnimationFrame(measure);
    };
    measure();
    // Capture: inner panels scroll without bubbling a scroll event to window.
    view.addEventListener('scroll', schedule, { capture: true, passive: true });
    view.addEventListener('resize', schedule, { passive: true });
    return () => {
      view.removeEventListener('scroll', schedule, { capture: true });
      view.removeEventListener('resize', schedule);
      if (frame) view.cancelAnimationFrame(frame);
    };
  }, [elements]);
  return rects;
}
