/**
 * The rule model (architecture §2) as zod schemas. Everything CloudExit knows about a console is
 * data that parses with these schemas: built-in rule files, user-imported packs, and the JSON
 * Schema that editors use (`npm run rules:schema`).
 *
 * Written with `zod/mini` so that bundles which validate at run time (options, popup, background)
 * stay small and carry no `Function('')` JIT probe (addons-linter flags it as eval).
 * Objects are strict: a misspelt key is an error, never silently ignored.
 */
import * as z from 'zod/mini';
import { compilePattern } from '../engine/pattern';

/**
 * Bidirectional controls (U+202E and friends) reorder how text around them reads; in a pack they
 * can only disguise a title, so they are refused everywhere. Text must hold something visible.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const nonEmpty = () =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.refine((text) => !BIDI_CONTROLS.test(text), 'contains a text-direction control character (such as U+202E)'),
  );
/**
 * A CSS selector; checked to parse where a DOM is at hand (the options page, the tests), so a
 * pack cannot carry one that throws on the page.
 */
const cssSelector = () =>
  nonEmpty().check(
    z.refine((css) => {
      if (typeof document === 'undefined') return true;
      try {
        document.createDocumentFragment().querySelector(css);
        return true;
      } catch {
        return false;
      }
    }, 'not a valid CSS selector'),
  );
const id = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'an id uses lower-case letters, digits and "-"'));
/**
 * A regular expression in source form, in the subset engine/pattern.ts runs in linear time: a
 * rule (or an imported pack) can neither crash the engine nor freeze a page with a slow pattern.
 */
const regexSource = () =>
  z.string().check(
    z.minLength(1),
    z.maxLength(1_000),
    z.superRefine((source, ctx) => {
      const compiled = compilePattern(source);
      if (!compiled.ok)
        ctx.issues.push({
          code: 'custom',
          input: source,
          message:
            compiled.reason === 'not a valid regular expression'
              ? compiled.reason
              : `a pattern CloudExit cannot run in linear time: it uses ${compiled.reason}`,
        });
    }),
  );
const isoDate = () => z.iso.date();
const httpsUrl = () => z.url({ protocol: /^https$/ });

export const LocalizedText = z.strictObject({ zh: nonEmpty(), en: nonEmpty() });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Several wordings of one label: zh and en, old and new console wording (续订 / 续费). */
const Labels = () => z.array(nonEmpty()).check(z.minLength(1));
const TextMatch = z.enum(['exact', 'startsWith', 'contains']);
const why = () => nonEmpty().check(z.describe('one line: why this candidate exists (which console variant)'));

export const Confidence = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof Confidence>;

export const Source = z.strictObject({
  id: nonEmpty().check(z.describe('fact id in knowledge/cancellation-facts.md, e.g. "A8"')),
  title: nonEmpty(),
  url: httpsUrl(),
  confidence: Confidence,
  verified: isoDate(),
  note: z.optional(nonEmpty()),
});
export type Source = z.infer<typeof Source>;

// ---------------------------------------------------------------------------------------------
// Anchors: an ordered list of candidates; the first that resolves to exactly one rendered
// element wins, and the engine records which one (the drift signal when a console changes).

const CssCandidate = z.strictObject({ type: z.literal('css'), css: cssSelector(), why: why() });
const TextCandidate = z.strictObject({
  type: z.literal('text'),
  css: cssSelector().check(z.describe('which elements may carry the label, e.g. "button, [role=button]"')),
  text: Labels(),
  match: z.optional(TextMatch),
  why: why(),
});
const RoleCandidate = z.strictObject({
  type: z.literal('role'),
  role: nonEmpty(),
  name: Labels(),
  match: z.optional(TextMatch),
  why: why(),
});
const TestIdCandidate = z.strictObject({
  type: z.literal('testId'),
  value: nonEmpty(),
  attribute: z.optional(nonEmpty()),
  why: why(),
});
/** Each link resolves inside the previous match: its open shadow root, its same-origin iframe document, or itself. */
const ChainCandidate = z.strictObject({
  type: z.literal('chain'),
  get links(): z.ZodMiniArray<typeof Candidate> {
    return z.array(Candidate).check(z.minLength(2));
  },
  why: why(),
});
export const Candidate = z.discriminatedUnion('type', [
  CssCandidate,
  TextCandidate,
  RoleCandidate,
  TestIdCandidate,
  ChainCandidate,
]);
export type Candidate = z.infer<typeof Candidate>;

