/**
 * Menu paths walked with real clicks, a hash-route change into a guide page, and leftover
 * warnings on a list with mixed rows — the built extension in real Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRuleFiles, validateRuleFiles } from '../../scripts/rule-files';
import { describeNoExtensionNetwork, type E2E, startE2E } from './support/e2e';
import { covers, pauseGuard, readGuard, readOverlay, waitForCard } from './support/overlay';

const { guides } = validateRuleFiles(readRuleFiles());

/** Storage in which every step before `stepId` is done, so `stepId` is the one the card shows. */
function progressAt(guideId: string, stepId: string) {
  const guide = guides.find((g) => g.guide.id === guideId)!.guide;
  const index = guide.steps.findIndex((step) => step.id === stepId);
  expect(index, `${guideId}/${stepId}`).toBeGreaterThan(-1);
  return {
    progress: { [guideId]: { done: guide.steps.slice(0, index).map((step) => step.id) } },
    // Several guides share these pages; the user picked this one (in the popup, on these pages).
    preferences: {
      preferredGuides: { [guide.provider]: guideId },
      guideForPage: Object.fromEntries(guide.steps.flatMap((step) => step.pages).map((page) => [page, guideId])),
      hiddenPages: [],
    },
  };
}

async function ringState(page: Page) {
  return page.evaluate(() =>
    Array.from(
      document.querySelector('cloudexit-ui')?.shadowRoot?.querySelectorAll('[data-cloudexit="ring"]') ?? [],
      (ring) => ({
        level: ring.getAttribute('data-menu-level'),
        kind: ring.getAttribute('data-ring-kind'),
        box: ring.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number },
      }),
    ),
  );
}

/**
 * Waits until the first ring marks `level` (a menu level, or null for the final control) over
 * `target`. "No ring yet" is not the final control: between one control going and the next
 * appearing (a menu closing, a dialog opening) there may briefly be no ring at all.
 */
async function expectRingOn(page: Page, level: string | null, target: ReturnType<Page['locator']>) {
  await expect
    .poll(
      async () => {
        const [ring] = await ringState(page);
        if (!ring) return 'no ring';
        const box = await target.boundingBox();
        return { level: ring.level, over: Boolean(box && covers(ring.box, box)) };
      },
      { timeout: 5000 },
    )
    .toEqual({ level, over: true });
}

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => e2e?.close());
beforeEach(async () => e2e.setStorage({}));

