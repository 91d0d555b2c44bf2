// Types for firefox.mjs (kept next to it so TypeScript needs no allowJs).
import type { Browser, Page } from 'puppeteer-core';
import type { ConnectProxy } from './connect-proxy.mjs';

export declare const DEFAULT_FIREFOX_PATH: string;
/** The moz-extension:// UUID the add-on gets unless another is passed (pref extensions.webextensions.uuids). */
export declare const FIXED_EXTENSION_UUID: string;
/** Prefs that turn off Firefox's own background traffic (telemetry, updates, Safe Browsing, Remote Settings …). */
export declare const QUIET_FIREFOX_PREFS: Readonly<Record<string, string | number | boolean>>;

/** $FIREFOX_PATH, else /usr/bin/firefox-esr; throws with install instructions if neither exists. */
export declare function findFirefox(): string;

export interface FirefoxWithExtension {
  /** puppeteer Browser over WebDriver BiDi */
  browser: Browser;
  /** the installed add-on's id (browser_specific_settings.gecko.id) */
  addonId: string;
  /** host of the add-on's moz-extension:// URLs */
  extensionUuid: string;
  /** `moz-extension://<extensionUuid>` */
  extensionOrigin: string;
  /** `extensionUrl('popup.html')` → `moz-extension://<uuid>/popup.html` */
  extensionUrl(file: string): string;
  /** the local CONNECT proxy all browser traffic goes through; `proxy.requests` lists the hosts asked for */
  proxy: ConnectProxy;
  /** a fresh tab (1280×800) */
  newPage(): Promise<Page>;
  /** a fresh tab at `url`, after its load event (closed again if the navigation fails) */
  openPage(url: string, options?: { timeout?: number }): Promise<Page>;
  /**
   * A fresh tab at `moz-extension://<uuid>/<file>`, returned once the document has loaded and shows `text`
   * and/or `selector` (puppeteer's goto may never settle on moz-extension pages, so this polls).
   */
  openExtensionPage(file: string, options?: { text?: string; selector?: string; timeout?: number }): Promise<Page>;
  /**
   * Runs `fn(...args)` in an extension page (a tab at popup.html, opened on first use), where the WebExtension
   * `browser` global exists. `fn` is sent as source text: it must not close over variables.
   */
  evaluateInExtension<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  /** replaces everything in the add-on's storage.local (progress, preferences) */
  setStorage(values: Record<string, unknown>): Promise<void>;
  readStorage(): Promise<Record<string, unknown>>;
  /** id of the first tab whose URL matches the match pattern, e.g. for `popup.html?tabId=…` */
  tabIdOf(urlPattern: string): Promise<number | undefined>;
  /** close Firefox (removes its temporary profile) and the proxy */
  close(): Promise<void>;
}

export declare function launchFirefoxWithExtension(options: {
  extensionDir: string;
  /** replica server port: every https:// host is tunnelled to 127.0.0.1:port */
  port: number;
  headless?: boolean;
  /** default FIXED_EXTENSION_UUID */
  extensionUuid?: string;
  /** extra Firefox prefs, applied last */
  extraPrefs?: Record<string, string | number | boolean>;
  /** ms for launch, protocol calls and add-on install (default 30000) */
  timeout?: number;
}): Promise<FirefoxWithExtension>;
