/**
 * The page outline's shape (issue 19), written once: engine/outline.ts builds values of these
 * types, and `npm run fixture:from-outline` validates a file a user handed over against this
 * schema before turning it into a replica fixture. A file that does not parse is rejected with the
 * path of its first bad field; nothing in it is ever executed.
 *
 * Every string is bounded, every list is bounded and the tree depth is bounded, so an outline from
 * a hostile page (or a hand-edited file) cannot grow without limit.
 */
import * as z from 'zod/mini';
import {
  OUTLINE_FORMAT,
  OUTLINE_LIMITS,
  OUTLINE_MAX_BYTES,
  OUTLINE_TAGS,
  OUTLINE_TRUNCATION_REASONS,
  OUTLINE_VERSION,
} from '../engine/outline';

/** A list holds nodes and the text runs between them: at most one more run than nodes. */
const MAX_ITEMS = 2 * OUTLINE_LIMITS.nodes + 1;
/** Visible text: a label (scrubbed) or a token (`:id`, `:text(12)` …); never longer than a label. */
const text = () =>
  z
    .string('text')
    .check(z.maxLength(OUTLINE_LIMITS.labelChars + 1, `longer than ${OUTLINE_LIMITS.labelChars} characters`));
/** Class names, ids and test ids the outline keeps are letters, "-" and "_" only (hashed ones carry digits). */
const stableToken = () => z.string().check(z.regex(/^[A-Za-z][A-Za-z_-]{0,39}$/, 'letters, "-" and "_" only'));
/** Explicit ARIA roles are lower-case words. */
const role = () => z.string().check(z.regex(/^[a-z]{1,24}$/, 'an ARIA role'));
/** Never a script URL: a link keeps its same-origin route (ids masked) or only the other site's origin. */
const href = () =>
  z.string().check(
    z.maxLength(300),
    z.refine((value) => /^(#|\/|https?:\/\/)/.test(value), 'a route ("/…", "#…") or an http(s) origin'),
  );

export const OutlineState = z.strictObject({
  disabled: z.optional(z.boolean()),
  selected: z.optional(z.boolean()),
  expanded: z.optional(z.boolean()),
  checked: z.optional(z.union([z.boolean(), z.literal('mixed')])),
  pressed: z.optional(z.boolean()),
  current: z.optional(z.enum(['page', 'step', 'location', 'date', 'time', 'true'])),
  hasPopup: z.optional(z.enum(['true', 'menu', 'listbox', 'tree', 'grid', 'dialog'])),
  /** Not rendered (display:none, hidden panels, closed menus); descendants inherit it. */
  hidden: z.optional(z.boolean()),
});
export type OutlineState = z.infer<typeof OutlineState>;

export interface OutlineNode {
  tag: (typeof OUTLINE_TAGS)[number];
  role?: string;
  name?: string;
  /** Where the name comes from when it is not the element's text. */
  nameFrom?: 'aria' | 'label' | 'title';
  level?: number;
  inputType?: string;
  placeholder?: string;
  state?: OutlineState;
  classes?: string[];
  id?: string;
  testId?: string;
  href?: string;
  /** The console chrome's region or language control. */
  chrome?: 'region' | 'language';
  /** Body rows of this table (or row group); only the first rendered row is in `children`. */
  rows?: number;
  /** A same-origin iframe's document language. */
  lang?: string;
  children?: (string | OutlineNode)[];
  /** The open shadow root's content. */
  shadow?: (string | OutlineNode)[];
}

const children = () => z.optional(z.array(z.union([text(), OutlineNodeSchema])).check(z.maxLength(MAX_ITEMS)));

export const OutlineNodeSchema: z.ZodMiniType<OutlineNode> = z.strictObject({
  tag: z.enum(OUTLINE_TAGS, 'not one of the tags an outline records (div, span, a, button, h1 … td)'),
  role: z.optional(role()),
  name: z.optional(text()),
  nameFrom: z.optional(z.enum(['aria', 'label', 'title'])),
  level: z.optional(z.int().check(z.minimum(1), z.maximum(9))),
  inputType: z.optional(z.string().check(z.regex(/^[a-z]{1,16}$/, 'an input type'))),
  placeholder: z.optional(text()),
  state: z.optional(OutlineState),
  classes: z.optional(z.array(stableToken()).check(z.maxLength(OUTLINE_LIMITS.classesPerNode))),
  id: z.optional(stableToken()),
  testId: z.optional(stableToken()),
  href: z.optional(href()),
  chrome: z.optional(z.enum(['region', 'language'])),
  rows: z.optional(z.int().check(z.minimum(0), z.maximum(10_000_000))),
  lang: z.optional(z.string().check(z.regex(/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/, 'a language tag'))),
  get children() {
    return children();
  },
  get shadow() {
    return children();
  },
});

export const PageOutlineSchema = z.strictObject({
  format: z.literal(OUTLINE_FORMAT, `not a CloudExit page outline (format "${OUTLINE_FORMAT}")`),
  version: z.literal(OUTLINE_VERSION, `an outline of another version (this CloudExit reads ${OUTLINE_VERSION})`),
  /** The page address without query values or ids (engine/diagnostics.ts sanitizeUrl). */
  url: z.string().check(z.maxLength(2048)),
  lang: z.optional(z.string().check(z.regex(/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/, 'a language tag'))),
  stats: z.strictObject({
    /** Elements looked at (work done), kept outline nodes, and why the outline stopped early. */
    elements: z.int().check(z.minimum(0)),
    nodes: z.int().check(z.minimum(0)),
    truncated: z.array(z.enum(OUTLINE_TRUNCATION_REASONS)),
  }),
  body: z.array(z.union([text(), OutlineNodeSchema])).check(z.maxLength(MAX_ITEMS)),
});
export type PageOutline = z.infer<typeof PageOutlineSchema>;

/** The deepest nesting of `children`/`shadow` in a parsed JSON value, checked before zod recurses. */
function tooDeep(value: unknown, limit: number): string | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: 'body', depth: 0 }];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.depth > limit) return item.path;
    if (!Array.isArray(item.value)) continue;
    item.value.forEach((child, index) => {
      if (typeof child !== 'object' || child === null) return;
      for (const key of ['children', 'shadow'] as const) {
        const list = (child as Record<string, unknown>)[key];
        if (list !== undefined)
          pending.push({ value: list, path: `${item.path}[${index}].${key}`, depth: item.depth + 1 });
      }
    });
  }
  return null;
}

