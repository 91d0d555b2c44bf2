// Real Firefox with the BUILT extension (.output/firefox-mv3), driven by puppeteer-core over WebDriver BiDi.
// The add-on is installed as a temporary add-on (unsigned is fine), exactly like about:debugging's
// "Load Temporary Add-on…". Proven recipe: /work/shared/knowledge/toolchain.md ("Real Firefox …").
//
// Host mapping: Firefox has no --host-resolver-rules, so every https:// request goes through a local CONNECT
// proxy (connect-proxy.mjs) that tunnels it to the replica HTTPS server (replica-server.mjs). Pages therefore
// open at their REAL console URLs (same URL, SNI and Host header), and the manifest's match patterns apply as
// on the real site. Plain http goes to the same proxy and is answered 502: nothing leaves the machine.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startConnectProxy } from './connect-proxy.mjs';

/** Where Debian's `apt-get install -y firefox-esr` puts the browser. */
export const DEFAULT_FIREFOX_PATH = '/usr/bin/firefox-esr';

/** The moz-extension:// UUID the add-on always gets in these tests (pref extensions.webextensions.uuids). */
export const FIXED_EXTENSION_UUID = 'c10de417-e2e0-4a11-9f1f-c10de417e2e0';

const INSTALL_HINT =
  'Install one with `apt-get install -y firefox-esr` (Debian/Ubuntu), or set FIREFOX_PATH to a Firefox ≥ 140 ' +
  'binary (release, ESR, Developer Edition or Nightly).';

/**
 * Path of the Firefox executable: $FIREFOX_PATH if set, else /usr/bin/firefox-esr.
 * Throws (never returns a missing path) with install instructions when there is none.
 * @returns {string}
 */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
  }
  if (existsSync(DEFAULT_FIREFOX_PATH)) return DEFAULT_FIREFOX_PATH;
  throw new Error(`No Firefox found at ${DEFAULT_FIREFOX_PATH} and FIREFOX_PATH is not set. ${INSTALL_HINT}`);
}

/**
 * Prefs that keep Firefox's own background traffic (telemetry, updates, captive-portal and connectivity
 * checks, Safe Browsing lists, Remote Settings, Normandy/Shield studies, push, DoH, prefetching …) off, on
 * top of the ones puppeteer already sets. Even if one slips through, it hits the local proxy, not the network.
 * @type {Readonly<Record<string, string | number | boolean>>}
 */
export const QUIET_FIREFOX_PREFS = Object.freeze({
  // Telemetry and data reporting
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.updatePing.enabled': false,
  'toolkit.telemetry.newProfilePing.enabled': false,
  'toolkit.telemetry.firstShutdownPing.enabled': false,
  'toolkit.telemetry.shutdownPingSender.enabled': false,
  'toolkit.telemetry.bhrPing.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  // Application, add-on and system add-on updates; blocklist
  'app.update.auto': false,
  'app.update.disabledForTesting': true,
  'app.update.url': '',
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': '',
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.htmlaboutaddons.recommendations.enabled': false,
  'browser.discovery.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': '',
  'media.gmp-gmpopenh264.enabled': false,
  // Captive portal / connectivity checks
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'captivedetect.canonicalURL': '',
  // Safe Browsing (list downloads and lookups)
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.google4.gethashURL': '',
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google.gethashURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.mozilla.gethashURL': '',
  // Remote Settings (also CRLite / intermediates), Normandy, Shield studies, Nimbus
  // Release builds honour this override only under MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 (set at launch); this exact
  // value then makes Remote Settings skip all remote activity (services-settings/Utils.sys.mjs).
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'nimbus.rollouts.enabled': false,
  // Push, sync, accounts, region lookup, suggestions, translations, ML models, sponsored tiles
  'dom.push.enabled': false,
  'dom.push.connection.enabled': false,
  'identity.fxaccounts.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.update': false,
  'browser.search.geoSpecificDefaults': false,
  'browser.urlbar.quicksuggest.enabled': false,
  'browser.urlbar.suggest.searches': false,
  'browser.topsites.contile.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.showSponsored': false,
  'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
  'browser.translations.enable': false,
  'browser.translations.automaticallyPopup': false,
  'browser.ml.enable': false,
  'browser.ml.chat.enabled': false,
  // DNS over HTTPS off; no prefetching, predictor or speculative connections; no OCSP
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'network.http.http3.enable': false,
  'security.OCSP.enabled': 0,
  'security.certerrors.mitm.priming.enabled': false,
  'network.sntp.pools': '',
  // Quiet first run
  'browser.aboutwelcome.enabled': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'trailhead.firstrun.didSeeAboutWelcome': true,
  'browser.shell.checkDefaultBrowser': false,
});