export const Locator = z.strictObject({ candidates: z.array(Candidate).check(z.minLength(1)) });
export type Locator = z.infer<typeof Locator>;

// ---------------------------------------------------------------------------------------------
// Detectors: fast DOM/text checks that confirm a page. They never wait; the engine retries.

/** Page checks that cannot be expressed as data live in the engine under these names. */
export const NamedDetectorId = z.enum(['zabbix-frontend']);

const DetectorList = () => z.array(Detector).check(z.minLength(1));
export const Detector = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exists'), locator: Locator }),
  z.strictObject({ type: z.literal('text'), css: z.optional(cssSelector()), includes: Labels() }),
  z.strictObject({ type: z.literal('title'), includes: Labels() }),
  z.strictObject({ type: z.literal('named'), name: NamedDetectorId }),
  z.strictObject({
    type: z.literal('all'),
    get of(): z.ZodMiniArray<typeof Detector> {
      return DetectorList();
    },
  }),
  z.strictObject({
    type: z.literal('any'),
    get of(): z.ZodMiniArray<typeof Detector> {
      return DetectorList();
    },
  }),
  z.strictObject({
    type: z.literal('not'),
    get detector(): typeof Detector {
      return Detector;
    },
  }),
]);
export type Detector = z.infer<typeof Detector>;

// ---------------------------------------------------------------------------------------------
// Pages and providers

const hostPattern = () =>
  z.string().check(z.regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a host name, optionally starting with "*."'));

/** "*" stands for any site the user enabled CloudExit on (self-hosted consoles such as Zabbix). */
export const ANY_GRANTED_HOST = '*';

/** Consoles route by path, by hash (`#/server/…`) and by query (`?region=…`): all three can be matched. */
export const UrlPattern = z.strictObject({
  hosts: z.array(z.union([hostPattern(), z.literal(ANY_GRANTED_HOST)])).check(z.minLength(1)),
  path: z.optional(regexSource()),
  hash: z.optional(regexSource()),
  query: z.optional(z.record(nonEmpty(), regexSource())),
});
export type UrlPattern = z.infer<typeof UrlPattern>;

/**
 * Bill pages: which rows are service lines and which columns (by their visible header labels) hold
 * the service name and its amount. The engine reads each line and its amount from the page.
 */
export const BillReader = z.strictObject({
  /** One service line, e.g. "tbody tr" or "[role=row]"; header rows are left out by the engine. */
  row: nonEmpty(),
  /** Header labels of the column with the service (product) name, in every console language. */
  service: Labels(),
  /** Header labels of the column with the amount charged. */
  amount: Labels(),
  match: z.optional(TextMatch),
  /** Service cells that are not services: summary rows such as "Total", "合计" (matched exactly). */
  ignore: z.optional(Labels()),
  /**
   * Where the page shows the billing period ("November 2026", "2026-11") or its label (the value is
   * read beside it): lets the card tell a bill from before a cancellation.
   */
  period: z.optional(Locator),
  /** Source ids (the provider's `sources`) for the page and its column labels. */
  sources: z.array(nonEmpty()).check(z.minLength(1)),
});
export type BillReader = z.infer<typeof BillReader>;

/**
 * Resource lists per Region (EC2 Instances, ECS instances, CVM): where the Region is in the address
 * and which rows are resources, so the Region sweep can record what the list showed.
 */
export const RegionList = z.strictObject({
  /** Where the address names the Region, first that gives one wins: a query parameter, or a path / hash / host regex whose group 1 is it. */
  region: z
    .array(
      z.union([
        z.strictObject({ query: nonEmpty() }),
        z.strictObject({ path: regexSource() }),
        z.strictObject({ hash: regexSource() }),
        z.strictObject({ host: regexSource() }),
      ]),
    )
    .check(z.minLength(1)),
  /** One resource row. */
  row: nonEmpty(),
  /** Holds when the list is rendered and shows no resource ("No instances", "暂无数据"). */
  empty: Detector,
});
export type RegionList = z.infer<typeof RegionList>;

export const Page = z.strictObject({
  id: id(),
  title: LocalizedText,
  urls: z.array(UrlPattern).check(z.minLength(1)),
  detect: Detector,
  ready: z.optional(Detector),
  /** Order / instance ids on this page (e.g. "\\bi-[a-z0-9]{10,}\\b"), kept with the proof of cancellation. */
  idPattern: z.optional(regexSource()),
  /** The documented address to open this page, per site (China / international). */
  open: z.optional(z.partialRecord(z.enum(['cn', 'intl']), httpsUrl())),
  bill: z.optional(BillReader),
  regionList: z.optional(RegionList),
  examples: z.strictObject({
    urls: z.array(httpsUrl()).check(z.minLength(1)),
    fixtures: z.array(nonEmpty()).check(z.minLength(1)),
  }),
});
export type Page = z.infer<typeof Page>;

export const SiteLinkKey = z.enum(['home', 'billing', 'renewal', 'refund', 'bills', 'orders', 'account']);
export type SiteLinkKey = z.infer<typeof SiteLinkKey>;
export const SiteId = z.enum(['cn', 'intl']);
export type SiteId = z.infer<typeof SiteId>;

/** A bill line's service name → the guide that stops it ("Elastic Compute Cloud" → aws-stop-payg-charges). */
export const BillService = z.strictObject({
  names: Labels(),
  match: z.optional(TextMatch),
  guide: id(),
  sources: z.array(nonEmpty()).check(z.minLength(1)),
});
export type BillService = z.infer<typeof BillService>;

export const Region = z.strictObject({
  code: z.string().check(z.regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'a Region code like "us-east-1" or "cn-hangzhou"')),
  name: LocalizedText,
  /** Other ways the console's address names this Region (Tencent's numeric `rid=1`). */
  aliases: z.optional(z.array(nonEmpty())),
});
export type Region = z.infer<typeof Region>;

