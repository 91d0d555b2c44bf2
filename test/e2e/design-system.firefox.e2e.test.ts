/**
 * The design-system fixtures in real Firefox (the built firefox-mv3 add-on), one page per design system
 * in the language the other runs cover least: the AWS console in 中文 (Cloudscape with its zh-CN messages),
 * the Alibaba Cloud international renewals (Fusion Next, en-us) and the Tencent Cloud international CVM
 * list (TEA). The first on-page step that applies there shows its card with a ring; the Chromium run
 * (design-system.e2e.test.ts) covers every step of every page.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveLocator } from '../../engine/locate';
import { stepAppliesHere } from '../../engine/target';
import { buildDesignSystemFixtures, OUTPUT_DIR } from '../../scripts/design-system-fixtures.mjs';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import { listDesignSystemFixtures, loadDesignSystemFixture } from '../unit/support/design-system';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from './support/firefox.mjs';
import { type OverlayState, overlayStateInPage, PAGE_GUARD_SCRIPT } from './support/overlay';
import { type ReplicaServer, startReplicaServer } from './support/replica-server.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const EXTENSION_DIR = process.env.CLOUDEXIT_FIREFOX_EXTENSION_DIR ?? join(REPO, '.output/firefox-mv3');
const PAGES = ['aws/ec2-instances.zh', 'aliyun/renewal.en', 'tencent/cvm-instances.en'];

const { guides } = validateRuleFiles(readRuleFiles());
const cases = listDesignSystemFixtures()
  .filter((fixture) => PAGES.includes(fixture.name))
  .map((fixture) => {
    const doc = loadDesignSystemFixture(fixture);
    for (const { guide } of guides) {
      const step = guide.steps.find(
        (s) =>
          s.pages.includes(fixture.entry.page) &&
          stepAppliesHere(s, doc) &&
          !(s.advanceOn?.type === 'appears' && resolveLocator(s.advanceOn.locator, doc).status === 'found'),
      );
      if (step) return { name: `${fixture.name} › ${guide.id}/${step.id}`, fixture, guide, step };
    }
    throw new Error(`${fixture.name}: no on-page step applies`);
  });

let server: ReplicaServer | undefined;
let firefox: FirefoxWithExtension | undefined;

async function waitForCard(page: Page, stepId: string, timeoutMs = 15_000): Promise<OverlayState> {
  const deadline = Date.now() + timeoutMs;
  let state = (await page.evaluate(overlayStateInPage)) as OverlayState;
  while (Date.now() < deadline) {
    state = (await page.evaluate(overlayStateInPage)) as OverlayState;
    if (state.card?.stepId === stepId && (state.card.anchorState === 'fallback' || state.rings.length > 0))
      return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`card for step "${stepId}" did not appear; overlay state: ${JSON.stringify(state)}`);
}

describe('design-system fixtures in real Firefox', () => {
  beforeAll(async () => {
    await buildDesignSystemFixtures({ liveOnly: true });
    server = await startReplicaServer();
    for (const { fixture } of cases) {
      const url = new URL(fixture.url);
      server.route(url.host + url.pathname, join(OUTPUT_DIR, `${fixture.name}.html`));
    }
    firefox = await launchFirefoxWithExtension({ extensionDir: EXTENSION_DIR, port: server.port });
  }, 300_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('covers one page per design system', () => {
    expect(new Set(cases.map((c) => c.fixture.entry.system))).toEqual(new Set(['cloudscape', 'fusion', 'tea']));
  });

  it.each(cases)('$name', async ({ fixture, guide, step }) => {
    await firefox!.setStorage({
      preferences: {
        preferredGuides: { [guide.provider]: guide.id },
        guideForPage: { [fixture.entry.page]: guide.id },
        hiddenPages: [],
      },
    });
    const page = await firefox!.newPage();
    try {
      await page.evaluateOnNewDocument(PAGE_GUARD_SCRIPT);
      await page.goto(fixture.url, { waitUntil: 'load', timeout: 30_000 });
      const state = await waitForCard(page, step.id);
      expect(state.card).toMatchObject({ guideId: guide.id, stepId: step.id, anchorState: 'found', role: 'dialog' });
      expect(state.rings.length).toBeGreaterThan(0);
    } finally {
      await page.close().catch(() => {});
    }
  });
});
