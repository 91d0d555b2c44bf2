/**
 * The design-system fixtures (sources in test/fixtures/design-system, rendered into its rendered/ folder by
 * `npm run fixtures:design-system`) and the metamorphic variants applied to each of them at test time.
 * A variant changes what a real console also changes between visits and versions, never the labels
 * the console shows: the engine must give the same answer on every variant.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlDocument } from './fixtures';

export const DESIGN_SYSTEM_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'design-system');
export const RENDERED_DIR = join(DESIGN_SYSTEM_DIR, 'rendered');

/**
 * What a step must ring on one fixture: a control with this accessible name or placeholder (or one of
 * several, when the console offers two equally right controls, e.g. the batch 更多操作 and the row's 更多),
 * the list table holding this row, or a design-system element (`{ css }`, for controls with no name).
 */
export type ExpectedTarget = string | string[] | { table: string; rows?: number } | { css: string };

/** The page after the user clicked through a menu: opened by the generator as a user opens it. */
export interface DesignSystemState {
  id: string;
  /** Per language, the controls clicked in order (by accessible name or exact text). */
  click: Record<string, string[]>;
  /** What the steps must ring once the menu is open (the other steps keep the page's targets). */
  targets: DesignSystemEntry['targets'];
}

export interface DesignSystemEntry {
  source: string;
  system: 'cloudscape' | 'fusion' | 'tea';
  page: string;
  urls: Record<string, string>;
  /** "guideId/stepId" → what must be ringed: per language a control's name, or the list table (any language). */
  targets: Record<string, Record<string, string | string[]> | { table: string; rows?: number } | { css: string }>;
  states?: DesignSystemState[];
}

export interface DesignSystemFixture {
  /** e.g. `aws/ec2-instances.zh` */
  name: string;
  entry: DesignSystemEntry;
  lang: string;
  url: string;
  file: string;
  /** The menu state this fixture shows, if not the page as served. */
  state?: string;
}

export function listDesignSystemFixtures(): DesignSystemFixture[] {
  const manifest = JSON.parse(readFileSync(join(DESIGN_SYSTEM_DIR, 'fixtures.json'), 'utf8')) as {
    fixtures: DesignSystemEntry[];
  };
  return manifest.fixtures.flatMap((entry) =>
    Object.entries(entry.urls).flatMap(([lang, url]) => {
      const name = `${entry.source.replace(/\.tsx$/, '')}.${lang}`;
      const page = { name, entry, lang, url, file: join(RENDERED_DIR, `${name}.html`) };
      const states = (entry.states ?? [])
        .filter((state) => state.click[lang])
        .map((state) => ({
          ...page,
          name: `${name}.${state.id}`,
          state: state.id,
          entry: { ...entry, targets: { ...entry.targets, ...state.targets } },
          file: join(RENDERED_DIR, `${name}.${state.id}.html`),
        }));
      return [page, ...states];
    }),
  );
}

export function loadDesignSystemFixture(fixture: DesignSystemFixture): Document {
  if (!existsSync(fixture.file)) {
    throw new Error(`${fixture.file} is missing: run \`npm run fixtures:design-system\``);
  }
  return htmlDocument(readFileSync(fixture.file, 'utf8'), fixture.url);
}

/** Elements a variant added to mislead: the engine must never ring one of them. */
export type Decoys = WeakSet<Element>;

export interface VariantContext {
  doc: Document;
  decoys: Decoys;
  /** Labels the steps of this page look for (in the fixture's language): prose and look-alikes repeat them. */
  labels: string[];
  /** Elements the steps must ring on the unmodified fixture. */
  targets: Element[];
}

export interface Variant {
  id: string;
  describe: string;
  apply(context: VariantContext): void;
  /** The content is rendered late: first checked without it (nothing may be recognised), then with it. */
  late?: boolean;
}

/** What the fixture says a step must ring in its language (undefined: the fixture does not say). */
export function expectedTarget(fixture: DesignSystemFixture, key: string): ExpectedTarget | undefined {
  const target = fixture.entry.targets[key];
  if (!target) return undefined;
  if ('table' in target || 'css' in target) return target as ExpectedTarget;
  return (target as Record<string, string | string[]>)[fixture.lang];
}

function main(doc: Document): Element {
  return doc.querySelector('main, [role="main"]') ?? doc.body;
}

