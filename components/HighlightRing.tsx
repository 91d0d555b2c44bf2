import { RING_PADDING_PX } from './theme';

export interface RingRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A fixed ring over the real control; it never takes clicks, so the user clicks the console itself. */
export function HighlightRing({
  rect,
  menuLevel,
  variant = 'target',
}: {
  rect: RingRect;
  /** One-based menu level when the ring marks a menu to open, not the final control. */
  menuLevel?: number;
  variant?: 'target' | 'row';
}) {
  return (
    <div
      className={variant === 'row' ? 'cx-ring cx-ring-row' : 'cx-ring'}
      data-ring-kind={variant}
      data-cloudexit="ring"
      data-menu-level={menuLevel}
      aria-hidden="true"
      style={{
        left: rect.x - RING_PADDING_PX,
        top: rect.y - RING_PADDING_PX,
        width: rect.width + RING_PADDING_PX * 2,
        height: rect.height + RING_PADDING_PX * 2,
      }}
    />
  );
}