describe('menu paths, level by level, driven by real clicks', () => {
  it('Tencent CVM: 更多 › 实例状态 › 销毁/退还', async () => {
    await e2e.setStorage(progressAt('tencent-prepaid-destroy-refund', 'destroy-return'));
    e2e.server.route('console.cloud.tencent.com/cvm/instance/index', 'tencent/cvm-instances.zh.html');
    const page = await e2e.openPage('https://console.cloud.tencent.com/cvm/instance/index?rid=1');
    try {
      await waitForCard(page, 'destroy-return');
      const rowMenu = page.locator('tbody').getByRole('button', { name: '更多', exact: true });
      await expectRingOn(page, '1', rowMenu);
      await pauseGuard(page);
      await rowMenu.click();
      const status = page.locator('#row-more').getByRole('menuitem', { name: '实例状态' });
      await expectRingOn(page, '2', status);
      await status.click();
      await expectRingOn(page, null, page.locator('#row-more-1').getByRole('menuitem', { name: '销毁/退还' }));
      expect((await readOverlay(page)).card?.stepId).toBe('destroy-return');
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('Aliyun ECS: 操作 › 实例状态 › 关闭实例释放保护 (release protection is under 实例状态, not 实例属性)', async () => {
    await e2e.setStorage(progressAt('aliyun-payg-release', 'release-protection'));
    e2e.server.route('ecs.console.aliyun.com/server/region/cn-hangzhou', 'aliyun/ecs-instances.zh.html');
    const page = await e2e.openPage('https://ecs.console.aliyun.com/server/region/cn-hangzhou');
    try {
      await waitForCard(page, 'release-protection');
      const icon = page.locator('tbody').getByRole('button', { name: '更多操作', exact: true });
      await expectRingOn(page, '1', icon);
      await pauseGuard(page);
      await icon.click();
      const status = page.locator('#ops-overlay > ul').getByRole('menuitem', { name: '实例状态' });
      await expectRingOn(page, '2', status);
      await status.click();
      await expectRingOn(page, null, page.locator('#sub-status').getByRole('menuitem', { name: '关闭实例释放保护' }));
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('Aliyun ECS: 操作 › 实例状态 › 释放, then the release dialog’s 下一步 › 确认', async () => {
    await e2e.setStorage(progressAt('aliyun-payg-release', 'release'));
    e2e.server.route('ecs.console.aliyun.com/server/region/cn-hangzhou', 'aliyun/ecs-instances.zh.html');
    const page = await e2e.openPage('https://ecs.console.aliyun.com/server/region/cn-hangzhou');
    try {
      await waitForCard(page, 'release');
      const icon = page.locator('tbody').getByRole('button', { name: '更多操作', exact: true });
      await expectRingOn(page, '1', icon);
      await pauseGuard(page);
      await icon.click();
      const status = page.locator('#ops-overlay > ul').getByRole('menuitem', { name: '实例状态' });
      await expectRingOn(page, '2', status);
      await status.click();
      const release = page.locator('#sub-status').getByRole('menuitem', { name: '释放', exact: true });
      await expectRingOn(page, '3', release);
      await release.click();
      const dialog = page.getByRole('dialog', { name: '释放实例' });
      const next = dialog.getByRole('button', { name: '下一步', exact: true });
      await expectRingOn(page, null, next);
      await next.click();
      await expectRingOn(page, null, dialog.getByRole('button', { name: '确认', exact: true }));
      expect((await readOverlay(page)).card?.stepId).toBe('release');
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('AWS EC2: Instance state › Terminate (delete) instance', async () => {
    await e2e.setStorage(progressAt('aws-stop-payg-charges', 'terminate-instances'));
    e2e.server.route('us-east-1.console.aws.amazon.com/ec2/home', 'aws/ec2-instances.en.new.html');
    const page = await e2e.openPage('https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:v=3');
    try {
      await waitForCard(page, 'terminate-instances');
      const menuButton = page.locator('button[aria-controls="ec2-menu-instance-state"]');
      await expectRingOn(page, '1', menuButton);
      await pauseGuard(page);
      await menuButton.click();
      await expectRingOn(page, null, page.getByRole('menuitem', { name: 'Terminate (delete) instance' }));
      expect((await readGuard(page)).untrustedEvents).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('single-page consoles', () => {
  it('Aliyun: a hash-route change from the console home to the ECS instance list shows the guide', async () => {
    const ecs = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'aliyun', 'ecs-instances.zh.html'), 'utf8');
    const body = ecs.replace(/^[\s\S]*<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
    const styles = (ecs.match(/<style[\s\S]*?<\/style>/g) ?? []).join('');
    const shell = `<!doctype html><html lang="zh-CN"><head><title>云服务器 ECS</title>${styles}</head><body>
      <main id="app"><h1>概览</h1><a id="to-list" href="#/server/region/cn-hangzhou">实例</a></main>
      <template id="list">${body}</template>
      <script>
        const render = () => {
          if (location.hash.startsWith('#/server/region/')) {
            setTimeout(() => document.getElementById('app').replaceWith(document.getElementById('list').content.cloneNode(true)), 200);
          }
        };
        window.addEventListener('hashchange', render);
      </script></body></html>`;
    e2e.server.serveHtml('ecs.console.aliyun.com/', shell);
    await e2e.setStorage({ preferences: { preferredGuides: { aliyun: 'aliyun-payg-release' }, hiddenPages: [] } });
    const page = await e2e.openPage('https://ecs.console.aliyun.com/#/home');
    try {
      await page.waitForTimeout(800);
      expect((await readOverlay(page)).hostCount).toBe(0);
      await page.click('#to-list');
      const state = await waitForCard(page, 'filter-one-instance');
      expect(state.card).toMatchObject({ guideId: 'aliyun-payg-release', anchorState: 'found' });
    } finally {
      await page.close();
    }
  });
});

describe('leftover warnings', () => {
  it('AWS volumes: one ring per Available volume, none on in-use ones, and the count in the card', async () => {
    await e2e.setStorage(progressAt('aws-stop-payg-charges', 'available-volumes-bill'));
    e2e.server.route('us-east-1.console.aws.amazon.com/ec2/home', 'aws/ec2-volumes.en.html');
    const page = await e2e.openPage('https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Volumes:');
    try {
      const state = await waitForCard(page, 'available-volumes-bill');
      const available = page.locator('tbody tr').filter({ has: page.getByText('Available', { exact: true }) });
      const count = await available.count();
      expect(count).toBeGreaterThan(0);
      expect(await page.locator('tbody tr').count()).toBeGreaterThan(count); // mixed: in-use rows too
      await expect.poll(async () => (await ringState(page)).filter((ring) => ring.kind === 'row').length).toBe(count);
      const rowRings = (await ringState(page)).filter((ring) => ring.kind === 'row');
      for (let i = 0; i < count; i++) {
        const box = await available.nth(i).boundingBox();
        expect(rowRings.some((ring) => box && covers(ring.box, box))).toBe(true);
      }
      expect(state.card?.text).toContain(String(count));
      const guard = await readGuard(page);
      expect(guard.foreignMutations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describeNoExtensionNetwork(() => e2e);