function textNodes(root: Element): Text[] {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const CONTROLS = 'button, a, [role="tab"], [role="button"], [role="menuitem"], [role="radio"], .tea-tabs__tab';

/** Short deterministic hash, so a renamed class differs from the original but every run is the same. */
function rehash(token: string): string {
  let h = 7;
  for (const char of token) h = (h * 31 + char.charCodeAt(0)) >>> 0;
  return h.toString(36).slice(0, 5);
}

export const VARIANTS: Variant[] = [
  { id: 'as-rendered', describe: 'the page as the component library rendered it', apply: () => {} },
  {
    id: 'late-content',
    describe: 'the main content rendered late (nothing recognised before it, the page after)',
    apply: () => {},
    late: true,
  },
  {
    id: 'selection-counter',
    describe: 'headings carry a selection counter ("实例 (1/3)", "Log groups (1/7)")',
    apply: ({ doc }) => {
      for (const heading of doc.querySelectorAll(HEADINGS)) {
        const nodes = textNodes(heading);
        const counted = nodes.find((node) => /\(\d+\)/.test(node.data));
        if (counted) counted.data = counted.data.replace(/\((\d+)\)/, '(1/$1)');
        else if (nodes.length > 0) nodes[nodes.length - 1]!.data += ' (1/7)';
      }
    },
  },
  {
    id: 'whitespace-fullwidth',
    describe: 'labels padded with whitespace and newlines, counts in full-width parentheses',
    apply: ({ doc }) => {
      for (const node of textNodes(doc.body)) {
        if (!node.data.trim()) continue;
        node.data = `\n    ${node.data.replace(/\((\d+(?:\/\d+)?)\)/g, '（$1）')}  \n`;
      }
    },
  },
  {
    id: 'class-names',
    describe: 'other hashed class names (a newer build of the same console)',
    apply: ({ doc }) => {
      for (const element of doc.querySelectorAll('[class]')) {
        const renamed = Array.from(element.classList, (token) =>
          /_[a-z0-9]{5}_[a-z0-9]{5}_\d+$/.test(token) || /^awsui_/.test(token)
            ? token.replace(/_([a-z0-9]{5})(_[a-z0-9]{5}_\d+)?$/, `_${rehash(token)}_${rehash(`${token}!`)}_7`)
            : token,
        );
        element.setAttribute('class', `${renamed.join(' ')} css-${rehash(element.tagName)}`);
      }
    },
  },
  {
    id: 'wrappers',
    describe: 'extra wrapper elements around the content and inside every control',
    apply: ({ doc }) => {
      const root = main(doc);
      const outer = doc.createElement('div');
      outer.className = 'micro-app-root';
      const inner = doc.createElement('section');
      inner.className = 'page-container';
      outer.append(inner);
      inner.append(...root.childNodes);
      root.append(outer);
      for (const control of doc.querySelectorAll(`${CONTROLS}, ${HEADINGS}`)) {
        const wrap = doc.createElement('span');
        wrap.className = 'label-wrap';
        wrap.append(...control.childNodes);
        control.append(wrap);
      }
    },
  },
  {
    id: 'below-the-fold',
    describe: 'the content below the fold, inside an inner scrolling panel',
    apply: ({ doc }) => {
      const root = main(doc);
      const panel = doc.createElement('div');
      panel.setAttribute('style', 'height: 600px; overflow: auto');
      const spacer = doc.createElement('div');
      spacer.setAttribute('style', 'height: 1600px');
      spacer.textContent = ' ';
      panel.append(spacer, ...root.childNodes);
      root.append(panel);
    },
  },
  {
    id: 'prose',
    describe: 'a notice whose prose repeats every label the steps look for',
    apply: ({ doc, labels }) => {
      const notice = doc.createElement('div');
      notice.className = 'notice';
      const text = doc.createElement('p');
      text.textContent = labels.map((label) => `「${label}」`).join('、');
      const single = labels.map((label) => {
        const span = doc.createElement('span');
        span.textContent = label;
        return span;
      });
      notice.append(text, ...single);
      main(doc).prepend(notice);
    },
  },
  {
    id: 'look-alikes',
    describe: 'a disabled duplicate beside each control, and a "label: All ▾" filter trigger',
    apply: ({ doc, decoys, targets }) => {
      for (const target of targets) {
        if (!target.matches(CONTROLS) || target.closest('table')) continue;
        const duplicate = target.cloneNode(true) as Element;
        duplicate.setAttribute('aria-disabled', 'true');
        if (duplicate.tagName === 'BUTTON') duplicate.setAttribute('disabled', '');
        duplicate.removeAttribute('id');
        target.after(duplicate);
        decoys.add(duplicate);
        const trigger = doc.createElement('button');
        trigger.setAttribute('type', 'button');
        trigger.setAttribute('aria-haspopup', 'listbox');
        trigger.textContent = `${(target.textContent ?? '').trim()}: All ▾`;
        main(doc).prepend(trigger);
        decoys.add(trigger);
      }
    },
  },
];
