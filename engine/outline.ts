/**
 * The page outline (issue 19): when CloudExit does not help on a console page, the user can hand
 * over the page's *shape* — landmarks, headings, breadcrumbs, tabs, menus, buttons and links with
 * their role, accessible name and state, form controls, table headers and one row per table, the
 * language, the region/language controls — and a maintainer turns it into a replica fixture.
 *
 * Privacy by construction: only labels survive (the words of the console's own UI: control names,
 * headings, column headers, menu items), and even those are scrubbed of ids, IPs, e-mails, amounts,
 * dates, long numbers and resource-name-shaped words. Every other text becomes a token (`:id`,
 * `:ip`, `:email`, `:amount`, `:date`, `:number`, `:text(n)`): table cells, links inside table
 * cells (resource names), paragraphs, the last crumb of a breadcrumb. Input values, titles and
 * hashed class names are never read. The user sees all of it before anything is copied.
 *
 * Bounded work: elements visited, nodes kept, text read per label, nesting depth and the output
 * size (≤ 200 KB) are all capped, and the outline says which caps it hit.
 *
 * Pure: DOM types only, no `browser.*`, no React. The shape is rules/outline-schema.ts.
 */
import type { OutlineNode, OutlineState, PageOutline } from '../rules/outline-schema';
import { sanitizeUrl } from './diagnostics';
import { accessibleName, isRendered } from './locate';

export const OUTLINE_FORMAT = 'cloudexit-page-outline';
export const OUTLINE_VERSION = 1;
/** The issue's cap on the JSON the user copies, in UTF-8 bytes. */
export const OUTLINE_MAX_BYTES = 200_000;
export const OUTLINE_LIMITS = {
  /** Elements looked at, across shadow roots and frames (a 10,000-node page fits; 100,000 does not). */
  elements: 30_000,
  /** Outline nodes kept. */
  nodes: 2_500,
  /** Nesting of kept nodes (wrappers in between are flattened away). */
  depth: 40,
  /** DOM nesting walked (a hostile page may nest 100,000 deep). */
  domDepth: 400,
  /** Characters of one label or text run (longer ones end in "…"). */
  labelChars: 120,
  classesPerNode: 6,
} as const;
export const OUTLINE_TRUNCATION_REASONS = ['elements', 'nodes', 'depth', 'bytes'] as const;
type TruncationReason = (typeof OUTLINE_TRUNCATION_REASONS)[number];

/** The tags a replica can render; anything else (custom elements, <b>, <p>) is a `div` or `span`. */
export const OUTLINE_TAGS = [
  'div',
  'span',
  'a',
  'button',
  'input',
  'select',
  'option',
  'textarea',
  'label',
  'fieldset',
  'legend',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'nav',
  'main',
  'header',
  'footer',
  'aside',
  'section',
  'article',
  'dialog',
  'details',
  'summary',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'iframe',
] as const;
type OutlineTag = (typeof OUTLINE_TAGS)[number];
const TAG_SET = new Set<string>(OUTLINE_TAGS);
const INLINE_TAGS = new Set(['SPAN', 'B', 'I', 'EM', 'STRONG', 'SMALL', 'CODE', 'LABEL', 'ABBR', 'FONT', 'SUP', 'SUB']);
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'TEMPLATE',
  'NOSCRIPT',
  'HEAD',
  'META',
  'LINK',
  'svg',
  'SVG',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'OBJECT',
  'EMBED',
  // CloudExit's own card and rings are not the console's shape.
  'CLOUDEXIT-UI',
]);

/** Roles the outline keeps when an element declares them. */
const KEPT_ROLES = new Set([
  'banner',
  'navigation',
  'main',
  'complementary',
  'contentinfo',
  'region',
  'search',
  'form',
  'dialog',
  'alertdialog',
  'heading',
  'button',
  'link',
  'tab',
  'tablist',
  'tabpanel',
  'menu',
  'menubar',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'toolbar',
  'listbox',
  'option',
  'combobox',
  'textbox',
  'searchbox',
  'checkbox',
  'radio',
  'radiogroup',
  'switch',
  'spinbutton',
  'slider',
  'tree',
  'treeitem',
  'grid',
  'table',
  'treegrid',
  'rowgroup',
  'row',
  'columnheader',
  'rowheader',
  'gridcell',
  'cell',
  'list',
  'listitem',
  'group',
  'status',
  'alert',
  'tooltip',
]);
/** Roles whose accessible name comes from their content. */
const NAME_FROM_CONTENT = new Set([
  'button',
  'link',
  'tab',
  'menuitem',
  'menuitemcheckbox',
  'menuitemradio',
  'option',
  'heading',
  'columnheader',
  'rowheader',
  'checkbox',
  'radio',
  'switch',
  'treeitem',
]);
/** Roles whose text is console vocabulary (labels), and containers of such controls. */
const LABEL_ROLES = new Set([
  ...NAME_FROM_CONTENT,
  'navigation',
  'tablist',
  'menu',
  'menubar',
  'toolbar',
  'listbox',
  'radiogroup',
  'tree',
  'combobox',
]);
/** Roles whose text is the user's data whatever surrounds them. */
const DATA_ROLES = new Set(['cell', 'gridcell', 'status', 'alert', 'tooltip', 'textbox', 'searchbox']);
/** Roles whose name is the user's data when it comes from their content inside a data context. */
const DATA_NAMED_ROLES = new Set(['link', 'cell', 'gridcell']);
const FORM_CONTROL_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Class words of console controls drawn without roles (Fusion `next-tabs-tab`, TEA `tea-btn`, …). */
const CONTROL_CLASS =
  /btn|button|tab|menu|dropdown|radio|checkbox|switch|select|option|breadcrumb|nav|pagination|title/i;
