/**
 * Keeping the card where a person can see it: whatever floating-ui proposes, the card is clamped
 * into the viewport, and when the control itself is outside it the card says which way it is.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which way the control lies when no part of it is inside the viewport. */
export type Direction = 'up' | 'down' | 'left' | 'right';

const EDGE_PX = 8;

export function directionOutside(box: Rect, viewport: { width: number; height: number }): Direction | null {
  if (box.y + box.height <= 0) return 'up';
  if (box.y >= viewport.height) return 'down';
  if (box.x + box.width <= 0) return 'left';
  if (box.x >= viewport.width) return 'right';
  return null;
}

/**
 * The card's top-left corner, moved as little as possible so that the whole card is in view (or,
 * when it is taller or wider than the viewport, its top-left part: never less than half of it).
 */
export function clampIntoViewport(
  position: { x: number; y: number },
  card: { width: number; height: number },
  viewport: { width: number; height: number },
  /** The control: a card pushed back into view must not land on it (the user has to click it). */
  anchor?: Rect,
): { x: number; y: number } {
  const clamp = (value: number, size: number, room: number) =>
    Math.max(EDGE_PX, Math.min(value, room - size - EDGE_PX));
  const placed = {
    x: clamp(position.x, card.width, viewport.width),
    y: clamp(position.y, card.height, viewport.height),
  };
  // (A DOMRect's sizes are prototype getters, which a spread would drop: name them.)
  if (!anchor || !overlaps({ x: placed.x, y: placed.y, width: card.width, height: card.height }, anchor)) return placed;
  // Beside the control instead: right of it, else left of it, when there is room.
  const right = anchor.x + anchor.width + GAP_PX;
  if (right + card.width + EDGE_PX <= viewport.width) return { ...placed, x: right };
  const left = anchor.x - GAP_PX - card.width;
  if (left >= EDGE_PX) return { ...placed, x: left };
  return placed;
}

const GAP_PX = 12;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