/**
 * @typedef {import('puppeteer-core').Browser} Browser
 * @typedef {import('puppeteer-core').Page} Page
 * @typedef {import('./connect-proxy.mjs').ConnectProxy} ConnectProxy
 */

/**
 * @typedef {Object} FirefoxWithExtension
 * @property {Browser} browser the puppeteer Browser (WebDriver BiDi)
 * @property {string} addonId the add-on id Firefox installed (browser_specific_settings.gecko.id)
 * @property {string} extensionUuid the add-on's moz-extension:// host (fixed: FIXED_EXTENSION_UUID by default)
 * @property {string} extensionOrigin `moz-extension://<extensionUuid>`
 * @property {(file: string) => string} extensionUrl `extensionUrl('popup.html')` → `moz-extension://<uuid>/popup.html`
 * @property {ConnectProxy} proxy the local CONNECT proxy every request goes through (`proxy.requests`)
 * @property {() => Promise<Page>} newPage a fresh tab (1280×800)
 * @property {(url: string, options?: { timeout?: number }) => Promise<Page>} openPage a fresh tab at `url`
 *   (waits for the load event)
 * @property {(file: string, options?: { text?: string, selector?: string, timeout?: number }) => Promise<Page>}
 *   openExtensionPage a fresh tab at `moz-extension://<uuid>/<file>`; puppeteer's goto may time out on
 *   moz-extension pages although they load, so this polls until `selector` exists and/or the body contains
 *   `text` (default: until the document has finished loading)
 * @property {<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A) => Promise<Awaited<R>>}
 *   evaluateInExtension runs `fn(...args)` in an extension page (a tab at popup.html, opened on first use), where
 *   the WebExtension `browser` global exists: the Firefox counterpart of evaluating in Chromium's service worker.
 *   `fn` is sent as source text, so it must not close over variables
 * @property {(values: Record<string, unknown>) => Promise<void>} setStorage replaces everything in the add-on's
 *   storage.local (progress, preferences)
 * @property {() => Promise<Record<string, unknown>>} readStorage the add-on's storage.local
 * @property {(urlPattern: string) => Promise<number | undefined>} tabIdOf id of the first tab whose URL matches the
 *   match pattern (browser.tabs.query), e.g. for `popup.html?tabId=…`
 * @property {() => Promise<void>} close close Firefox (its temporary profile is removed) and the proxy
 */

/**
 * Launches Firefox (headless by default) with the unpacked extension in `extensionDir` installed as a temporary
 * add-on, and every https:// host mapped to 127.0.0.1:`port` (the replica server). Self-signed certificates are
 * accepted.
 *
 * @param {{
 *   extensionDir: string,
 *   port: number,
 *   headless?: boolean,
 *   extensionUuid?: string,
 *   extraPrefs?: Record<string, string | number | boolean>,
 *   timeout?: number,
 * }} options `extraPrefs` are merged last; `timeout` (ms, default 30000) bounds launch and add-on install.
 * @returns {Promise<FirefoxWithExtension>}
 */