/** One partition's Regions (AWS commercial, AWS China, …) and the list page to open for each. */
export const RegionPartition = z.strictObject({
  id: id(),
  name: LocalizedText,
  /** Per site (China / international console) of this partition: the resource list to open for an unvisited Region; `{region}` becomes its code. */
  listUrl: z.partialRecord(SiteId, httpsUrl()),
  regions: z.array(Region).check(z.minLength(1)),
  sources: z.array(nonEmpty()).check(z.minLength(1)),
});
export type RegionPartition = z.infer<typeof RegionPartition>;

export const Provider = z.strictObject({
  $schema: z.optional(z.string()),
  id: id(),
  name: LocalizedText,
  kind: z.enum(['cloud', 'self-hosted', 'device-cloud', 'none']),
  /** Manifest-style host patterns this provider's pages live on (must be covered by the manifest). */
  hosts: z.array(hostPattern()),
  /**
   * The provider's own web domains (a domain covers its subdomains). A source in an imported pack
   * counts as official only on one of these, as the built-in provider lists them.
   */
  officialDomains: z.optional(z.array(hostPattern())),
  sites: z.partialRecord(SiteId, z.partialRecord(SiteLinkKey, httpsUrl())),
  pages: z.array(Page),
  /** Sources for provider-level data (bill pages, bill services, Region lists), cited by id. */
  sources: z.optional(z.array(Source)),
  billServices: z.optional(z.array(BillService)),
  regions: z.optional(z.array(RegionPartition)),
});
export type Provider = z.infer<typeof Provider>;

// ---------------------------------------------------------------------------------------------
// Guides, steps, checklists, deadlines

export type Advance =
  | { type: 'click' }
  | { type: 'appears'; locator: Locator }
  | { type: 'page'; page: string }
  | { type: 'manual' };
export const Advance = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('click') }),
  z.strictObject({ type: z.literal('appears'), locator: Locator }),
  z.strictObject({ type: z.literal('page'), page: id() }),
  z.strictObject({ type: z.literal('manual') }),
]);

