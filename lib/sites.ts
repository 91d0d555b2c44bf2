/**
 * Self-hosted consoles (Zabbix): the user grants one origin at a time through optional host
 * permissions, and the detector script is registered there at run time. Nothing broad is
 * requested up front.
 */
import { browser } from 'wxt/browser';
import { CONSOLE_HOST_PATTERNS } from '../engine/hosts';

export const SITE_SCRIPT_ID = 'cloudexit-granted-sites';
const DETECTOR_SCRIPT = 'content-scripts/detector.js';

/** `https://zabbix.example.com:8443/zabbix/` → `https://zabbix.example.com/*`; null if not a web address. */
export function originPattern(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim().includes('://') ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname || url.hostname.includes('*')) return null;
  return `${url.protocol}//${url.hostname}/*`;
}

/** Granted origins beyond the built-in console hosts: the sites the user enabled. */
export function userSites(granted: readonly string[]): string[] {
  const builtIn = new Set<string>(CONSOLE_HOST_PATTERNS);
  return granted.filter((origin) => !builtIn.has(origin)).sort();
}

export async function grantedSites(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return userSites(origins);
}

/** Makes the registered detector script cover exactly the granted sites (run on startup and on every change). */
export async function syncSiteScripts(): Promise<void> {
  const sites = await grantedSites();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SITE_SCRIPT_ID] });
  if (sites.length === 0) {
    if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SITE_SCRIPT_ID] });
    return;
  }
  const script = { id: SITE_SCRIPT_ID, matches: sites, js: [DETECTOR_SCRIPT], runAt: 'document_idle' as const };
  if (existing.length > 0) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
}
