// `node scripts/screenshots.mjs` (after `npm run build`): the README's screenshots, taken from the
// built extension on the replica console pages — card in zh/en, light/dark, a menu path, rows that
// keep billing, the popup (zh/en, follow-through) and the options page. Writes docs/screenshots/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromiumWithExtension } from '../test/e2e/support/chromium.mjs';
import { startReplicaServer } from '../test/e2e/support/replica-server.mjs';

const REPO = path.join(import.meta.dirname, '..');
const OUT = path.join(REPO, 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

const server = await startReplicaServer({
  routes: {
    'billing-cost.console.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.new.html',
    'usercenter2-intl.console.alibabacloud.com/renew/manual': 'aliyun/renew-manual.en.intl.html',
    'console.cloud.tencent.com/cvm/instance/index': 'tencent/cvm-instances.zh.html',
    'us-east-1.console.aws.amazon.com/ec2/home': 'aws/ec2-volumes.en.html',
  },
});
const browser = await launchChromiumWithExtension({
  extensionDir: path.join(REPO, '.output', 'chrome-mv3'),
  port: server.port,
  handleSignals: false,
});
const { context, serviceWorker, extensionId } = browser;

const setStorage = (values) =>
  serviceWorker.evaluate(async (v) => {
    await globalThis.chrome.storage.local.clear();
    await globalThis.chrome.storage.local.set(v);
  }, values);

async function shot(name, url, { scheme = 'light', before, size = { width: 1280, height: 800 }, wait = 1500 } = {}) {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(url);
  await page.waitForTimeout(wait);
  if (before) await before(page);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`  docs/screenshots/${name}.png`);
  return page;
}

const tabIdOf = (url) =>
  serviceWorker.evaluate(async (u) => (await globalThis.chrome.tabs.query({ url: u }))[0]?.id, url);
const done = (guide, ids) => ({ progress: { [guide]: { done: ids } } });

try {
  console.log('Screenshots:');
  await setStorage({});
  const zh = await shot('card-zh-light', 'https://billing-cost.console.aliyun.com/renew/manual');
  await shot('card-zh-dark', 'https://billing-cost.console.aliyun.com/renew/manual', { scheme: 'dark' });
  await shot('card-en-light', 'https://usercenter2-intl.console.alibabacloud.com/renew/manual');
  await shot('card-en-dark', 'https://usercenter2-intl.console.alibabacloud.com/renew/manual', { scheme: 'dark' });

  await setStorage({
    ...done('tencent-prepaid-destroy-refund', ['filter-to-instance', 'check-refund-type']),
    preferences: { preferredGuides: { tencent: 'tencent-prepaid-destroy-refund' }, hiddenPages: [] },
  });
  await shot('menu-path-tencent', 'https://console.cloud.tencent.com/cvm/instance/index?rid=1', {
    before: async (page) => {
      await page.locator('tbody').getByRole('button', { name: '更多', exact: true }).click();
      await page.waitForTimeout(600);
    },
  });

  const awsGuide = 'aws-stop-payg-charges';
  const steps = await serviceWorker.evaluate(() => null); // keep the worker warm
  void steps;
  await setStorage({ preferences: { preferredGuides: { aws: awsGuide }, hiddenPages: [] } });
  await shot('leftovers-aws-volumes', 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Volumes:', {
    before: async (page) => {
      // Pass the steps before the volume warning with the card's own "Skip" button.
      for (let i = 0; i < 8; i++) {
        const id = await page.evaluate(() =>
          document
            .querySelector('cloudexit-ui')
            ?.shadowRoot?.querySelector('[data-cloudexit="card"]')
            ?.getAttribute('data-step-id'),
        );
        if (!id || id === 'available-volumes-bill') break;
        await page.locator('cloudexit-ui [data-cloudexit-action="skip"]').click();
        await page.waitForTimeout(400);
      }
    },
  });

  for (const [language, name] of [
    ['en', 'popup-en'],
    ['zh', 'popup-zh'],
  ]) {
    await setStorage({
      settings: { language },
      checklist: { 'aliyun-renewal-off': { checked: ['note-instance-ids'] } },
    });
    await zh.reload();
    await zh.waitForTimeout(1200);
    await shot(
      name,
      `chrome-extension://${extensionId}/popup.html?tabId=${await tabIdOf('https://billing-cost.console.aliyun.com/renew/manual')}`,
      {
        size: { width: 400, height: 600 },
        wait: 800,
      },
    );
  }

  await setStorage({
    settings: { language: 'en' },
    knownEvents: { 'aliyun-renewal-off': { expiry: Date.now() + 5 * 86_400_000 } },
    // "Mark as cancelled" sits on the last step of the page.
    progress: {
      'aliyun-renewal-off': {
        done: ['open-auto-renew-tab', 'turn-off-auto-renew', 'open-manual-tab', 'set-not-renew'],
      },
    },
  });
  await zh.reload();
  await zh.waitForTimeout(1200);
  await zh.locator('cloudexit-ui [data-cloudexit-action="mark-cancelled"]').click();
  await zh.waitForTimeout(500);
  await shot(
    'popup-followup',
    `chrome-extension://${extensionId}/popup.html?provider=aliyun&guide=aliyun-renewal-off`,
    {
      size: { width: 400, height: 900 },
      before: (page) => page.locator('[data-cloudexit="followup"]').scrollIntoViewIfNeeded(),
    },
  );
  await shot('options-en', `chrome-extension://${extensionId}/options.html`, {
    size: { width: 900, height: 1000 },
    wait: 800,
  });
} finally {
  await browser.close();
  await server.close();
}
