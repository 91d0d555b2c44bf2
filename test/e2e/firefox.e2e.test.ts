/**
 * The BUILT Firefox extension (.output/firefox-mv3) in real headless Firefox (firefox-esr, WebDriver BiDi via
 * puppeteer-core), installed as a temporary add-on, with replica console pages served over local HTTPS at the
 * real console hostnames (a local CONNECT proxy stands in for Chromium's host-resolver rules: see
 * support/firefox.mjs). Mirrors the Chromium runs: the Aliyun renewal card and ring, the popup, and the first
 * on-page step of one guide per other provider. Run `npm run build` first.
 * CLOUDEXIT_FIREFOX_EXTENSION_DIR overrides the extension folder (e.g. to try another build).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './support/firefox.mjs';
import {
  type Box,
  covers,
  type GuardRecord,
  type OverlayState,
  overlayStateInPage,
  PAGE_GUARD_SCRIPT,
} from './support/overlay';
import { type ReplicaServer, startReplicaServer } from './support/replica-server.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION_DIR = process.env.CLOUDEXIT_FIREFOX_EXTENSION_DIR ?? path.join(REPO, '.output/firefox-mv3');
const FAILURE_DIR = path.join(REPO, 'test-results/e2e');

const RENEWAL_PAGES = [
  {
    url: 'https://billing-cost.console.aliyun.com/renew/manual',
    fixture: 'aliyun/renew-manual.zh.new.html',
    tab: '自动续订',
  },
  {
    url: 'https://usercenter2-intl.console.alibabacloud.com/renew/manual',
    fixture: 'aliyun/renew-manual.en.intl.html',
    tab: 'Auto-Renewal',
  },
];

/** A bill page: one ring per line that still charges, and the card lists each with the guide that stops it. */
const BILL_PAGE = {
  url: 'https://billing-cost.console.aliyun.com/finance/month-bill/account',
  fixture: 'aliyun/bill-overview.zh.html',
  charging: ['云服务器 ECS', '块存储', '弹性公网IP', '日志服务', 'NAT网关'],
};

/**
 * (c) One page per other provider, straight from the rules: the first guide (in file order) that has an
 * on-page step, its first on-page step, and the first fixture + example URL of that step's first page.
 * Aliyun is covered above. Self-hosted providers (Zabbix) are left out: their pages live on the user's own
 * host, which CloudExit reaches only after the user grants that origin (an optional host permission, a prompt
 * a test cannot click through); the Chromium run (guides.e2e.test.ts) covers them on a stand-in console host.
 * Providers without console pages (device clouds, "none") have no card to show.
 */
const { providers, guides } = validateRuleFiles(readRuleFiles());
const providerCases = providers.flatMap(({ provider }) => {
  if (provider.id === 'aliyun' || provider.kind === 'self-hosted' || provider.pages.length === 0) return [];
  for (const { guide } of guides) {
    if (guide.provider !== provider.id) continue;
    const step = guide.steps.find((s) => s.pages.length > 0);
    if (!step) continue;
    const page = provider.pages.find((p) => p.id === step.pages[0]);
    if (!page) continue;
    return [
      {
        name: `${provider.id}: ${guide.id} › ${step.id} on ${page.examples.fixtures[0]}`,
        providerId: provider.id,
        guideId: guide.id,
        stepId: step.id,
        fixture: page.examples.fixtures[0]!,
        url: page.examples.urls[0]!,
      },
    ];
  }
  return []; // no guide with an on-page step yet
});

/** The slice of the WebExtension API the tests call from an extension page. */
interface ExtensionApi {
  permissions: {
    contains(p: { origins: string[] }): Promise<boolean>;
    getAll(): Promise<{ origins: string[] }>;
  };
}

let server: ReplicaServer | undefined;
let firefox: FirefoxWithExtension | undefined;
/** Every console host a test opened: the only hosts Firefox may ask the (proxied) network for. */
const openedHosts = new Set<string>();

function browser(): FirefoxWithExtension {
  if (!firefox) throw new Error('Firefox did not start (see the beforeAll error)');
  return firefox;
}

function replica(): ReplicaServer {
  if (!server) throw new Error('the replica server did not start (see the beforeAll error)');
  return server;
}