export async function launchFirefoxWithExtension({
  extensionDir,
  port,
  headless = true,
  extensionUuid = FIXED_EXTENSION_UUID,
  extraPrefs = {},
  timeout = 30_000,
}) {
  const extDir = path.resolve(extensionDir);
  const manifestPath = path.join(extDir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    throw new Error(
      `No manifest.json in ${extDir}: the extension is not built. Run \`npm run build\` (or \`npx wxt build -b firefox\`) first.`,
    );
  }
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`launchFirefoxWithExtension: invalid replica server port ${port}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  /** @type {string | undefined} */
  const declaredId = manifest.browser_specific_settings?.gecko?.id;
  if (!declaredId) {
    throw new Error(
      `${manifestPath} has no browser_specific_settings.gecko.id: Firefox would give the add-on a random id and ` +
        'moz-extension UUID. Is this a Firefox build (.output/firefox-mv3)?',
    );
  }
  const executablePath = findFirefox();

  const proxy = await startConnectProxy({ targetPort: port });
  /** @type {Browser | undefined} */
  let browser;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await proxy.close();
  };

  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      acceptInsecureCerts: true,
      protocolTimeout: timeout,
      timeout,
      // Lets BiDi open and script privileged pages such as moz-extension://…/popup.html.
      args: ['--remote-allow-system-access'],
      defaultViewport: { width: 1280, height: 800 },
      // Firefox's own test switch: necko refuses every connection to a non-loopback address (the proxy is on
      // 127.0.0.1, so console pages still load), and Remote Settings may be pointed at a dummy server.
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      extraPrefsFirefox: {
        ...QUIET_FIREFOX_PREFS,
        // Host mapping: all http(s) through the local proxy, which tunnels every CONNECT to the replica server.
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.share_proxy_settings': false,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.failover_direct': false,
        'network.proxy.socks_remote_dns': true,
        // A fixed moz-extension://<uuid>/ for the add-on, so tests can open its pages.
        'extensions.webextensions.uuids': JSON.stringify({ [declaredId]: extensionUuid }),
        // MV3 host permissions are granted at install time in Firefox ≥ 127 (and for temporary add-ons);
        // this keeps it so should a future default change, instead of a silent "content script never ran".
        'extensions.originControls.grantByDefault': true,
        // Temporary (unsigned) add-ons are always allowed; keep signature checks from getting in the way.
        'xpinstall.signatures.required': false,
        ...extraPrefs,
      },
    });

    const addonId = await browser.installExtension(extDir);
    if (addonId !== declaredId) {
      throw new Error(`Firefox installed the add-on as ${addonId}, expected ${declaredId} from the manifest.`);
    }

    const origin = `moz-extension://${extensionUuid}`;
    const openBrowser = /** @type {Browser} */ (browser);
    const newPage = () => openBrowser.newPage();

    /** @type {Promise<Page> | undefined} */
    let extensionPage;
    /** @type {(file: string, options?: { text?: string, selector?: string, timeout?: number }) => Promise<Page>} */
    const openExtensionPage = async (file, { text, selector, timeout: pageTimeout = 15_000 } = {}) => {
      const url = `${origin}/${file.replace(/^\/+/, '')}`;
      const page = await newPage();
      // goto on a moz-extension:// page may never report that the navigation finished although the page
      // loads: start it, do not wait for it, and judge by what is in the document.
      void page.goto(url, { waitUntil: 'load', timeout: pageTimeout }).catch(() => {});
      const deadline = Date.now() + pageTimeout;
      /** @type {unknown} */
      let last;
      for (;;) {
        try {
          const state = await page.evaluate(
            (sel) => ({
              href: location.href,
              ready: document.readyState,
              text: document.body?.textContent ?? '',
              hasSelector: sel ? document.querySelector(sel) !== null : true,
            }),
            selector ?? '',
          );
          last = state;
          if (
            state.href.startsWith(url) &&
            state.ready === 'complete' &&
            state.hasSelector &&
            (text === undefined || state.text.includes(text))
          )
            return page;
        } catch (error) {
          last = error; // the document may be mid-navigation
        }
        if (Date.now() > deadline) {
          await page.close().catch(() => {});
          throw new Error(
            `${url} did not show ${JSON.stringify({ text, selector })} within ${pageTimeout} ms; last state: ` +
              (last instanceof Error ? last.message : JSON.stringify(last)),
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    /**
     * @template {unknown[]} A
     * @template R
     * @param {(...args: A) => R | Promise<R>} fn
     * @param {A} args
     * @returns {Promise<Awaited<R>>}
     */
    const evaluateInExtension = async (fn, ...args) => {
      if (!extensionPage || (await extensionPage.catch(() => undefined))?.isClosed()) {
        extensionPage = openExtensionPage('popup.html');
        extensionPage.catch(() => {
          extensionPage = undefined;
        });
      }
      const page = await extensionPage;
      // puppeteer sends the function's source over BiDi (script.callFunction), which the page's CSP does not
      // govern; inside, the WebExtension `browser` global is the extension page's own.
      return page.evaluate(fn, ...args);
    };
    let closed = false;
    return {
      browser: openBrowser,
      addonId,
      extensionUuid,
      extensionOrigin: origin,
      extensionUrl: (file) => `${origin}/${file.replace(/^\/+/, '')}`,
      proxy,
      newPage,
      async openPage(url, { timeout: gotoTimeout = 20_000 } = {}) {
        const page = await newPage();
        try {
          await page.goto(url, { waitUntil: 'load', timeout: gotoTimeout });
        } catch (error) {
          await page.close().catch(() => {});
          throw error;
        }
        return page;
      },
      openExtensionPage,
      evaluateInExtension,
      async setStorage(values) {
        await evaluateInExtension(async (v) => {
          await globalThis.browser.storage.local.clear();
          await globalThis.browser.storage.local.set(v);
        }, values);
      },
      readStorage() {
        return evaluateInExtension(() => globalThis.browser.storage.local.get());
      },
      tabIdOf(urlPattern) {
        return evaluateInExtension(async (url) => {
          const [tab] = await globalThis.browser.tabs.query({ url });
          return tab?.id;
        }, urlPattern);
      },
      async close() {
        if (closed) return;
        closed = true;
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
