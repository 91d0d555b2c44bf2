// Real Chromium with the BUILT extension loaded (Debian's unbranded chromium honours --load-extension).
// Host mapping: every hostname resolves to the local replica server (replica-server.mjs), so pages open at
// their real console URLs and nothing leaves the machine. Proven flags: /work/shared/knowledge/toolchain.md.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** Where Debian/Ubuntu's `apt-get install -y chromium` puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const INSTALL_HINT =
  'Install one with `apt-get install -y chromium` (Debian/Ubuntu), or set CHROME_PATH to a Chromium/Chrome ' +
  'for Testing binary that still honours --load-extension (branded Google Chrome ≥ 137 does not).';

/**
 * Path of the Chromium executable: $CHROME_PATH if set, else /usr/bin/chromium.
 * Throws (never returns a missing path) with install instructions when there is none.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
  }
  if (existsSync(DEFAULT_CHROMIUM_PATH)) return DEFAULT_CHROMIUM_PATH;
  throw new Error(`No Chromium found at ${DEFAULT_CHROMIUM_PATH} and CHROME_PATH is not set. ${INSTALL_HINT}`);
}

/**
 * @typedef {Object} ChromiumWithExtension
 * @property {import('playwright-core').BrowserContext} context persistent context (pages: `context.newPage()`)
 * @property {string} extensionId the 32-letter id (a–p) of the loaded extension
 * @property {import('playwright-core').Worker} serviceWorker the extension's background service worker
 * @property {string} userDataDir the profile directory in use
 * @property {string} logFile Chromium's own log (--enable-logging --log-file), inside the profile
 * @property {() => string} readLog contents of `logFile` ('' if unreadable), e.g. to find "Extension error" lines
 * @property {() => string[]} extensionErrors uncaught errors logged from this extension's scripts (background,
 *   content scripts, pages) so far — a background that throws at top level still "starts", so assert this is empty
 * @property {() => Promise<void>} close close the browser; removes the profile if it was a temporary one
 */

/**
 * Launches Chromium with the unpacked extension at `extensionDir` and all hostnames mapped to
 * 127.0.0.1:`port` (the replica server). Self-signed certificates are accepted.
 *
 * @param {{
 *   extensionDir: string,
 *   port: number,
 *   headless?: boolean,
 *   userDataDir?: string,
 *   args?: string[],
 *   timeout?: number,
 *   handleSignals?: boolean,
 * }} options `args` are appended to the default flags; `timeout` (ms, default 20000) bounds the wait for the
 *   extension's service worker; `handleSignals` (default true) lets Playwright close the browser on
 *   SIGINT/SIGTERM/SIGHUP — and then exit the process with code 130 on SIGINT. Pass false when the caller
 *   handles signals itself (scripts/demo.mjs) and must run its own cleanup first.
 * @returns {Promise<ChromiumWithExtension>}
 */
export async function launchChromiumWithExtension({
  extensionDir,
  port,
  headless = true,
  userDataDir,
  args = [],
  timeout = 20_000,
  handleSignals = true,
}) {
  const extDir = path.resolve(extensionDir);
  if (!existsSync(path.join(extDir, 'manifest.json'))) {
    throw new Error(
      `No manifest.json in ${extDir}: the extension is not built. Run \`npm run build\` (or \`npx wxt build\`) first.`,
    );
  }
  if (!Number.isInteger(port) || port <= 0)
    throw new Error(`launchChromiumWithExtension: invalid replica server port ${port}`);
  const executablePath = findChromium();

  const tempProfile = !userDataDir;
  const profile = userDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cloudexit-chromium-'));
  // Chromium reports why an extension failed to load only in its log (stderr, which Playwright swallows),
  // so log to a file we can quote when the service worker never shows up.
  const logFile = path.join(profile, 'cloudexit-chrome.log');
  rmSync(logFile, { force: true }); // a reused profile must not replay an old run's errors
  const readLog = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };

  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    if (tempProfile) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless,
      ignoreHTTPSErrors: true,
      handleSIGINT: handleSignals,
      handleSIGTERM: handleSignals,
      handleSIGHUP: handleSignals,
      viewport: { width: 1280, height: 800 },
      args: [
        `--disable-extensions-except=${extDir}`, // Playwright passes --disable-extensions; without this the extension silently does not load
        `--load-extension=${extDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost`,
        '--enable-logging',
        `--log-file=${logFile}`,
        ...args,
      ],
    });

    const isExtensionWorker = (/** @type {import('playwright-core').Worker} */ w) =>
      w.url().startsWith('chrome-extension://');
    // Poll rather than only waitForEvent('serviceworker'): a load failure is logged at once, and then we can
    // fail fast with Chromium's own words instead of waiting out the timeout.
    const deadline = Date.now() + timeout;
    /** @type {import('playwright-core').Worker | undefined} */
    let serviceWorker;
    for (;;) {
      serviceWorker = context.serviceWorkers().find(isExtensionWorker);
      if (serviceWorker) break;
      const failed = /Failed to load extension/i.test(readLog());
      if (failed || Date.now() > deadline) {
        const hints = readLog()
          .split('\n')
          .filter((l) => /extension error|failed to load extension|manifest/i.test(l))
          .map((l) => l.replace(/^\[[^\]]*\]\s*/, ''))
          .slice(-10);
        throw new Error(
          `The extension in ${extDir} did not start a service worker` +
            (failed ? '. ' : ` within ${timeout} ms. `) +
            (hints.length
              ? `Chromium says:\n  ${hints.join('\n  ')}`
              : 'Either it failed to load (invalid manifest, missing file, syntax error) or it has no background ' +
                'entrypoint; load it by hand via chrome://extensions → "Load unpacked" to see the error.'),
        );
      }
      await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 150 }).catch(() => {});
    }
    const extensionId = new URL(serviceWorker.url()).host;
    // A top-level throw in background.js still leaves a worker target, so "it started" is not "it is healthy":
    // uncaught errors show up only as console lines in Chromium's log.
    const extensionErrors = () =>
      readLog()
        .split('\n')
        .filter(
          (l) =>
            /:CONSOLE[:(]/.test(l) &&
            /Uncaught|Unchecked runtime\.lastError/.test(l) &&
            l.includes(`chrome-extension://${extensionId}/`),
        )
        .map((l) => l.replace(/^\[[^\]]*\]\s*/, ''));

    let closed = false;
    return {
      context,
      extensionId,
      serviceWorker,
      userDataDir: profile,
      logFile,
      readLog,
      extensionErrors,
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
