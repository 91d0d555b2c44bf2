/**
 * The popup's side of the page outline (issue 19): ask the described tab for its outline by
 * injecting the on-demand script (entrypoints/page-outline.ts), and check what comes back against
 * the outline schema before it is shown. Nothing is stored: the JSON lives in the popup's memory
 * until the popup closes, unless the user copies or saves it.
 */
import { browser } from 'wxt/browser';
import { CONSOLE_HOST_PATTERNS } from '../engine/hosts';
import { hostMatches } from '../engine/url';
import { parseOutlineText } from '../rules/outline-schema';

/** The unlisted script's path in the built extension (WXT writes `entrypoints/page-outline.ts` there). */
export const PAGE_OUTLINE_SCRIPT = '/page-outline.js';

/**
 * Whether an address is on one of the console hosts CloudExit may run on (recognised page or not):
 * the built-in hosts, plus any self-hosted site the user enabled (`https://zabbix.example.com/*`).
 */
export function isConsoleUrl(href: string | undefined, patterns: readonly string[] = CONSOLE_HOST_PATTERNS): boolean {
  let url: URL;
  try {
    url = new URL(href ?? '');
  } catch {
    return false;
  }
  return patterns.some((pattern) => {
    const [, scheme, host] = /^(\w+):\/\/([^/]+)\//.exec(pattern) ?? [];
    return url.protocol === `${scheme}:` && host !== undefined && hostMatches(host, url.hostname);
  });
}

/** The outline JSON of the tab's top frame, exactly as the popup shows and copies it. */
export async function requestPageOutline(tabId: number): Promise<string> {
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_OUTLINE_SCRIPT] });
  const json: unknown = injection?.result;
  if (typeof json !== 'string') throw new Error('the page gave no outline');
  const checked = parseOutlineText(json);
  if (!checked.ok) throw new Error(`the page's outline is malformed: ${checked.error}`);
  return json;
}

/** A file name for "Save as file": the console host and nothing else from the page. */
export function outlineFileName(href: string | undefined): string {
  let host = 'page';
  try {
    host = new URL(href ?? '').hostname.replace(/[^a-z0-9.-]/gi, '') || host;
  } catch {
    // keep "page"
  }
  return `cloudexit-outline-${host}.json`;
}
