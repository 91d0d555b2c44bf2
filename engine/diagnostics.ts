import type { CandidateReport } from './locate';

/** Instance, order and account ids look like these; they never leave the user's clipboard unmasked. */
const ID_PATTERNS: RegExp[] = [
  /\b[a-z]{1,6}-[a-z0-9]{8,}\b/i, // i-bp1a2b3c…, vol-0abc…, eip-…, ins-…
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, // UUIDs
  /\d{6,}/, // order numbers, account ids
  /[0-9a-f]{12,}/i, // long hex
];

const EMAIL = /^[^@\s]+@[^@\s]+$/;
/**
 * Region ids (cn-hangzhou, us-east-1, ap-southeast-1, na-siliconvalley) name a data centre, never a
 * person or account. Only known region words qualify, so "ca-bob" is not kept as a region.
 */
const REGION_WORDS = [
  'north',
  'south',
  'east',
  'west',
  'central',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'hangzhou',
  'shanghai',
  'beijing',
  'shenzhen',
  'qingdao',
  'zhangjiakou',
  'huhehaote',
  'wulanchabu',
  'chengdu',
  'heyuan',
  'guangzhou',
  'hongkong',
  'nanjing',
  'fuzhou',
  'wuhan',
  'chongqing',
  'singapore',
  'bangkok',
  'mumbai',
  'seoul',
  'tokyo',
  'jakarta',
  'siliconvalley',
  'ashburn',
  'toronto',
  'frankfurt',
  'saopaulo',
  'dubai',
  'riyadh',
  'manila',
];
const REGION = new RegExp(`^(cn|us|eu|ap|sa|me|af|ca|il|mx|na)-(${REGION_WORDS.join('|')})(-\\d{1,2})?$`);
/** Words consoles use in every route; anything else must be known from the rules to be kept. */
const GENERIC_ROUTE_WORDS = [
  'home',
  'index',
  'list',
  'detail',
  'details',
  'overview',
  'info',
  'summary',
  'dashboard',
  'settings',
  'manage',
  'create',
  'edit',
  'new',
];

const looksLikeId = (text: string) => ID_PATTERNS.some((pattern) => pattern.test(text));

/** A route word: letters with at most two digits ("ec2", "logsV2"), never an id or an e-mail. */
function isRouteWord(segment: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9._-]{0,39}$/.test(segment) && (segment.match(/\d/g)?.length ?? 0) <= 2 && !looksLikeId(segment)
  );
}

/**
 * The words of the built-in rules' example addresses ("renew", "server", "Instances", "zabbix.php"):
 * the only path words a report keeps, because a console route cannot be told from a customer's
 * name ("acme") by its look.
 */
export function routeWordsOf(providers: readonly { pages: readonly { examples: { urls: readonly string[] } }[] }[]) {
  const words = new Set(GENERIC_ROUTE_WORDS);
  for (const provider of providers)
    for (const page of provider.pages)
      for (const href of page.examples.urls) {
        let url: URL;
        try {
          url = new URL(href);
        } catch {
          continue;
        }
        for (const segment of [...segmentsOf(url.pathname), ...segmentsOf(hashRoute(url.hash))])
          if (isRouteWord(segment)) words.add(segment);
      }
  return words as ReadonlySet<string>;
}

/** A hash route without its parameters: "#Instances:search=x;v=3" → "Instances", "#/a/b?x=1" → "/a/b". */
function hashRoute(hash: string): string {
  const route = hash.replace(/^#/, '');
  return route.split(route.startsWith('/') ? /[?;=&]/ : /[?:;=&]/, 1)[0] ?? '';
}

/** What sanitizing puts in place of a segment; kept as is, so sanitizing twice changes nothing. */
const TOKEN = /^:(id|email|name)$/;
const HOST_TOKEN = '_id_';

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean).map(decodeSegment);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A known route word or region stays; anything else becomes a token that says only what it was. */
function sanitizeSegment(raw: string, routeWords: ReadonlySet<string>): string {
  const segment = decodeSegment(raw);
  if (routeWords.has(segment) || REGION.test(segment) || TOKEN.test(segment)) return segment;
  if (segment.includes('@') && EMAIL.test(segment)) return ':email';
  if (/\d/.test(segment)) return ':id';
  return ':name';
}

function sanitizePath(path: string, routeWords: ReadonlySet<string>): string {
  return path
    .split('/')
    .map((segment) => (segment === '' ? '' : sanitizeSegment(segment, routeWords)))
    .join('/');
}

/**
 * Host labels that carry an account (the AWS multi-session form
 * `123456789012-abcd1234.us-east-1.console.aws.amazon.com`) or any other id become "_id_" (still a
 * host name, so a sanitized address parses again).
 */
function sanitizeHost(host: string): string {
  return host
    .split('.')
    .map((label) => (/\d{6,}|[0-9a-f]{12,}/i.test(label) ? HOST_TOKEN : label))
    .join('.');
}

/**
 * The page address with nothing that identifies a person, an account or a search: the scheme and
 * host (account labels replaced), the path and hash route with every segment that is not a known
 * route word replaced by ":id", ":email" or ":name", and no query or hash parameters at all (not even
 * their names). The page id travels separately.
 */
export function sanitizeUrl(href: string, routeWords: ReadonlySet<string>): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return '';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  const port = url.port ? `:${url.port}` : '';
  const route = hashRoute(url.hash);
  const hash = route ? `#${sanitizePath(route, routeWords)}` : url.hash ? '#' : '';
  return `${url.protocol}//${sanitizeHost(url.hostname)}${port}${sanitizePath(url.pathname, routeWords)}${hash}`;
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
  input: Omit<DiagnosticReport, 'kind' | 'url' | 'createdAt'> & {
    href: string;
    now: Date;
    routeWords: ReadonlySet<string>;
  },
): DiagnosticReport {
  const { href, now, routeWords, ...rest } = input;
  return { kind: 'cloudexit-diagnostic', ...rest, url: sanitizeUrl(href, routeWords), createdAt: now.toISOString() };
}