export type OutlineCheck = { ok: true; outline: PageOutline } | { ok: false; error: string };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

interface Issue {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  errors?: Issue[][];
}

/**
 * "Invalid input" at a list item says little: a child is either text or a node, and when it is
 * neither, the node branch (an object's branch) knows which field is wrong. Follow it down.
 */
function deepestIssue(issue: Issue): { path: readonly PropertyKey[]; message: string } {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  const branch =
    issue.errors.find((issues) => issues[0] && (issues[0].code !== 'invalid_type' || issues[0].path.length > 0)) ??
    issue.errors[0]!;
  const inner = branch[0];
  if (!inner) return issue;
  const deeper = deepestIssue(inner);
  return { path: [...issue.path, ...deeper.path], message: deeper.message };
}

/** Parses an outline file's text: size first, then JSON, then depth, then the schema. */
export function parseOutlineText(source: string): OutlineCheck {
  const bytes = new TextEncoder().encode(source).length;
  if (bytes > OUTLINE_MAX_BYTES) {
    return { ok: false, error: `(file): ${bytes} bytes, more than the ${OUTLINE_MAX_BYTES}-byte cap of an outline` };
  }
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, error: `(file): not JSON (${(error as Error).message})` };
  }
  const deep =
    typeof value === 'object' && value !== null
      ? tooDeep((value as { body?: unknown }).body, OUTLINE_LIMITS.depth)
      : null;
  if (deep) return { ok: false, error: `${deep}: nested deeper than ${OUTLINE_LIMITS.depth} levels` };
  const result = PageOutlineSchema.safeParse(value);
  if (result.success) return { ok: true, outline: result.data };
  const { path, message } = deepestIssue(result.error.issues[0]!);
  return { ok: false, error: `${formatPath(path) || '(root)'}: ${message}` };
}
