/**
 * The Region sweep in real Chromium: visiting the EC2 Instances list in two Regions (one with
 * instances, one empty) records both; the popup shows every Region with the right state, and the
 * states survive a browser restart on the same profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumWithExtension, launchChromiumWithExtension } from './support/chromium.mjs';
import { EXTENSION_DIR } from './support/e2e';
import { type ReplicaServer, startReplicaServer } from './support/replica-server.mjs';

const WITH_INSTANCES = 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:v=3';
const EMPTY = 'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:';

let server: ReplicaServer;
let browser: ChromiumWithExtension | undefined;
const profile = mkdtempSync(path.join(os.tmpdir(), 'cloudexit-region-sweep-'));

async function launch() {
  browser = await launchChromiumWithExtension({ extensionDir: EXTENSION_DIR, port: server.port, userDataDir: profile });
  return browser;
}

async function storedSweep(b: ChromiumWithExtension) {
  return b.serviceWorker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<object> } } } })
      .chrome;
    return ((await api.storage.local.get('regionSweep')) as { regionSweep?: { region: string; count: number }[] })
      .regionSweep;
  });
}

async function popupStates(b: ChromiumWithExtension): Promise<{ states: Record<string, string>; page: Page }> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/popup.html?provider=aws&guide=aws-stop-payg-charges`);
  await page.locator('[data-cloudexit="region-sweep"] [data-region="us-east-1"]').waitFor();
  const states = await page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('[data-cloudexit="region-sweep"] [data-region]'), (el) => [
        el.getAttribute('data-region'),
        el.getAttribute('data-state'),
      ]),
    ),
  );
  return { states, page };
}

beforeAll(async () => {
  server = await startReplicaServer({
    routes: {
      'us-east-1.console.aws.amazon.com/ec2/home': 'aws/ec2-instances.en.new.html',
      'us-west-2.console.aws.amazon.com/ec2/home': 'aws/ec2-instances.en.empty.html',
    },
  });
  await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('Region sweep', () => {
  it('records what the Instances list showed in two Regions, and the popup shows it', async () => {
    const b = browser!;
    for (const url of [WITH_INSTANCES, EMPTY]) {
      const page = await b.context.newPage();
      await page.goto(url);
      const region = new URL(url).searchParams.get('region');
      await expect
        .poll(async () => (await storedSweep(b))?.find((entry) => entry.region === region)?.count, { timeout: 15_000 })
        .toBe(region === 'us-east-1' ? 3 : 0);
      await page.close();
    }
    const { states, page } = await popupStates(b);
    expect(states['us-east-1']).toBe('has-resources');
    expect(states['us-west-2']).toBe('empty');
    expect(Object.values(states).filter((state) => state === 'unvisited').length).toBe(Object.keys(states).length - 2);
    expect(await page.locator('[data-region="us-west-2"] [data-cloudexit="region-last-seen"]').count()).toBe(1);
    expect(
      await page.locator('[data-region="eu-west-1"] [data-cloudexit-action="open-region"]').getAttribute('data-url'),
    ).toBe('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:');
    expect(await page.getByRole('checkbox', { name: /Check every region/ }).isChecked()).toBe(false);
    await page.close();
  });

  it('keeps the states across a browser restart (same profile)', async () => {
    await browser!.close();
    browser = undefined;
    const b = await launch();
    const { states, page } = await popupStates(b);
    expect(states['us-east-1']).toBe('has-resources');
    expect(states['us-west-2']).toBe('empty');
    expect(states['eu-west-1']).toBe('unvisited');
    await page.close();
  });

  it('asked the network for nothing but the two console pages', () => {
    const unasked = server.requests.filter((r) => r.route === null && !r.pathname.endsWith('/favicon.ico'));
    expect(unasked.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([]);
  });
});
