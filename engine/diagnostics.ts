import type { CandidateReport } from './locate';

/** Instance, order and account ids look like these; they never leave the user's clipboard unmasked. */
const ID_PATTERNS: RegExp[] = [
  /\b[a-z]{1,6}-[a-z0-9]{8,}\b/gi, // i-bp1a2b3c…, vol-0abc…, eip-…, ins-…
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // UUIDs
  /\b\d{6,}\b/g, // order numbers, account ids
  /\b[0-9a-f]{12,}\b/gi, // long hex
];

function maskIds(text: string): string {
  return ID_PATTERNS.reduce((value, pattern) => value.replace(pattern, ':id'), text);
}

/**
 * The distinct keys of a query. `forEach`, not the iterator: in a Firefox content script the URL
 * objects come from the page's compartment and their iterators are not iterable there.
 */
function queryKeys(params: URLSearchParams): string[] {
  const keys: string[] = [];
  params.forEach((_value, key) => {
    if (!keys.includes(key)) keys.push(key);
  });
  return keys;
}

/**
 * The page address without anything personal: query values dropped (keys kept, they explain the
 * route) and ids masked in the path and hash route.
 */
export function sanitizeUrl(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  const keys = queryKeys(url.searchParams);
  const query = keys.length ? `?${keys.map((key) => `${encodeURIComponent(key)}=`).join('&')}` : '';
  const [hashPath = '', hashQuery] = url.hash.split('?');
  const hashKeys = hashQuery ? queryKeys(new URLSearchParams(hashQuery)) : [];
  const hash = `${maskIds(hashPath)}${hashKeys.length ? `?${hashKeys.map((key) => `${key}=`).join('&')}` : ''}`;
  return `${url.origin}${maskIds(url.pathname)}${query}${hash}`;
}

export interface DiagnosticReport {
  kind: 'cloudexit-diagnostic';
  extensionVersion: string;
  browser: string;
  url: string;
  pageId: string;
  guideId: string;
  stepId: string;
  anchorTried: CandidateReport[];
  createdAt: string;
}

export function buildDiagnosticReport(
  input: Omit<DiagnosticReport, 'kind' | 'url' | 'createdAt'> & { href: string; now: Date },
): DiagnosticReport {
  const { href, now, ...rest } = input;
  return { kind: 'cloudexit-diagnostic', ...rest, url: sanitizeUrl(href), createdAt: now.toISOString() };
}
