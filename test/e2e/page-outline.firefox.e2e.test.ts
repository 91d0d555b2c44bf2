/**
 * The page outline (issue 19) in real headless Firefox with the built firefox-mv3 add-on: on a console page
 * CloudExit does not recognise, the popup shows the outline in full, Copy puts exactly that JSON on the
 * clipboard, and the console page's DOM is not changed. See firefox.e2e.test.ts for the harness.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOutlineText } from '../../rules/outline-schema';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './support/firefox.mjs';
import { type GuardRecord, PAGE_GUARD_SCRIPT } from './support/overlay';
import { type ReplicaServer, startReplicaServer } from './support/replica-server.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION_DIR = process.env.CLOUDEXIT_FIREFOX_EXTENSION_DIR ?? path.join(REPO, '.output/firefox-mv3');
/** The console home: a console host, and no page rule matches it (a listed negative fixture). */
const HOME_URL = 'https://home.console.aliyun.com/home/dashboard/ProductAndService';

let server: ReplicaServer | undefined;
let firefox: FirefoxWithExtension | undefined;

beforeAll(async () => {
  server = await startReplicaServer({
    routes: { 'home.console.aliyun.com/home/dashboard/ProductAndService': 'aliyun/console-home.zh.html' },
  });
  firefox = await launchFirefoxWithExtension({ extensionDir: EXTENSION_DIR, port: server.port });
}, 60_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

describe('page outline in the popup, real Firefox', () => {
  it('shows and copies the outline of an unrecognised console page, and changes nothing on it', async () => {
    const browser = firefox!;
    await browser.setStorage({});
    const consolePage = await browser.newPage();
    await consolePage.evaluateOnNewDocument(PAGE_GUARD_SCRIPT);
    await consolePage.goto(HOME_URL, { waitUntil: 'load', timeout: 20_000 });
    const markupBefore = await consolePage.evaluate(() => document.documentElement.outerHTML);
    const storageBefore = await browser.readStorage();
    const tabId = await browser.tabIdOf(`${HOME_URL}*`);
    expect(tabId).toBeTypeOf('number');

    const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`, {
      selector: '[data-cloudexit-action="page-outline"]',
    });
    await popup.click('[data-cloudexit-action="page-outline"]');
    await popup.waitForSelector('[data-cloudexit="page-outline"]', { timeout: 15_000 });
    const json = await popup.$eval('[data-cloudexit="page-outline"]', (el) => el.textContent ?? '');
    const parsed = parseOutlineText(json);
    expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
    expect(json).toContain('"最近访问"');
    expect(json).not.toMatch(/i-bp[0-9a-z]{8,}/);

    await popup.click('[data-cloudexit-action="copy-outline"]');
    await expect
      .poll(() => popup.$eval('[data-cloudexit="outline-copied"]', (el) => el.textContent ?? ''))
      .not.toBe('');
    // Read the clipboard back by pasting into a field of a blank page of its own (not the console page).
    const scratch = await browser.newPage();
    await scratch.goto('about:blank');
    await scratch.evaluate(() => {
      const field = document.createElement('textarea');
      field.id = 'paste';
      document.body.append(field);
      field.focus();
    });
    await scratch.keyboard.down('Control');
    await scratch.keyboard.press('v');
    await scratch.keyboard.up('Control');
    expect(await scratch.$eval('#paste', (el) => (el as HTMLTextAreaElement).value)).toBe(json);

    expect(await consolePage.evaluate(() => document.documentElement.outerHTML)).toBe(markupBefore);
    const guard = await consolePage.evaluate(
      () => (window as unknown as { __cloudexitGuard: GuardRecord }).__cloudexitGuard,
    );
    expect(guard.untrustedEvents).toEqual([]);
    expect(guard.foreignMutations).toEqual([]);
    expect(await browser.readStorage()).toEqual(storageBefore);
    await Promise.all([scratch.close(), popup.close(), consolePage.close()]);
  });

  it('Firefox asked the network for the console page only', () => {
    const asked = firefox!.proxy.requests.map((r) => `${r.method} ${r.host}:${r.port}`);
    expect([...new Set(asked)]).toEqual(['CONNECT home.console.aliyun.com:443']);
  });
});
