// Types for routes.mjs (kept next to it so TypeScript needs no allowJs).
export declare const DEFAULT_ROUTES: Readonly<Record<string, string>>;
export interface DemoPage {
  /** screenshot file name: demo-screenshots/<name>.png */
  readonly name: string;
  readonly url: string;
  readonly title: string;
}
export declare const DEMO_PAGES: ReadonlyArray<DemoPage>;