export const Step = z.strictObject({
  id: id(),
  kind: z.enum(['action', 'check', 'warning']),
  title: LocalizedText,
  body: LocalizedText,
  /** Page ids (of this guide's provider) where the step shows on the page; empty = checklist-only. */
  pages: z.array(id()),
  anchor: z.optional(Locator),
  /** One locator per menu level, outermost first; the ring walks them level by level. */
  menuPath: z.optional(z.array(Locator).check(z.minLength(1))),
  /** The path in words, shown when the anchor cannot be found ("费用与成本 › 资源退订 › 退订资源"). */
  pathInWords: z.optional(LocalizedText),
  advanceOn: z.optional(Advance),
  /**
   * Warning steps on list pages: every rendered row (`row` CSS) whose text shows one of `status`
   * ("未绑定", "Available") gets a ring, and `{count}` in the body becomes the number of such rows.
   */
  rows: z.optional(z.strictObject({ row: cssSelector(), status: Labels(), match: z.optional(TextMatch) })),
  /**
   * What the page shows once the step is done (a filter set, a panel open). A step whose doneWhen
   * already holds on arrival is passed over. (A tab step is passed over by itself when its tab is
   * the selected one.)
   */
  doneWhen: z.optional(Detector),
  /**
   * Helpful but not required (filter the list to one instance): when its control cannot be found,
   * the card goes on to the next step of this page whose control can, instead of falling back.
   */
  optional: z.optional(z.boolean()),
  /**
   * On a bill page (a page with `bill`): ring every line that still charges and list each with the
   * guide that stops it.
   */
  readsBill: z.optional(z.boolean()),
  sources: z.array(nonEmpty()).check(z.minLength(1)),
});
export type Step = z.infer<typeof Step>;

export const ChecklistItem = z.strictObject({
  id: id(),
  phase: z.enum(['before', 'during', 'after']),
  title: LocalizedText,
  detail: z.optional(LocalizedText),
  sources: z.optional(z.array(nonEmpty())),
  /** Ticked by CloudExit, not by hand: `region-sweep` = no Region unvisited or with resources. */
  tickedBy: z.optional(z.enum(['region-sweep'])),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

/**
 * Events a countdown can start from. Two arrears events, because providers count from either:
 * `arrears` = the moment the account went into arrears (欠费); `arrears-stop` = the day the
 * resource was stopped for it (欠费停机).
 */
export const DeadlineEvent = z.enum([
  'purchase',
  'expiry',
  'cancelled',
  'destroyed',
  'closure',
  'refund-requested',
  'arrears',
  'arrears-stop',
]);
export type DeadlineEvent = z.infer<typeof DeadlineEvent>;

export const Deadline = z.strictObject({
  id: id(),
  title: LocalizedText,
  /** The event the countdown starts from. */
  from: DeadlineEvent,
  /** Negative days or hours count backwards ("auto-renew charges 9 days before expiry"). */
  offset: z.strictObject({
    /** Calendar months on the provider's clock (a 31st becomes the month's last day). */
    months: z.optional(z.int()),
    days: z.optional(z.int()),
    hours: z.optional(z.int()),
    workingDays: z.optional(z.int().check(z.minimum(0))),
  }),
  /** Providers state calendar rules in their own zone (Aliyun, Tencent: Asia/Shanghai). */
  timeZone: nonEmpty(),
  /** `startOfMonth`: 00:00 on the 1st of the month reached (with `months: 1`, "the start of next month"). */
  alignTo: z.optional(z.enum(['startOfDay', 'endOfDay', 'startOfMonth'])),
  sources: z.array(nonEmpty()).check(z.minLength(1)),
});
export type Deadline = z.infer<typeof Deadline>;

export const Guide = z.strictObject({
  $schema: z.optional(z.string()),
  id: id(),
  provider: id(),
  title: LocalizedText,
  summary: LocalizedText,
  billingModel: z.enum(['subscription', 'pay-as-you-go', 'any', 'account', 'none']),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  verified: isoDate(),
  sources: z.array(Source).check(z.minLength(1)),
  steps: z.array(Step).check(z.minLength(1)),
  /**
   * What a page shows when this guide is the one for it (包年包月 rows for a subscription guide):
   * where several guides share a page, the card leads with the guide whose evidence holds.
   */
  evidence: z.optional(z.array(z.strictObject({ page: id(), detector: Detector })).check(z.minLength(1))),
  checklist: z.array(ChecklistItem),
  deadlines: z.array(Deadline),
});
export type Guide = z.infer<typeof Guide>;

/** The unit users import and export: any number of providers and guides. */
export const RulePack = z.strictObject({
  $schema: z.optional(z.string()),
  schemaVersion: z.literal(1),
  name: nonEmpty(),
  providers: z.array(Provider),
  guides: z.array(Guide),
});
export type RulePack = z.infer<typeof RulePack>;
