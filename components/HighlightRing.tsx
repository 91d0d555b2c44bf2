import { RING_PADDING_PX } from './theme';

export interface RingRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A fixed ring over the real control; it never takes clicks, so the user clicks the console itself. */
export function HighlightRing({ rect, menuLevel }: { rect: RingRect; menuLevel?: number }) {
  return (
    <div
      className="cx-ring"
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