/** Screenshot into test-results/e2e/ if the test fails, then close the tab (one hook, so it runs in order). */
function closeAfterTest(page: Page, testName: string): void {
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      mkdirSync(FAILURE_DIR, { recursive: true });
      const file = path.join(FAILURE_DIR, `firefox-${testName.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file as `${string}.png`, fullPage: true }).catch(() => {});
      console.error(`screenshot of the failing page: ${file}`);
    }
    await page.close().catch(() => {});
  });
}

/** A fresh tab at a console URL, with the page guard installed before the page's own scripts run. */
async function openConsolePage(url: string, testName: string): Promise<Page> {
  const page = await browser().newPage();
  closeAfterTest(page, testName);
  await page.evaluateOnNewDocument(PAGE_GUARD_SCRIPT);
  openedHosts.add(new URL(url).hostname);
  await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  return page;
}

/** CloudExit's public DOM contract, read the same way as in Chromium. */
function readOverlay(page: Page): Promise<OverlayState> {
  return page.evaluate(overlayStateInPage);
}

/** Polls until the card shows `stepId` with its ring (or a fallback card); Firefox renders asynchronously. */
async function waitForCard(page: Page, stepId: string, timeoutMs = 15_000): Promise<OverlayState> {
  const deadline = Date.now() + timeoutMs;
  let state = await readOverlay(page);
  while (Date.now() < deadline) {
    state = await readOverlay(page);
    if (state.card?.stepId === stepId && (state.card.anchorState === 'fallback' || state.rings.length > 0))
      return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`card for step "${stepId}" did not appear; overlay state: ${JSON.stringify(state)}`);
}

/** The box of the one visible tab labelled `label`: by ARIA role first, else by its own visible text. */
async function tabBox(page: Page, label: string): Promise<Box> {
  const found = await page.evaluate((text) => {
    const fold = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const byRole = [...document.querySelectorAll('[role="tab"]')].filter(
      (el) => fold(el.textContent) === text && visible(el),
    );
    const matches = byRole.length
      ? byRole
      : [...document.querySelectorAll('body *')].filter(
          (el) => el.children.length === 0 && fold(el.textContent) === text && visible(el),
        );
    if (matches.length !== 1) return { error: `${matches.length} visible tabs labelled ${text}` };
    const r = matches[0]!.getBoundingClientRect();
    return { box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  }, label);
  if (!('box' in found) || !found.box) throw new Error(found.error ?? `tab ${label} has no box`);
  return found.box;
}

function readGuard(page: Page): Promise<GuardRecord> {
  return page.evaluate(() => (window as unknown as { __cloudexitGuard: GuardRecord }).__cloudexitGuard);
}

describe('CloudExit in real Firefox (built firefox-mv3 add-on)', () => {
  beforeAll(async () => {
    server = await startReplicaServer({
      routes: Object.fromEntries(RENEWAL_PAGES.map((p) => [new URL(p.url).host + new URL(p.url).pathname, p.fixture])),
    });
    for (const c of providerCases) server.route(new URL(c.url).host + new URL(c.url).pathname, c.fixture);
    server.route(new URL(BILL_PAGE.url).host + new URL(BILL_PAGE.url).pathname, BILL_PAGE.fixture);
    firefox = await launchFirefoxWithExtension({ extensionDir: EXTENSION_DIR, port: server.port });
  }, 60_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('installs the add-on under its gecko id with the fixed moz-extension UUID', () => {
    expect(browser().addonId).toBe('cloudexit@cloudexit.dev');
    expect(browser().extensionUrl('popup.html')).toBe(`moz-extension://${browser().extensionUuid}/popup.html`);
  });

  it('holds every manifest host permission (MV3 hosts are granted at install: originControls.grantByDefault)', async () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      host_permissions: string[];
    };
    const granted = await browser().evaluateInExtension(async (origins: string[]) => {
      const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
      return { all: await api.permissions.contains({ origins }), origins: (await api.permissions.getAll()).origins };
    }, manifest.host_permissions);
    expect(granted.origins).toEqual(expect.arrayContaining(manifest.host_permissions));
    expect(granted.all).toBe(true);
  });

  it.each(RENEWAL_PAGES)('$fixture at $url: card + ring on the auto-renew tab', async ({ url, fixture, tab }) => {
    await browser().setStorage({});
    const page = await openConsolePage(url, fixture);
    const state = await waitForCard(page, 'open-auto-renew-tab');
    expect(state.hostCount).toBe(1);
    expect(state.shadowMode).toBe('open');
    expect(state.card).toMatchObject({
      guideId: 'aliyun-renewal-off',
      stepId: 'open-auto-renew-tab',
      anchorState: 'found',
      role: 'dialog',
    });
    expect(state.card?.accessibleName.length).toBeGreaterThan(3);
    expect(state.rings).toHaveLength(1);
    const anchor = await tabBox(page, tab);
    expect(covers(state.rings[0]!, anchor), JSON.stringify({ ring: state.rings[0], anchor })).toBe(true);
    // The card sits beside the anchor, not on top of it, so the real tab stays clickable.
    expect(covers(state.card!.box, anchor, 0)).toBe(false);
    // Nothing clicked or changed on the console's own page.
    const guard = await readGuard(page);
    expect(guard.untrustedEvents).toEqual([]);
    expect(guard.foreignMutations).toEqual([]);
  });

  it('the popup page renders', async () => {
    const popup = await browser().openExtensionPage('popup.html', { text: 'CloudExit', selector: 'main.popup h1' });
    closeAfterTest(popup, 'popup');
    const heading = await popup.evaluate(() => {
      const h1 = document.querySelector('main.popup h1');
      const r = h1?.getBoundingClientRect();
      return { text: h1?.textContent ?? '', visible: !!r && r.width > 0 && r.height > 0 };
    });
    expect(heading).toEqual({ text: 'CloudExit', visible: true });
  });

  it('the popup names the detected provider, page and guide of a console tab', async () => {
    const consolePage = await openConsolePage(RENEWAL_PAGES[0]!.url, 'popup-console-tab');
    await waitForCard(consolePage, 'open-auto-renew-tab');
    const tabId = await browser().tabIdOf(`${RENEWAL_PAGES[0]!.url}*`);
    expect(tabId).toBeTypeOf('number');
    const popup = await browser().openExtensionPage(`popup.html?tabId=${tabId}`, {
      selector: '[data-cloudexit="popup-detected"]',
    });
    closeAfterTest(popup, 'popup-detected');
    const detected = await popup.evaluate(() => {
      // The ids sit on the detection element or on the section that holds it.
      const el = document.querySelector('[data-cloudexit="popup-detected"]');
      const holder = el?.closest('[data-provider-id]') ?? el;
      return {
        providerId: holder?.getAttribute('data-provider-id'),
        pageId: holder?.getAttribute('data-page-id'),
        guideShown: document.querySelector('[data-guide-id="aliyun-renewal-off"]') !== null,
      };
    });
    expect(detected).toEqual({ providerId: 'aliyun', pageId: 'aliyun-renewal', guideShown: true });
  });

  describe('one page per other provider (first on-page step of its first guide)', () => {
    it.each(providerCases)('$name', async ({ providerId, guideId, stepId, fixture, url }) => {
      await browser().setStorage({ preferences: { preferredGuides: { [providerId]: guideId }, hiddenPages: [] } });
      const page = await openConsolePage(url, `${providerId}-${fixture}`);
      const state = await waitForCard(page, stepId);
      expect(state.hostCount).toBe(1);
      expect(state.shadowMode).toBe('open');
      expect(state.card).toMatchObject({ guideId, stepId, anchorState: 'found', role: 'dialog' });
      expect(state.rings.length).toBeGreaterThan(0);
      const guard = await readGuard(page);
      expect(guard.untrustedEvents).toEqual([]);
      expect(guard.foreignMutations).toEqual([]);
    });
  });

  it('bill page (Aliyun 账单概览): a ring per charging line and the card lists them with their guides', async () => {
    await browser().setStorage({});
    const page = await openConsolePage(BILL_PAGE.url, 'bill-page');
    await waitForCard(page, 'charging-lines');
    const readBill = () =>
      page.evaluate(() => {
        const root = document.querySelector('cloudexit-ui')?.shadowRoot;
        return {
          rowRings: root?.querySelectorAll('[data-cloudexit="ring"][data-ring-kind="row"]').length ?? 0,
          lines: Array.from(root?.querySelectorAll('[data-cloudexit="bill-line"]') ?? [], (line) => ({
            text: line.querySelector('.cx-bill-service')?.textContent ?? '',
            guideId: line.getAttribute('data-guide-id'),
          })),
        };
      });
    const deadline = Date.now() + 5000;
    let bill = await readBill();
    while (bill.rowRings !== BILL_PAGE.charging.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      bill = await readBill();
    }
    expect(bill.rowRings).toBe(BILL_PAGE.charging.length);
    expect(bill.lines.map((line) => line.text)).toEqual(BILL_PAGE.charging);
    expect(bill.lines[0]!.guideId).toBe('aliyun-payg-release');
    const guard = await readGuard(page);
    expect(guard.untrustedEvents).toEqual([]);
    expect(guard.foreignMutations).toEqual([]);
  });

  it('Firefox asked the network for nothing but the console pages the tests opened', () => {
    // All traffic goes through the local proxy (and MOZ_DISABLE_NONLOCAL_CONNECTIONS refuses anything else), so
    // this lists every host Firefox tried: no telemetry, update, Safe Browsing or Remote Settings calls.
    const asked = browser().proxy.requests.map((r) => `${r.method} ${r.host}:${r.port}`);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((line) => !/^CONNECT \S+:443$/.test(line) || !openedHosts.has(line.split(/[ :]/)[1]!))).toEqual(
      [],
    );
    // And the replica server saw only those hosts too.
    expect([...new Set(replica().requests.map((r) => r.host))].filter((h) => !openedHosts.has(h))).toEqual([]);
  });
});
