import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collapseNested, resolveLocator } from '../../../engine/locate';
import { normalizeText } from '../../../engine/text';
import type { Locator } from '../../../rules/schema';

/**
 * Work is counted, not timed: every DOM read the resolution makes (text, parent, containment) is
 * one step. Near-linear means doubling the matches at most about doubles the steps.
 */
function countDomReads<T>(work: () => T): { result: T; reads: number } {
  let reads = 0;
  const spies = [
    vi.spyOn(Element.prototype, 'textContent', 'get'),
    vi.spyOn(Node.prototype, 'parentNode', 'get'),
    vi.spyOn(Node.prototype, 'contains'),
  ];
  try {
    const result = work();
    reads = spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    return { result, reads };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

afterEach(() => {
  document.body.replaceChildren();
});

const RENEW: Locator = {
  candidates: [{ type: 'text', css: 'li, div, span', text: ['自动续订'], why: 'the tab' }],
};

/** n tabs, each a label wrapped twice (li > div > span), all showing the target label. */
function tabs(n: number): void {
  document.body.replaceChildren(
    ...Array.from({ length: n }, () => {
      const li = document.createElement('li');
      const div = document.createElement('div');
      const span = document.createElement('span');
      span.textContent = '自动续订';
      div.append(span);
      li.append(div);
      return li;
    }),
  );
}

/** One label nested n levels deep (div > div > … > span). */
function nested(n: number): void {
  let inner: Element = document.createElement('span');
  inner.textContent = '自动续订';
  for (let i = 0; i < n; i++) {
    const outer = document.createElement('div');
    outer.append(inner);
    inner = outer;
  }
  document.body.replaceChildren(inner);
}

describe('many elements carrying a target label (issue 16, failure 7: 2,000 froze the page)', () => {
  it('resolution work grows about linearly: 500 → 1,000 tabs (1,500 → 3,000 matching elements)', () => {
    tabs(500);
    const small = countDomReads(() => resolveLocator(RENEW, document));
    tabs(1000);
    const large = countDomReads(() => resolveLocator(RENEW, document));
    expect(small.result.tried[0]?.matched).toBe(500);
    expect(large.reads).toBeLessThanOrEqual(2.5 * small.reads);
  }, 60_000); // happy-dom builds and styles 6,000 elements slowly; the limit only stops a hang

  it('still collapses each wrapped label to its outermost element, and stays ambiguous across tabs', () => {
    tabs(3);
    const result = resolveLocator(RENEW, document);
    expect(result.status).toBe('missing');
    expect(result.tried[0]).toMatchObject({ matched: 3 });
    nested(50);
    const one = resolveLocator(RENEW, document);
    expect(one.status === 'found' && one.element).toBe(document.body.firstElementChild);
  });
});

/** The obvious quadratic definition, kept as the reference the fast one must agree with. */
function collapseNaively(elements: Element[]): Element[] {
  return elements.filter(
    (inner) =>
      !elements.some(
        (outer) =>
          outer !== inner &&
          outer.contains(inner) &&
          normalizeText(outer.textContent) === normalizeText(inner.textContent),
      ),
  );
}

type Tree = { text: string; children: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.record({
    text: fc.constantFrom('', '', 'a', ' a ', 'b'),
    children: fc.oneof({ maxDepth: 4 }, fc.constant<Tree[]>([]), fc.array(tie('tree'), { maxLength: 3 })),
  }),
})).tree;

function render(node: Tree): Element {
  const element = document.createElement('div');
  if (node.text) element.append(node.text);
  for (const child of node.children) element.append(render(child));
  return element;
}

describe('collapseNested', () => {
  it('property: keeps exactly what the quadratic definition keeps, on generated trees', () => {
    fc.assert(
      fc.property(tree, fc.double({ min: 0, max: 1, noNaN: true }), (shape, share) => {
        const root = render(shape);
        document.body.replaceChildren(root);
        const all = [root, ...root.querySelectorAll('div')];
        const chosen = all.filter((_element, index) => (index * 7919) % 100 < share * 100);
        expect(collapseNested(chosen)).toEqual(collapseNaively(chosen));
      }),
      { numRuns: 300 },
    );
  });
});
