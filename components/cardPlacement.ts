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
): { x: number; y: number } {
  const clamp = (value: number, size: number, room: number) =>
    Math.max(EDGE_PX, Math.min(value, room - size - EDGE_PX));
  return { x: clamp(position.x, card.width, viewport.width), y: clamp(position.y, card.height, viewport.height) };
}
