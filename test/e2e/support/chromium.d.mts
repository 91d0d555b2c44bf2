// Types for chromium.mjs (kept next to it so TypeScript needs no allowJs).
import type { BrowserContext, Worker } from 'playwright-core';

export declare const DEFAULT_CHROMIUM_PATH: string;

/** $CHROME_PATH, else /usr/bin/chromium; throws with install instructions if neither exists. */
export declare function findChromium(): string;

export interface ChromiumWithExtension {
  context: BrowserContext;
  /** 32-letter id (a–p) of the loaded extension */
  extensionId: string;
  /** the extension's background service worker */
  serviceWorker: Worker;
  /** profile directory in use (temporary unless one was passed) */
  userDataDir: string;
  /** Chromium's own log file (inside the profile) */
  logFile: string;
  /** contents of logFile ('' if unreadable) */
  readLog(): string;
  /** uncaught errors logged from this extension's scripts so far (a background that throws at top level still
   *  "starts": assert this is empty) */
  extensionErrors(): string[];
  /** close the browser; removes the profile if it was temporary */
  close(): Promise<void>;
}

export declare function launchChromiumWithExtension(options: {
  extensionDir: string;
  /** replica server port: every hostname is mapped to 127.0.0.1:port */
  port: number;
  headless?: boolean;
  userDataDir?: string;
  /** extra Chromium flags, appended */
  args?: string[];
  /** ms to wait for the extension's service worker (default 20000) */
  timeout?: number;
  /** default true: Playwright closes the browser on SIGINT/SIGTERM/SIGHUP (and exits 130 on SIGINT);
   *  pass false if the caller handles signals and needs its own cleanup to run first */
  handleSignals?: boolean;
}): Promise<ChromiumWithExtension>;
