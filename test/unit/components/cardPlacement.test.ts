import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampIntoViewport, directionOutside } from '../../../components/cardPlacement';

const viewport = { width: 1280, height: 800 };

describe('card placement', () => {
  it('says which way a control outside the viewport lies, and nothing for one partly inside', () => {
    expect(directionOutside({ x: 10, y: 1190, width: 80, height: 30 }, viewport)).toBe('down');
    expect(directionOutside({ x: 10, y: -40, width: 80, height: 30 }, viewport)).toBe('up');
    expect(directionOutside({ x: 1400, y: 100, width: 80, height: 30 }, viewport)).toBe('right');
    expect(directionOutside({ x: -90, y: 100, width: 80, height: 30 }, viewport)).toBe('left');
    expect(directionOutside({ x: 10, y: 790, width: 80, height: 30 }, viewport)).toBeNull();
  });

  it('always leaves at least half of the card inside the viewport, wherever floating-ui put it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: 100, max: 1500 }),
        fc.integer({ min: 50, max: 1500 }),
        (x, y, width, height) => {
          const placed = clampIntoViewport({ x, y }, { width, height }, viewport);
          const visibleWidth = Math.min(placed.x + width, viewport.width) - Math.max(placed.x, 0);
          const visibleHeight = Math.min(placed.y + height, viewport.height) - Math.max(placed.y, 0);
          expect(visibleWidth).toBeGreaterThanOrEqual(Math.min(width, viewport.width) / 2);
          expect(visibleHeight).toBeGreaterThanOrEqual(Math.min(height, viewport.height) / 2);
        },
      ),
    );
  });

  it('never pushes the card back over the control it points at', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1200 }),
        fc.integer({ min: 0, max: 780 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: 100, max: 600 }),
        (ax, ay, y, height) => {
          const anchor = { x: ax, y: ay, width: 60, height: 20 };
          // A real DOMRect, as the hook passes it: its sizes are getters, not own properties.
          const card = new DOMRect(0, 0, 340, height);
          const placed = clampIntoViewport({ x: ax, y }, card, viewport, anchor);
          const overlap =
            placed.x < anchor.x + anchor.width &&
            anchor.x < placed.x + card.width &&
            placed.y < anchor.y + anchor.height &&
            anchor.y < placed.y + card.height;
          // There is always room beside a 60 px control in a 1280 px viewport for a 340 px card.
          expect(overlap).toBe(false);
        },
      ),
    );
  });

  it('does not move a card that already fits', () => {
    expect(clampIntoViewport({ x: 100, y: 200 }, { width: 340, height: 260 }, viewport)).toEqual({ x: 100, y: 200 });
  });
});
