/**
 * Colours and sizes for the overlay. Pixel units only: `rem` would follow the console's own
 * <html> font size, and CSS variables would be readable (and overridable) by the page.
 */
export const OVERLAY_Z_INDEX = 2147483647;
export const RING_PADDING_PX = 4;
