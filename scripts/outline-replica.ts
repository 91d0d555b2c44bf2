/**
 * A page outline (rules/outline-schema.ts) rendered back as a replica fixture: plain semantic HTML
 * with the roles, names, states, stable classes and test ids the outline recorded, the sampled
 * table row repeated as often as the page had rows, and nothing else. Every piece of text and every
 * attribute value is escaped; no script, style, event handler or URL scheme other than the
 * outline's own sanitised routes is ever written.
 */
import type { OutlineNode, PageOutline } from '../rules/outline-schema';

/** A replica repeats a sampled row at most this often (enough to keep "several rows match" true). */
const MAX_REPEATED_ROWS = 50;
const VOID_TAGS = new Set(['input']);
const NATIVE_DISABLED = new Set(['button', 'input', 'select', 'textarea', 'option', 'fieldset']);

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Item = string | OutlineNode;

function textOf(items: readonly Item[] | undefined): string {
  return (items ?? []).map((item) => (typeof item === 'string' ? item : textOfNode(item))).join('');
}

function textOfNode(node: OutlineNode): string {
  if (node.children) return textOf(node.children);
  return node.name && !node.nameFrom ? node.name : '';
}

const squash = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();

function attributes(node: OutlineNode): string {
  const out: [string, string][] = [];
  const state = node.state ?? {};
  if (node.role) out.push(['role', node.role]);
  if (node.id) out.push(['id', node.id]);
  if (node.classes?.length) out.push(['class', node.classes.join(' ')]);
  if (node.testId) out.push(['data-testid', node.testId]);
  if (node.tag === 'a' && node.href !== undefined) out.push(['href', node.href]);
  if (node.tag === 'button') out.push(['type', 'button']);
  if (node.tag === 'input' && node.inputType) out.push(['type', node.inputType]);
  if (node.placeholder) out.push(['placeholder', node.placeholder]);
  if (node.level && node.tag !== `h${node.level}`) out.push(['aria-level', String(node.level)]);
  if (node.name) {
    if (node.nameFrom === 'title') out.push(['title', node.name]);
    else if (node.nameFrom || (node.children && squash(textOf(node.children)) !== squash(node.name))) {
      out.push(['aria-label', node.name]);
    }
  }
  if (state.disabled) out.push(NATIVE_DISABLED.has(node.tag) ? ['disabled', ''] : ['aria-disabled', 'true']);
  if (state.selected !== undefined) {
    if (node.tag === 'option') {
      if (state.selected) out.push(['selected', '']);
    } else out.push(['aria-selected', String(state.selected)]);
  }
  if (state.expanded !== undefined) out.push(['aria-expanded', String(state.expanded)]);
  if (state.checked !== undefined) {
    const native = node.tag === 'input' && (node.inputType === 'checkbox' || node.inputType === 'radio');
    if (native) {
      if (state.checked === true) out.push(['checked', '']);
    } else out.push(['aria-checked', String(state.checked)]);
  }
  if (state.pressed !== undefined) out.push(['aria-pressed', String(state.pressed)]);
  if (state.current) out.push(['aria-current', state.current]);
  if (state.hasPopup) out.push(['aria-haspopup', state.hasPopup]);
  if (state.hidden) out.push(['hidden', '']);
  if (node.chrome) out.push(['data-outline-chrome', node.chrome]);
  if (node.lang) out.push(['lang', node.lang]);
  return out.map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`)).join('');
}

function isRow(item: Item): item is OutlineNode {
  return typeof item !== 'string' && (item.role === 'row' || (item.tag === 'tr' && item.role === undefined));
}

/** The sampled body row stands for all of them: repeated, so "one match" stays "several". */
function withRepeatedRows(node: OutlineNode, children: readonly Item[]): Item[] {
  if (!node.rows || node.rows < 2) return [...children];
  const index = children.findIndex(isRow);
  if (index < 0) return [...children];
  const copies = Math.min(node.rows, MAX_REPEATED_ROWS) - 1;
  return [...children.slice(0, index + 1), ...Array(copies).fill(children[index]), ...children.slice(index + 1)];
}

function render(items: readonly Item[], indent: string): string {
  return items.map((item) => (typeof item === 'string' ? escapeText(item) : renderNode(item, indent))).join('');
}

function renderNode(node: OutlineNode, indent: string): string {
  const open = `\n${indent}<${node.tag}${attributes(node)}>`;
  if (VOID_TAGS.has(node.tag)) return open;
  if (node.tag === 'iframe') {
    // A same-origin frame's content travels in srcdoc (escaped once more as an attribute value).
    const inner = render(node.children ?? [], '');
    return `\n${indent}<iframe${attributes(node)} srcdoc="${escapeAttribute(`<!doctype html><body>${inner}</body>`)}"></iframe>`;
  }
  const inner = `${indent} `;
  const shadow = node.shadow
    ? `\n${inner}<template shadowrootmode="open">${render(node.shadow, `${inner} `)}</template>`
    : '';
  const content = node.children
    ? render(withRepeatedRows(node, node.children), inner)
    : node.name && !node.nameFrom
      ? escapeText(node.name)
      : '';
  return `${open}${shadow}${content}</${node.tag}>`;
}

export interface ReplicaOptions {
  /** Where the outline came from, for the page's comment (never trusted as markup). */
  source?: string;
}

/** The whole replica page. The outline was validated before; this only writes escaped text. */
export function renderReplica(outline: PageOutline, options: ReplicaOptions = {}): string {
  const lang = outline.lang ? ` lang="${escapeAttribute(outline.lang)}"` : '';
  const about = `Replica generated by npm run fixture:from-outline from a page outline${
    options.source ? ` (${options.source})` : ''
  } of ${outline.url}. Every text is the outline's: labels as recorded, data as tokens.`;
  return [
    '<!doctype html>',
    `<html${lang}>`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeText(`Replica: ${outline.url}`)}</title>`,
    `<!-- ${escapeText(about).replace(/--/g, '- -')} -->`,
    '</head>',
    `<body>${render(outline.body, ' ')}`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