/** Class words of structure worth keeping for anchors (`.tea-table table`, `.next-search input`). */
const STRUCTURE_CLASS = /table|search|list|toolbar|panel|card|dialog|modal|form|field|label|item|status|header/i;
/** Stable class names: letters, "-" and "_"; hashed ones (`awsui_button_vjswe_1379`, `_3xKq9`) carry digits. */
/** Class words of the signed-in user's corner (avatar, nickname, account menu): always data. */
const PERSONAL_CLASS = /avatar|user|account|profile|nick|owner|member|login-name/i;
const STABLE_TOKEN = /^[A-Za-z][A-Za-z_-]{0,39}$/;
const BREADCRUMB = /breadcrumb|面包屑/i;
const REGION_HINT = /region|地域|区域|地区/i;
const LANGUAGE_HINT = /\blang|language|locale|语言/i;

// ---------------------------------------------------------------------------------------------
// Text: labels are scrubbed, everything else becomes a token.

/** Bidi overrides and isolates, zero-width and control characters: a label renders as plain text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL_TEXT = /\b(?:https?|ftp|wss?):\/\/\S+/gi;
const ARN = /\barn:[a-z0-9-]+:[^\s]*/gi;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?::\d{1,5})?\b/g;
const IPV6 = /(?:\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b|::[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)(?:\/\d{1,3})?/gi;
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE = new RegExp(
  [
    String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?(?:\s*(?:Z|UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|Z)?`,
    String.raw`\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b`,
    String.raw`\b(?:${MONTHS})[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
    String.raw`\b\d{1,2}\s+(?:${MONTHS})[a-z]*\.?,?\s+\d{4}\b`,
    String.raw`\d{1,2}\s*月\s*\d{1,2}\s*日`,
    String.raw`\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?\b`,
  ].join('|'),
  'gi',
);
const NUMBER_TEXT = String.raw`\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const AMOUNT = new RegExp(
  [
    String.raw`(?:[¥￥$€£₩]|US\$|HK\$|(?:USD|CNY|RMB|HKD|EUR|GBP|JPY)\s?)\s?-?(?:${NUMBER_TEXT})`,
    String.raw`-?(?:${NUMBER_TEXT})\s?(?:元|美元|人民币|USD|CNY|RMB|HKD|EUR|GBP|JPY)`,
  ].join('|'),
  'gi',
);
/** Instance, volume, order and account ids, UUIDs, long hex (the diagnostic report's patterns, and more). */
const IDS = [
  /\b[a-z]{1,12}-(?=[a-z]*\d)[a-z0-9]{6,}\b/gi, // i-bp1a2b3c…, vol-0abc…, ins-8k3m2n9p (a digit: not "Auto-Renewal")
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b[0-9a-f]{12,}\b/gi,
  /\b\d{4}-\d{4}-\d{4}\b/g, // AWS account ids as the console prints them
];
/** Phone numbers and long numbers (account ids, order numbers): five digits or more. */
const LONG_NUMBER = /\+?\d[\d\s-]{3,}\d|\d{5,}/g;
/** Region codes are console vocabulary, not personal: us-east-1, cn-hangzhou, ap-guangzhou. */
const REGION_CODE =
  /^(?:us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:gov-|iso-)?(?:east|west|north|south|central|northeast|southeast|northwest|southwest|hangzhou|shanghai|beijing|shenzhen|qingdao|zhangjiakou|huhehaote|wulanchabu|chengdu|guangzhou|nanjing|hongkong|fuzhou|wuhan|heyuan|singapore|tokyo|seoul|mumbai|bangkok|jakarta|manila|frankfurt|london|virginia|siliconvalley|saopaulo)(?:-[a-z]+)?(?:-\d{1,2})?$/i;
/** Lower-case hyphenated words consoles use in running text. */
const HYPHENATED_WORDS = new Set([
  'pay-as-you-go',
  'auto-renewal',
  'auto-renew',
  'non-renewal',
  'in-use',
  'read-only',
  'e-mail',
  'on-demand',
  'sign-in',
  'log-in',
  'opt-in',
  'opt-out',
  'built-in',
  'add-on',
  'add-ons',
  'follow-up',
  'set-up',
  'pop-up',
  'drop-down',
  'up-to-date',
  'multi-factor',
  'cross-region',
  'month-end',
]);
/**
 * Resource names look like slugs ("web-prod", "db_01", "my.bucket") or mix letters and digits
 * ("ecs2024prod"); console labels are words ("Auto-Renewal", "Instance state", "续订").
 */
function looksLikeName(word: string): boolean {
  if (REGION_CODE.test(word)) return false;
  const slug = /^[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)+$/u.test(word);
  if (slug && /[a-z]/.test(word)) {
    if (/\d/.test(word)) return word.length >= 6; // "web-01", "db_2024"; not "5-day"
    return word === word.toLowerCase() && !HYPHENATED_WORDS.has(word); // "web-prod"; not "pay-as-you-go"
  }
  // "ecs2024prod", "db01x"; not "自动续订3" (a label with its count) nor "IPv4".
  return /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{5,}$/.test(word);
}

function cap(value: string): string {
  return value.length > OUTLINE_LIMITS.labelChars ? `${value.slice(0, OUTLINE_LIMITS.labelChars - 1)}…` : value;
}

function collapse(value: string): string {
  return value.replace(INVISIBLE, '').replace(/\s+/g, ' ');
}

/** A label with everything personal masked: the console's words stay, the user's data does not. */
export function scrubLabel(raw: string): string {
  let value = collapse(raw)
    .replace(EMAIL, ':email')
    .replace(URL_TEXT, ':id')
    .replace(ARN, ':id')
    .replace(IPV4, ':ip')
    .replace(IPV6, (match) => (/[0-9a-f]{1,4}:[0-9a-f]{0,4}:/i.test(match) || match.startsWith('::') ? ':ip' : match))
    .replace(DATE, ':date')
    .replace(AMOUNT, ':amount');
  for (const pattern of IDS) value = value.replace(pattern, ':id');
  value = value.replace(LONG_NUMBER, ':number');
  value = value
    .split(' ')
    .map((word) => {
      const bare = word.replace(/^[(（[「"'“]+|[)）\]」"'”,.，。:：;；!?]+$/g, '');
      return bare && !bare.startsWith(':') && looksLikeName(bare) ? word.replace(bare, ':id') : word;
    })
    .join(' ');
  return cap(value);
}

const WHOLE = (pattern: RegExp) => new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace('g', ''));
const WHOLE_TOKENS: [RegExp, string][] = [
  [WHOLE(EMAIL), ':email'],
  [WHOLE(IPV4), ':ip'],
  [WHOLE(IPV6), ':ip'],
  [WHOLE(DATE), ':date'],
  [WHOLE(AMOUNT), ':amount'],
  ...IDS.map((pattern): [RegExp, string] => [WHOLE(pattern), ':id']),
  [WHOLE(ARN), ':id'],
  [/^[+-]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?\s?%?$/, ':number'],
];

/** Text that is not a label: only its kind and length survive. */
export function dataToken(raw: string, length = raw.length): string {
  const value = collapse(raw).trim();
  for (const [pattern, token] of WHOLE_TOKENS) if (pattern.test(value)) return token;
  if (/^\S+$/.test(value) && looksLikeName(value)) return ':id';
  return `:text(${Math.max(length, value.length)})`;
}

// ---------------------------------------------------------------------------------------------
// Roles, names and attributes

/** The role an element has without a role attribute (the subset consoles use). */
export function implicitRole(element: Element): string | null {
  const tag = element.tagName.toUpperCase();
  switch (tag) {
    case 'A':
    case 'AREA':
      return element.hasAttribute('href') ? 'link' : null;
    case 'BUTTON':
    case 'SUMMARY':
      return 'button';
    case 'INPUT': {
      const type = (element.getAttribute('type') ?? 'text').toLowerCase();
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      if (type === 'search') return 'searchbox';
      if (type === 'hidden') return null;
      if (type === 'number') return 'spinbutton';
      if (type === 'range') return 'slider';
      return 'textbox';
    }
    case 'SELECT':
      return element.hasAttribute('multiple') ? 'listbox' : 'combobox';
    case 'TEXTAREA':
      return 'textbox';
    case 'OPTION':
      return 'option';
    case 'H1':
    case 'H2':
    case 'H3':
    case 'H4':
    case 'H5':
    case 'H6':
      return 'heading';
    case 'NAV':
      return 'navigation';
    case 'MAIN':
      return 'main';
    case 'ASIDE':
      return 'complementary';
    case 'HEADER':
      return element.parentElement?.closest('article, aside, main, nav, section') ? null : 'banner';
    case 'FOOTER':
      return element.parentElement?.closest('article, aside, main, nav, section') ? null : 'contentinfo';
    case 'FORM':
      return 'form';
    case 'SECTION':
      return element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? 'region' : null;
    case 'DIALOG':
      return 'dialog';
    case 'TABLE':
      return 'table';
    case 'THEAD':
    case 'TBODY':
    case 'TFOOT':
      return 'rowgroup';
    case 'TR':
      return 'row';
    case 'TH':
      return element.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader';
    case 'TD':
      return 'cell';
    case 'UL':
    case 'OL':
      return 'list';
    case 'LI':
      return 'listitem';
    case 'FIELDSET':
    case 'DETAILS':
      return 'group';
    default:
      return null;
  }
}

function explicitRole(element: Element): string | null {
  const value = element.getAttribute('role');
  if (value === null) return null;
  for (const token of value.trim().toLowerCase().split(/\s+/)) {
    if (token === 'presentation' || token === 'none' || KEPT_ROLES.has(token) || token === 'generic') return token;
  }
  return null;
}

function outlineTag(element: Element): OutlineTag {
  const tag = element.tagName.toLowerCase();
  if (TAG_SET.has(tag)) return tag as OutlineTag;
  return INLINE_TAGS.has(element.tagName.toUpperCase()) ? 'span' : 'div';
}

function stableClasses(element: Element): string[] {
  const value = element.getAttribute('class');
  if (!value) return [];
  return value
    .split(/\s+/)
    .filter((token) => STABLE_TOKEN.test(token))
    .slice(0, OUTLINE_LIMITS.classesPerNode);
}

function stableAttribute(element: Element, name: string): string | undefined {
  const value = element.getAttribute(name);
  return value !== null && STABLE_TOKEN.test(value) ? value : undefined;
}

const SAFE_QUERY_KEYS = new Set(['action', 'sort', 'sortorder', 'order', 'tab', 'view', 'lang', 'region', 'type']);
const SAFE_QUERY_VALUE = /^[a-z][a-z._-]{0,23}$/i;

/**
 * A link's destination without anything personal: script URLs dropped, same-origin routes with
 * ids masked and only UI query values (sort=status, action=host.list), other sites as their origin.
 */
export function sanitizeHref(raw: string, base: string): string | undefined {
  const value = collapse(raw).trim();
  if (!value || /^(?:javascript|data|vbscript|blob|file):/i.test(value)) return undefined;
  // Consoles have thousands of links: routes are cut as strings; only other forms pay for URL parsing.
  if (value.startsWith('#'))
    return maskedRoute(`${/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(base)?.[1] ?? '/'}${value}`);
  if (value.startsWith('/') && !value.startsWith('//')) return maskedRoute(value);
  try {
    const baseUrl = new URL(base);
    const url = new URL(value, baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.origin !== baseUrl.origin) return `${url.origin}/`;
    return maskedRoute(`${url.pathname}${url.search}${url.hash}`);
  } catch {
    return undefined;
  }
}

/** Query keys stay (they explain the route); values only for UI keys with word-like values. */
function cleanQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      let key: string;
      let value: string;
      try {
        key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
        value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      } catch {
        return '';
      }
      if (!STABLE_TOKEN.test(key)) return '';
      return `${key}=${SAFE_QUERY_KEYS.has(key.toLowerCase()) && SAFE_QUERY_VALUE.test(value) ? value : ''}`;
    })
    .filter(Boolean)
    .join('&');
}

/** `/path?query#hash-route?hash-query` with ids masked in both paths and the queries cleaned. */
function maskedRoute(route: string): string {
  const hashAt = route.indexOf('#');
  const main = hashAt < 0 ? route : route.slice(0, hashAt);
  const hash = hashAt < 0 ? '' : route.slice(hashAt + 1);
  const split = (part: string): [string, string | null] => {
    const at = part.indexOf('?');
    return at < 0 ? [part, null] : [part.slice(0, at), cleanQuery(part.slice(at + 1))];
  };
  const [path, query] = split(main);
  const [hashPath, hashQuery] = split(hash);
  const withQuery = (part: string, q: string | null) => `${maskRoute(part)}${q ? `?${q}` : ''}`;
  return `${withQuery(path, query)}${hashAt < 0 ? '' : `#${withQuery(hashPath, hashQuery)}`}`.slice(0, 300);
}

/** Ids the diagnostic report's patterns miss (account ids with dashes, e-mails, IPs) are masked too. */
function maskRoute(route: string): string {
  let value = route.replace(EMAIL, ':email').replace(IPV4, ':ip');
  for (const pattern of IDS) value = value.replace(pattern, ':id');
  value = value.replace(/\d{5,}/g, ':number');
  // Resource names in routes ("/bucket/web-prod-01/", "#/db/my_db"): slugs with a digit, "_" or ".".
  // Route words ("log-groups", "renew/manual", "logsV2"), region codes and file names stay.
  return value.replace(/[^/:=&?#,;]+/g, (segment) =>
    /^[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)+$/u.test(segment) &&
    (/[_.]/.test(segment) || (/\d/.test(segment) && segment.length >= 6)) &&
    !REGION_CODE.test(segment) &&
    !/\.(?:php|html?|jsp|aspx?|do|action|json)$/i.test(segment)
      ? ':id'
      : segment,
  );
}

function booleanAttribute(element: Element, name: string): boolean | undefined {
  const value = element.getAttribute(name);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

const CURRENT_VALUES = new Set(['page', 'step', 'location', 'date', 'time', 'true']);
const POPUP_VALUES = new Set(['true', 'menu', 'listbox', 'tree', 'grid', 'dialog']);

function stateOf(element: Element): OutlineState | undefined {
  const state: OutlineState = {};
  const native = FORM_CONTROL_TAGS.has(element.tagName) || element.tagName === 'BUTTON';
  if ((native && element.hasAttribute('disabled')) || element.getAttribute('aria-disabled') === 'true') {
    state.disabled = true;
  }
  const selected = booleanAttribute(element, 'aria-selected');
  if (selected !== undefined) state.selected = selected;
  else if (element.tagName === 'OPTION' && element.hasAttribute('selected')) state.selected = true;
  const expanded = booleanAttribute(element, 'aria-expanded');
  if (expanded !== undefined) state.expanded = expanded;
  const ariaChecked = element.getAttribute('aria-checked');
  if (ariaChecked === 'mixed') state.checked = 'mixed';
  else if (ariaChecked === 'true' || ariaChecked === 'false') state.checked = ariaChecked === 'true';
  else if (element.tagName === 'INPUT' && ['checkbox', 'radio'].includes((element as HTMLInputElement).type)) {
    state.checked = (element as HTMLInputElement).checked;
  }
  const pressed = booleanAttribute(element, 'aria-pressed');
  if (pressed !== undefined) state.pressed = pressed;
  const current = element.getAttribute('aria-current')?.toLowerCase();
  if (current && CURRENT_VALUES.has(current)) state.current = current as OutlineState['current'];
  const popup = element.getAttribute('aria-haspopup')?.toLowerCase();
  if (popup && POPUP_VALUES.has(popup)) state.hasPopup = popup as OutlineState['hasPopup'];
  return Object.keys(state).length > 0 ? state : undefined;
}

/** Where `accessibleName` takes the name from, mirrored so the replica can put it in the same place. */
function nameSource(element: Element, textOf: (element: Element) => string): OutlineNode['nameFrom'] | 'content' {
  if (element.getAttribute('aria-labelledby')?.trim() || element.getAttribute('aria-label')?.trim()) return 'aria';
  if (FORM_CONTROL_TAGS.has(element.tagName)) return 'label';
  return textOf(element).trim() ? 'content' : 'title';
}

// ---------------------------------------------------------------------------------------------
// The walk

type TextContext = 'label' | 'data' | 'crumb';

interface Run {
  raw: string;
  length: number;
}
type Item = OutlineNode | Run;

interface Walk {
  base: string;
  limits: OutlineLimits;
  elements: number;
  nodes: number;
  bytes: number;
  maxBytes: number;
  truncated: Set<TruncationReason>;
  /** A cap was reached: nothing more is looked at. */
  full: boolean;
}

export type OutlineLimits = { [K in keyof typeof OUTLINE_LIMITS]: number };

/** Reads at most a label's worth of text from an element (a label may hold 10 MB). */
function boundedText(walk: Walk): (element: Element) => string {
  return (element) => {
    const limit = walk.limits.labelChars * 2;
    let out = '';
    const doc = element.ownerDocument;
    const walker = doc.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
    let steps = 0;
    for (let node = walker.nextNode(); node && out.length < limit && steps < 200; node = walker.nextNode()) {
      steps++;
      out += (node as Text).data.slice(0, limit - out.length);
    }
    return out;
  };
}

function isBodyRow(element: Element): boolean {
  return element.querySelector(':scope > td, :scope > [role="gridcell"], :scope > [role="cell"]') !== null;
}

interface RowGroup {
  sampled: boolean;
  count: number;
}

function hint(element: Element, name: string | undefined): OutlineNode['chrome'] {
  const words = [
    element.id,
    element.getAttribute('data-testid') ?? '',
    element.getAttribute('class') ?? '',
    element.getAttribute('aria-label') ?? '',
    name ?? '',
  ].join(' ');
  if (REGION_HINT.test(words)) return 'region';
  if (LANGUAGE_HINT.test(words)) return 'language';
  return undefined;
}

function utf8Length(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 2 : 3;
  }
  return bytes;
}

/** The node's share of `outlineJson` (one line per field, indented one space per level). */
function estimatedBytes(node: OutlineNode, depth: number): number {
  const indent = 2 * depth + 4;
  const lines =
    Object.keys(node).length + (node.state ? Object.keys(node.state).length + 1 : 0) + (node.classes?.length ?? 0) + 4;
  return utf8Length(JSON.stringify(node)) + lines * indent;
}

function finishRuns(items: Item[], context: TextContext): (string | OutlineNode)[] {
  const out: (string | OutlineNode)[] = [];
  for (const item of items) {
    if (!('raw' in item)) {
      out.push(item);
      continue;
    }
    const text = context === 'label' ? scrubLabel(item.raw).trim() : dataToken(item.raw, item.length);
    if (text) out.push(text);
  }
  return out;
}

function pushText(items: Item[], data: string, walk: Walk): void {
  if (!/\S/.test(data.slice(0, 4096))) {
    // Whitespace between two inline pieces still separates words.
    const last = items[items.length - 1];
    if (last && 'raw' in last && !last.raw.endsWith(' ')) last.raw += ' ';
    return;
  }
  const limit = walk.limits.labelChars * 2;
  const last = items[items.length - 1];
  if (last && 'raw' in last) {
    if (last.raw.length < limit) last.raw += data.slice(0, limit - last.raw.length);
    last.length += data.length;
    return;
  }
  items.push({ raw: data.slice(0, limit), length: data.trim().length });
  walk.bytes += Math.min(data.length, walk.limits.labelChars) * 2 + 40;
}

function walkChildren(
  parent: ParentNode,
  items: Item[],
  context: TextContext,
  depth: { dom: number; kept: number },
  hidden: boolean,
  group: RowGroup | null,
  walk: Walk,
): void {
  if (depth.dom > walk.limits.domDepth) {
    walk.truncated.add('depth');
    return;
  }
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) pushText(items, (child as Text).data, walk);
    else if (child.nodeType === 1) visitElement(child as Element, items, context, depth, hidden, group, walk);
  }
}

function visitElement(
  element: Element,
  items: Item[],
  context: TextContext,
  depth: { dom: number; kept: number },
  parentHidden: boolean,
  group: RowGroup | null,
  walk: Walk,
): void {
  if (walk.full) return;
  if (walk.elements >= walk.limits.elements) {
    walk.truncated.add('elements');
    walk.full = true;
    return;
  }
  walk.elements++;
  if (SKIPPED_TAGS.has(element.tagName) || SKIPPED_TAGS.has(element.tagName.toUpperCase())) return;
  if (element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'hidden') return;

  const declared = explicitRole(element);
  const role = declared === 'presentation' || declared === 'none' ? null : (declared ?? implicitRole(element));

  // Tables: header rows in full, then one rendered body row per row group, and the count.
  if (role === 'row' && group && isBodyRow(element)) {
    if (group.sampled) {
      group.count++;
      return;
    }
    if (!parentHidden && !isRendered(element)) return;
    group.sampled = true;
    group.count++;
  }

  const classes = stableClasses(element);
  const classText = classes.join(' ');
  const controlClass = classText !== '' && CONTROL_CLASS.test(classText);
  const kept =
    (role !== null && role !== 'generic' && KEPT_ROLES.has(role)) ||
    controlClass ||
    (classText !== '' && STRUCTURE_CLASS.test(classText)) ||
    element.shadowRoot !== null ||
    (group?.sampled !== true && stableAttribute(element, 'data-testid') !== undefined) ||
    ['LABEL', 'LEGEND', 'CAPTION', 'IFRAME'].includes(element.tagName);
  const next = { dom: depth.dom + 1, kept: depth.kept };
  if (!kept) {
    walkChildren(element, items, context, next, parentHidden, group, walk);
    return;
  }
  if (walk.nodes >= walk.limits.nodes) {
    // Nothing more can be kept: stop looking (a 100,000-element page costs no more than the cap).
    walk.truncated.add('nodes');
    walk.full = true;
    return;
  }
  if (depth.kept >= walk.limits.depth) {
    walk.truncated.add('depth');
    return;
  }

  const node: OutlineNode = { tag: outlineTag(element) };
  if (declared && declared !== 'generic') node.role = declared;
  const hidden = !parentHidden && !isRendered(element);

  // Whose words are these? Controls, headings and menus speak the console's language; cells,
  // links inside cells and the last crumb of a breadcrumb show the user's data.
  const ariaLabel = element.getAttribute('aria-label');
  const crumb =
    (classText !== '' && BREADCRUMB.test(classText)) ||
    (ariaLabel !== null && BREADCRUMB.test(ariaLabel)) ||
    (role === 'navigation' && BREADCRUMB.test(element.id));
  let inner: TextContext = context;
  if (crumb) inner = 'crumb';
  else if (
    (classText !== '' && PERSONAL_CLASS.test(classText)) ||
    (element.id !== '' && PERSONAL_CLASS.test(element.id))
  )
    inner = 'data';
  else if (role && DATA_ROLES.has(role)) inner = 'data';
  else if (role === 'link')
    inner =
      context === 'crumb' || context === 'label' || !element.closest('td, [role="cell"], [role="gridcell"]')
        ? 'label'
        : 'data';
  else if (
    (role && LABEL_ROLES.has(role)) ||
    controlClass ||
    ['LABEL', 'LEGEND', 'CAPTION'].includes(element.tagName)
  ) {
    inner = 'label';
  }

  const reader = boundedText(walk);
  const source = nameSource(element, reader);
  if (role !== null && (NAME_FROM_CONTENT.has(role) || source === 'aria' || source === 'label')) {
    const raw =
      source === 'label' && element.tagName !== 'INPUT' ? labelsText(element, reader) : accessibleName(element, reader);
    // A form control's name is its label (its value is never read); an aria-label is the console's
    // own wording, except on a cell or a link inside a cell, where it names the user's resource.
    const dataName =
      role !== null && DATA_NAMED_ROLES.has(role) ? inner === 'data' : source === 'content' && inner === 'data';
    const name = dataName ? (raw.trim() ? dataToken(raw) : '') : scrubLabel(raw).trim();
    if (name) {
      node.name = name;
      if (source !== 'content') node.nameFrom = source;
    }
  }
  const level = role === 'heading' ? Number(element.getAttribute('aria-level') ?? element.tagName.slice(1)) : NaN;
  if (Number.isInteger(level) && level >= 1 && level <= 9) node.level = level;
  if (element.tagName === 'INPUT') {
    const type = (element.getAttribute('type') ?? '').toLowerCase();
    if (/^[a-z]{1,16}$/.test(type)) node.inputType = type;
  }
  const placeholder = element.getAttribute('placeholder');
  if (placeholder?.trim()) node.placeholder = scrubLabel(placeholder).trim();
  const state = stateOf(element);
  if (state || hidden) node.state = { ...state, ...(hidden ? { hidden: true } : {}) };
  if (classes.length > 0) node.classes = classes;
  // Inside a table's body row, ids and test ids are often made from the resource ("row-web-prod").
  const inBodyRow = group?.sampled === true;
  const id = inBodyRow ? undefined : stableAttribute(element, 'id');
  if (id) node.id = id;
  const testId = inBodyRow ? undefined : stableAttribute(element, 'data-testid');
  if (testId) node.testId = testId;
  if (element.hasAttribute('href')) {
    // A script or data URL still makes a link; only "#" is kept of it.
    node.href = sanitizeHref(element.getAttribute('href') ?? '', walk.base) ?? '#';
  }
  if (role && ['button', 'link', 'combobox', 'listbox', 'menuitem', 'option'].includes(role)) {
    const chrome = hint(element, node.name);
    if (chrome) node.chrome = chrome;
  }

  walk.nodes++;
  walk.bytes += estimatedBytes(node, depth.kept);
  if (walk.bytes > walk.maxBytes) {
    walk.truncated.add('bytes');
    walk.full = true;
    walk.nodes--;
    return;
  }

  const ownGroup =
    role === 'table' || role === 'grid' || role === 'treegrid' || role === 'rowgroup'
      ? { sampled: false, count: 0 }
      : group;
  const children: Item[] = [];
  const childDepth = { dom: depth.dom + 1, kept: depth.kept + 1 };
  walkChildren(element, children, inner, childDepth, parentHidden || hidden, ownGroup, walk);
  appendShadowAndFrame(element, node, inner, childDepth, parentHidden || hidden, walk);
  const finished = finishRuns(children, inner);
  // A control whose only content is its name says it once.
  const redundant = finished.length === 1 && finished[0] === node.name && !node.nameFrom;
  if (finished.length > 0 && !redundant) node.children = finished;
  if (ownGroup && ownGroup !== group && ownGroup.count > 0) node.rows = ownGroup.count;
  items.push(node);
}

function labelsText(element: Element, reader: (element: Element) => string): string {
  const labels = (element as HTMLSelectElement).labels;
  return labels ? Array.from(labels, reader).join(' ') : '';
}

/** Open shadow roots and same-origin iframes are part of the page the user sees. */
function appendShadowAndFrame(
  element: Element,
  node: OutlineNode,
  context: TextContext,
  depth: { dom: number; kept: number },
  hidden: boolean,
  walk: Walk,
): void {
  if (element.shadowRoot) {
    const items: Item[] = [];
    walkChildren(element.shadowRoot, items, context, depth, hidden, null, walk);
    const finished = finishRuns(items, context);
    if (finished.length > 0) node.shadow = finished;
  }
  if (element.tagName === 'IFRAME') {
    let frame: Document | null = null;
    try {
      frame = (element as HTMLIFrameElement).contentDocument;
    } catch {
      frame = null; // another origin: its content is not ours to read
    }
    if (!frame?.body) return;
    const lang = languageTag(frame.documentElement.getAttribute('lang'));
    if (lang) node.lang = lang;
    const items: Item[] = [];
    walkChildren(frame.body, items, 'data', depth, hidden, null, walk);
    const finished = finishRuns(items, 'data');
    if (finished.length > 0) node.children = finished;
  }
}

/** The page address without query values or ids (the diagnostic report's rule), and without names in its route. */
function maskedPageUrl(href: string, routeWords: ReadonlySet<string>): string {
  const clean = sanitizeUrl(href, routeWords);
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(clean)?.[0] ?? '';
  return `${origin}${maskedRoute(clean.slice(origin.length))}`;
}

function languageTag(value: string | null): string | undefined {
  const tag = value?.trim();
  return tag && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : undefined;
}

function build(doc: Document, limits: OutlineLimits, maxBytes: number, routeWords: ReadonlySet<string>): PageOutline {
  const walk: Walk = {
    base: doc.location?.href ?? doc.baseURI ?? 'https://invalid.invalid/',
    limits,
    elements: 0,
    nodes: 0,
    bytes: 0,
    maxBytes,
    truncated: new Set(),
    full: false,
  };
  const items: Item[] = [];
  if (doc.body) walkChildren(doc.body, items, 'data', { dom: 0, kept: 0 }, false, null, walk);
  const lang = languageTag(doc.documentElement?.getAttribute('lang'));
  return {
    format: OUTLINE_FORMAT,
    version: OUTLINE_VERSION,
    url: maskedPageUrl(walk.base, routeWords),
    ...(lang ? { lang } : {}),
    stats: {
      elements: walk.elements,
      nodes: walk.nodes,
      truncated: OUTLINE_TRUNCATION_REASONS.filter((reason) => walk.truncated.has(reason)),
    },
    body: finishRuns(items, 'data'),
  };
}

/** The exact text the popup shows and Copy puts on the clipboard. */
export function outlineJson(outline: PageOutline): string {
  return JSON.stringify(outline, null, 1);
}

/**
 * The outline of a live document and its exact JSON, within every cap. The size is estimated while
 * walking (the estimate runs high, hence a budget above the cap); if the final JSON is still over
 * the cap (deep pages indent more), it is rebuilt with a budget scaled down to fit.
 */
function outlineWithJson(
  doc: Document,
  limits: Partial<OutlineLimits>,
  routeWords: ReadonlySet<string>,
): { outline: PageOutline; json: string } {
  const merged = { ...OUTLINE_LIMITS, ...limits };
  let budget = OUTLINE_MAX_BYTES * 1.1;
  for (let attempt = 0; ; attempt++) {
    const outline = build(doc, merged, budget, routeWords);
    const json = outlineJson(outline);
    const size = utf8Length(json);
    if (size <= OUTLINE_MAX_BYTES) return { outline, json };
    if (attempt >= 4) {
      const empty: PageOutline = {
        ...outline,
        body: [],
        stats: { ...outline.stats, truncated: [...new Set([...outline.stats.truncated, 'bytes' as const])] },
      };
      return { outline: empty, json: outlineJson(empty) };
    }
    budget = budget * (OUTLINE_MAX_BYTES / size) * 0.9;
  }
}

/**
 * `routeWords`: the words of the built-in rules' example addresses (engine/diagnostics.ts
 * routeWordsOf), the only path words the outline's address keeps.
 */
export function buildPageOutline(
  doc: Document,
  routeWords: ReadonlySet<string>,
  limits: Partial<OutlineLimits> = {},
): PageOutline {
  return outlineWithJson(doc, limits, routeWords).outline;
}

/** What the popup receives: the outline's JSON, serialised once. */
export function pageOutlineJson(doc: Document, routeWords: ReadonlySet<string>): string {
  return outlineWithJson(doc, {}, routeWords).json;
}
