#!/usr/bin/env node
// `npm run demo` (after the build) / `node scripts/demo.mjs [--headless]`
// Opens the BUILT extension (.output/chrome-mv3) in Chromium with every replica console page from
// test/e2e/routes.mjs, served over local HTTPS at the real console hostnames (nothing leaves the machine).
// Headed: tabs stay open until Ctrl+C (or the window is closed). Headless (--headless, or no $DISPLAY):
// one screenshot per page in demo-screenshots/, then exit.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ROUTES, DEMO_PAGES } from '../test/e2e/routes.mjs';
import { launchChromiumWithExtension } from '../test/e2e/support/chromium.mjs';
import { startReplicaServer } from '../test/e2e/support/replica-server.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const EXTENSION_DIR = process.env.CLOUDEXIT_EXTENSION_DIR ?? path.join(REPO, '.output/chrome-mv3');
const SCREENSHOT_DIR = path.join(REPO, 'demo-screenshots');
const SETTLE_MS = 1500;

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log('usage: node scripts/demo.mjs [--headless]   (build first: npx wxt build)');
  process.exit(0);
}
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = argv.includes('--headless') || noDisplay;

/** @type {Awaited<ReturnType<typeof startReplicaServer>> | undefined} */
let server;
/** @type {Awaited<ReturnType<typeof launchChromiumWithExtension>> | undefined} */
let browser;
let shuttingDown = false;

/** @param {number} code */
async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  const force = setTimeout(() => process.exit(code), 10_000); // never hang on a stuck browser
  force.unref();
  await browser?.close().catch(() => {});
  await server?.close().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => {
  console.log('\nStopping…');
  void shutdown(0);
});
process.on('SIGTERM', () => void shutdown(0));

try {
  server = await startReplicaServer({ routes: DEFAULT_ROUTES });
  if (noDisplay && !argv.includes('--headless')) console.log('No $DISPLAY: running headless.');
  const started = Date.now();
  browser = await launchChromiumWithExtension({
    extensionDir: EXTENSION_DIR,
    port: server.port,
    headless,
    handleSignals: false,
  });
  console.log(
    `Chromium ${headless ? '(headless) ' : ''}started in ${Date.now() - started} ms with extension ${browser.extensionId}`,
  );
  console.log(`Replica console server on https://127.0.0.1:${server.port} (all hostnames mapped to it)\n`);

  const context = browser.context;
  // A persistent context opens with one blank tab: use it for the first page.
  const blank = context.pages().find((p) => p.url() === 'about:blank');
  const pages = [];
  for (const [i, demo] of DEMO_PAGES.entries()) {
    if (shuttingDown) break;
    const page = i === 0 && blank ? blank : await context.newPage();
    const response = await page.goto(demo.url, { waitUntil: 'load' }).catch((/** @type {Error} */ e) => {
      console.log(`  ! ${demo.url}: ${e.message.split('\n')[0]}`);
      return null;
    });
    const status = response?.status();
    const note = status === 200 ? '' : `   [HTTP ${status ?? '—'}${status === 500 ? ': fixture missing' : ''}]`;
    console.log(`  ${demo.title}\n    ${demo.url}${note}`);
    pages.push({ demo, page });
  }

  if (shuttingDown) {
    // Ctrl+C during loading: shutdown() is already closing everything.
  } else if (headless) {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    console.log('\nScreenshots:');
    for (const { demo, page } of pages) {
      if (shuttingDown) break;
      await page.bringToFront();
      await page.waitForTimeout(SETTLE_MS);
      const file = path.join(SCREENSHOT_DIR, `${demo.name}.png`);
      await page.screenshot({ path: file });
      console.log(`  ${path.relative(process.cwd(), file) || file}`);
    }
    // The popup as it describes the first console tab (opened as a page: `?tabId=` names that tab).
    const first = pages[0];
    if (first && !shuttingDown) {
      const tabId = await browser.serviceWorker.evaluate(
        async (/** @type {string} */ url) => (await globalThis.chrome.tabs.query({ url }))[0]?.id,
        first.demo.url,
      );
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 520 });
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForTimeout(SETTLE_MS);
      const file = path.join(SCREENSHOT_DIR, 'popup.png');
      await popup.screenshot({ path: file });
      console.log(`  ${path.relative(process.cwd(), file) || file}`);
    }
    await shutdown(0);
  } else {
    await pages[0]?.page.bringToFront();
    console.log('\nThe tabs stay open. Press Ctrl+C to stop (closes the browser and the server).');
    context.on('close', () => {
      if (shuttingDown) return;
      console.log('Browser closed.');
      void shutdown(0);
    });
  }
} catch (error) {
  // After Ctrl+C the closing browser makes pending page calls throw: not a failure, shutdown() exits.
  if (!shuttingDown) {
    console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
