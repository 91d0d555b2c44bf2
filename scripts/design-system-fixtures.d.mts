export const SOURCE_DIR: string;
/** Live pages (bundled JS and CSS inline) for real browsers: test/generated/design-system. */
export const OUTPUT_DIR: string;
export const RENDERED_DIR: string;
export function buildDesignSystemFixtures(options?: { only?: string; liveOnly?: boolean }): Promise<{
  pages: number;
  bundleSeconds: number;
  renderSeconds: number;
}>;
