/**
 * How the overlay behaves on awkward pages, in real Chromium with the built extension: anchors
 * that appear late or never, hostile page CSS, modal dialogs, inner scrolling panels and SPA
 * route changes. Pages are the Aliyun renewal replica, altered per test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { pauseGuard, readGuard, readOverlay, waitForCard } from './support/overlay';
import { decodePng } from './support/png';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const RENEWAL = readFileSync(join(FIXTURES, 'aliyun/renew-manual.zh.new.html'), 'utf8');
const NOT_RENEW_BUTTON = '<button type="button" class="next-btn next-btn-normal next-btn-medium">设置为不续订</button>';
const HOST = 'billing-cost.console.aliyun.com';
const GUIDE = 'aliyun-renewal-off';
/** Progress with the first three steps done: the card points at the 设置为不续订 button. */
const AT_SET_NOT_RENEW = {
  progress: { [GUIDE]: { done: ['open-auto-renew-tab', 'turn-off-auto-renew', 'open-manual-tab'] } },
};

let e2e: E2E;
beforeAll(async () => {
  expect(RENEWAL).toContain(NOT_RENEW_BUTTON);
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());
beforeEach(async () => e2e.setStorage({}));

/** Serves `html` at a path on the real console host (the server ignores query strings). */
function servePage(path: string, html: string): string {
  e2e.server.serveHtml(`${HOST}${path}`, html);
  return `https://${HOST}${path}`;
}

async function expectNoInterference(page: import('playwright-core').Page) {
  const guard = await readGuard(page);
  expect(guard.untrustedEvents).toEqual([]);
  expect(guard.foreignMutations).toEqual([]);
}

describe('anchors that are late or missing', () => {
  it('finds a control that appears 4 s after the page is recognised', async () => {
    await e2e.setStorage(AT_SET_NOT_RENEW);
    const late = RENEWAL.replace(NOT_RENEW_BUTTON, '<span id="late-slot"></span>').replace(
      '</body>',
      `<script>setTimeout(() => { document.getElementById('late-slot').outerHTML = ${JSON.stringify(NOT_RENEW_BUTTON)}; }, 4000);</script></body>`,
    );
    const page = await e2e.openPage(servePage('/renew/manual', late));
    try {
      await page.waitForTimeout(2500);
      const before = await readOverlay(page);
      expect(before.card).toBeNull(); // still within the grace period: no card, and no premature fallback
      const state = await waitForCard(page, 'set-not-renew', 8000);
      expect(state.card?.anchorState).toBe('found');
      expect(state.rings).toHaveLength(1);
    } finally {
      await page.close();
    }
  });

  it('shows the fallback card with the path in words and a diagnostic report when the control never appears', async () => {
    await e2e.setStorage(AT_SET_NOT_RENEW);
    await e2e.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `https://${HOST}` });
    const url = servePage('/renew/manual', RENEWAL.replace(NOT_RENEW_BUTTON, ''));
    const page = await e2e.openPage(`${url}?commodityCode=ecs`);
    try {
      const state = await waitForCard(page, 'set-not-renew', 15_000);
      expect(state.card?.anchorState).toBe('fallback');
      expect(state.rings).toHaveLength(0);
      const texts = await page.evaluate(() => {
        const root = document.querySelector('cloudexit-ui')!.shadowRoot!;
        return {
          path: root.querySelector('[data-cloudexit="menu-path-text"]')?.textContent,
          button: root.querySelector('[data-cloudexit-action="copy-diagnostic"]')?.textContent,
        };
      });
      expect(texts.path).toBe('续订管理 › 手动续订 › 勾选实例 › 设置为不续订 › 确定');
      expect(texts.button).toBeTruthy();
      await pauseGuard(page);
      await page.locator('cloudexit-ui [data-cloudexit-action="copy-diagnostic"]').click();
      const report = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
      expect(report).toMatchObject({
        kind: 'cloudexit-diagnostic',
        pageId: 'aliyun-renewal',
        guideId: GUIDE,
        stepId: 'set-not-renew',
        url: `https://${HOST}/renew/manual`,
      });
      expect(report.anchorTried.length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});

describe('pages that fight the overlay', () => {
  it('keeps the card readable and on top of a hostile page (all: unset, font-size 8px, z-index wars)', async () => {
    const hostile = RENEWAL.replace(
      '</head>',
      `<style>
        * { all: unset !important; }
        html { font-size: 8px !important; }
        div, section, main { position: relative !important; z-index: 2147483647 !important; }
        body::after { content: ''; position: fixed; inset: 0; z-index: 2147483647; }
      </style></head>`,
    );
    const page = await e2e.openPage(servePage('/renew/manual', hostile));
    try {
      await waitForCard(page, 'open-auto-renew-tab');
      const look = await page.evaluate(() => {
        const root = document.querySelector('cloudexit-ui')!.shadowRoot!;
        const card = root.querySelector<HTMLElement>('[data-cloudexit="card"]')!;
        const title = root.querySelector<HTMLElement>('.cx-title')!;
        const box = card.getBoundingClientRect();
        const topmost = document.elementFromPoint(box.x + box.width / 2, box.y + 20);
        return {
          width: box.width,
          titleSize: getComputedStyle(title).fontSize,
          background: getComputedStyle(card).backgroundColor,
          onTop: topmost?.localName,
        };
      });
      expect(look.width).toBe(340);
      expect(look.titleSize).toBe('15px');
      expect(look.background).not.toBe('rgba(0, 0, 0, 0)');
      expect(look.onTop).toBe('cloudexit-ui');
      await expectNoInterference(page);
    } finally {
      await page.close();
    }
  });

  it('paints the card above a modal dialog that holds the control (top layer)', async () => {
    await e2e.setStorage(AT_SET_NOT_RENEW);
    // A pure red backdrop: any pixel of the card that is red is painted below the dialog.
    const modal = RENEWAL.replace(NOT_RENEW_BUTTON, '').replace(
      '</body>',
      `<style>dialog::backdrop { background: rgb(255, 0, 0); }</style>
       <dialog id="confirm" style="width:520px"><p>批量操作</p>${NOT_RENEW_BUTTON}</dialog>
       <script>document.getElementById('confirm').showModal();</script></body>`,
    );
    const page = await e2e.openPage(servePage('/renew/manual', modal));
    try {
      const state = await waitForCard(page, 'set-not-renew');
      expect(state.card?.anchorState).toBe('found');
      const box = state.card!.box;
      const png = await page.screenshot({ clip: { x: box.x + 8, y: box.y + 4, width: 4, height: 4 } });
      const { data } = await decodePng(png);
      expect([data[0], data[1], data[2]]).toEqual([255, 255, 255]); // the card's white, not the red backdrop
      const ring = state.rings[0]!;
      const button = await page.locator('dialog button').boundingBox();
      expect(button && ring.x <= button.x && ring.y <= button.y).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('keeps the card in view when the control is below the fold, and "Show me" scrolls it into view on request', async () => {
    await e2e.setStorage(AT_SET_NOT_RENEW);
    const long = RENEWAL.replace(NOT_RENEW_BUTTON, `<div style="height:2400px"></div>${NOT_RENEW_BUTTON}`);
    const page = await e2e.openPage(servePage('/renew/manual', long));
    try {
      const viewport = page.viewportSize()!;
      await expect.poll(async () => (await readOverlay(page)).card?.stepId, { timeout: 15_000 }).toBe('set-not-renew');
      const before = await readOverlay(page);
      const card = before.card!.box;
      expect(card.y).toBeGreaterThanOrEqual(0);
      expect(card.y + card.height / 2).toBeLessThanOrEqual(viewport.height);
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(viewport.width);
      expect(before.rings).toHaveLength(0); // nothing to ring in view
      const note = page.locator('cloudexit-ui [data-cloudexit="out-of-view"]');
      expect(await note.getAttribute('data-direction')).toBe('down');
      expect(await page.evaluate(() => window.scrollY)).toBe(0); // CloudExit never scrolls by itself
      await page.locator('cloudexit-ui [data-cloudexit-action="show-me"]').click();
      await expect.poll(async () => (await readOverlay(page)).rings.length).toBe(1);
      const after = await readOverlay(page);
      const button = await page.getByRole('button', { name: '设置为不续订' }).boundingBox();
      expect(button && button.y >= 0 && button.y + button.height <= viewport.height).toBe(true);
      expect(after.card!.box.y + after.card!.box.height / 2).toBeLessThanOrEqual(viewport.height);
      await expectNoInterference(page);
    } finally {
      await page.close();
    }
  });

  it('follows an anchor inside a scrolled inner panel: the ring hides when it scrolls away and the card says so', async () => {
    const panelled = RENEWAL.replace(
      /<body([^>]*)>/,
      '<body$1><div id="panel" style="height:100vh;overflow:auto">',
    ).replace('</body>', '<div style="height:2000px"></div></div></body>');
    const page = await e2e.openPage(servePage('/renew/manual', panelled));
    try {
      const first = await waitForCard(page, 'open-auto-renew-tab');
      expect(first.rings).toHaveLength(1);
      await pauseGuard(page);
      await page.evaluate(() => {
        document.getElementById('panel')!.scrollTop = 600;
      });
      await expect.poll(async () => (await readOverlay(page)).rings.length).toBe(0);
      const note = await page.evaluate(
        () =>
          document.querySelector('cloudexit-ui')!.shadowRoot!.querySelector('[data-cloudexit="out-of-view"]') !== null,
      );
      expect(note).toBe(true);
      await page.evaluate(() => {
        document.getElementById('panel')!.scrollTop = 0;
      });
      await expect.poll(async () => (await readOverlay(page)).rings.length).toBe(1);
    } finally {
      await page.close();
    }
  });
});

describe('single-page consoles', () => {
  it('recognises the renewal page after a history.pushState route change', async () => {
    const shell = `<!doctype html><html lang="zh-CN"><head><title>费用与成本</title></head><body>
      <button id="go">续订管理</button>
      <script>
        const renewal = ${JSON.stringify(
          RENEWAL.replace(/^[\s\S]*<body[^>]*>/, '')
            .replace(/<\/body>[\s\S]*$/, '')
            .replace(/<script[\s\S]*?<\/script>/g, ''),
        )};
        document.getElementById('go').addEventListener('click', () => {
          history.pushState({}, '', '/renew/manual');
          setTimeout(() => { document.body.innerHTML = renewal; }, 300);
        });
      </script></body></html>`;
    const page = await e2e.openPage(servePage('/home', shell));
    try {
      await page.waitForTimeout(1000);
      expect((await readOverlay(page)).hostCount).toBe(0);
      await page.click('#go');
      const state = await waitForCard(page, 'open-auto-renew-tab');
      expect(state.card?.anchorState).toBe('found');
      expect(page.url()).toBe(`https://${HOST}/renew/manual`);
    } finally {
      await page.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
