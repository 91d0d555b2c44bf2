/** One replica server + one Chromium with the built extension, shared by the tests of a file. */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromiumWithExtension } from './chromium.mjs';
import { PAGE_GUARD_SCRIPT } from './overlay';
import { startReplicaServer } from './replica-server.mjs';

export const EXTENSION_DIR = join(import.meta.dirname, '..', '..', '..', '.output', 'chrome-mv3');

type ChromiumHandle = Awaited<ReturnType<typeof launchChromiumWithExtension>>;
type ServerHandle = Awaited<ReturnType<typeof startReplicaServer>>;

export interface E2E {
  server: ServerHandle;
  browser: ChromiumHandle;
  context: BrowserContext;
  openPage(url: string): Promise<Page>;
  /** Replaces everything in the extension's storage.local (progress, preferences). */
  setStorage(values: Record<string, unknown>): Promise<void>;
  readStorage(): Promise<Record<string, unknown>>;
  /**
   * Requests the extension made over the network: any request from an extension page or worker
   * to a non-extension URL, and any request the replica server received that no test page asked
   * for (a page load or its favicon). CloudExit promises none.
   */
  extensionNetworkRequests(): string[];
  close(): Promise<void>;
}

export async function startE2E(routes: Record<string, string> = {}, extensionDir = EXTENSION_DIR): Promise<E2E> {
  const server = await startReplicaServer({ routes });
  const browser = await launchChromiumWithExtension({ extensionDir, port: server.port });
  const { context } = browser;
  await context.addInitScript(PAGE_GUARD_SCRIPT);
  const fromExtension: string[] = [];
  context.on('request', (request) => {
    let origin = '';
    try {
      origin = request.frame().url();
    } catch {
      origin = 'chrome-extension://service-worker'; // requests without a frame come from a worker
    }
    if (origin.startsWith('chrome-extension://') && !request.url().startsWith('chrome-extension://')) {
      fromExtension.push(`${request.method()} ${request.url()} (from ${origin})`);
    }
  });
  type StorageApi = {
    storage: { local: { clear(): Promise<void>; set(v: object): Promise<void>; get(): Promise<object> } };
  };
  const chromeApi = 'chrome';
  return {
    server,
    browser,
    context,
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async setStorage(values) {
      await browser.serviceWorker.evaluate(
        async ([name, v]) => {
          const api = (globalThis as unknown as Record<string, StorageApi>)[name as string]!;
          await api.storage.local.clear();
          await api.storage.local.set(v as object);
        },
        [chromeApi, values] as const,
      );
    },
    async readStorage() {
      return browser.serviceWorker.evaluate(async (name) => {
        const api = (globalThis as unknown as Record<string, StorageApi>)[name]!;
        return (await api.storage.local.get()) as Record<string, unknown>;
      }, chromeApi);
    },
    extensionNetworkRequests() {
      const unasked = server.requests
        .filter(
          (request) =>
            request.method !== 'GET' || (request.route === null && !request.pathname.endsWith('/favicon.ico')),
        )
        .map(
          (request) =>
            `${request.method} https://${request.host}${request.path} (unrouted, reached the replica server)`,
        );
      return [...fromExtension, ...unasked];
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The closing check of every E2E file: CloudExit made no network request during it. */
export function describeNoExtensionNetwork(e2e: () => E2E): void {
  describe('privacy', () => {
    it('made no network request from any extension context during this file', () => {
      expect(e2e().extensionNetworkRequests()).toEqual([]);
    });
  });
}
