import { describe, expect, it } from 'vitest';
import { accessibleName, resolveLocator } from '../../../engine/locate';
import type { Locator } from '../../../rules/schema';
import { htmlDocument } from '../support/fixtures';

const tabLocator: Locator = {
  candidates: [
    { type: 'role', role: 'tab', name: ['自动续订', 'Auto-Renewal'], why: 'role + name' },
    { type: 'text', css: '.tab', text: ['自动续订'], why: 'tabs without roles' },
  ],
};

describe('resolveLocator', () => {
  it('returns the single rendered match and which candidate found it', () => {
    const doc = htmlDocument(
      `<div role="tablist"><div role="tab">手动续订</div><div role="tab"><span>自动续订</span> <em>2</em></div></div>`,
    );
    const result = resolveLocator(tabLocator, doc);
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.candidateIndex).toBe(0);
    expect(result.element.textContent).toContain('自动续订');
    expect(result.tried).toEqual([{ index: 0, type: 'role', why: 'role + name', matched: 1, hidden: 0 }]);
  });

  it('falls through to the next candidate and reports what each one saw', () => {
    const doc = htmlDocument(`<div class="tab">手动续订</div><div class="tab">自动续订</div>`);
    const result = resolveLocator(tabLocator, doc);
    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.candidateIndex).toBe(1);
    expect(result.tried.map((t) => t.matched)).toEqual([0, 1]);
  });

  it('ignores hidden duplicates but counts them', () => {
    const doc = htmlDocument(
      `<style>.mobile{display:none}</style><button>设置为不续订</button><div class="mobile"><button>设置为不续订</button></div>`,
    );
    const result = resolveLocator(
      { candidates: [{ type: 'role', role: 'button', name: ['设置为不续订'], why: 'x' }] },
      doc,
    );
    expect(result.status).toBe('found');
    expect(result.tried[0]).toMatchObject({ matched: 1, hidden: 1 });
  });

  it('refuses ambiguity: two rendered matches are not an anchor', () => {
    const doc = htmlDocument(`<button>释放</button><button>释放</button>`);
    const result = resolveLocator({ candidates: [{ type: 'role', role: 'button', name: ['释放'], why: 'x' }] }, doc);
    expect(result).toEqual({ status: 'missing', tried: [{ index: 0, type: 'role', why: 'x', matched: 2, hidden: 0 }] });
  });

  it('finds test ids and survives selectors the browser cannot parse', () => {
    const doc = htmlDocument(`<div data-testid="close-account">x</div>`);
    const result = resolveLocator(
      {
        candidates: [
          { type: 'css', css: 'div:::nonsense(', why: 'broken' },
          { type: 'testId', value: 'close-account', why: 'stable test id' },
        ],
      },
      doc,
    );
    expect(result.status === 'found' && result.candidateIndex).toBe(1);
  });

  it('chains through an open shadow root', () => {
    const doc = htmlDocument(`<console-nav></console-nav>`);
    const host = doc.querySelector('console-nav')!;
    host.attachShadow({ mode: 'open' }).innerHTML = `<a href="#/bills">Bills</a><a href="#/account">Account</a>`;
    const result = resolveLocator(
      {
        candidates: [
          {
            type: 'chain',
            links: [
              { type: 'css', css: 'console-nav', why: 'host' },
              { type: 'role', role: 'link', name: ['Account'], why: 'link inside' },
            ],
            why: 'nav in a web component',
          },
        ],
      },
      doc,
    );
    expect(result.status === 'found' && result.element.getAttribute('href')).toBe('#/account');
  });
});

describe('accessibleName', () => {
  it('prefers aria-labelledby, then aria-label, then labels and text', () => {
    const doc = htmlDocument(
      `<span id="l">Close account</span><button aria-labelledby="l">x</button><button aria-label="Terminate">y</button><label for="c">Auto renew</label><input id="c" type="checkbox"><button title="t"></button>`,
    );
    const [byId, byLabel, titled] = Array.from(doc.querySelectorAll('button'));
    expect(accessibleName(byId!)).toBe('Close account');
    expect(accessibleName(byLabel!)).toBe('Terminate');
    expect(accessibleName(doc.querySelector('input')!)).toBe('Auto renew');
    expect(accessibleName(titled!)).toBe('t');
  });
});

describe('nested matches of one label', () => {
  it('count as one control (the outer element) when the wrapper adds no text', () => {
    const doc = htmlDocument(
      `<ul><li class="tabs-tab"><div class="tabs-tab-inner"><span>自动续订</span></div></li></ul>`,
    );
    const result = resolveLocator(
      { candidates: [{ type: 'text', css: "[class*='tabs-tab']", text: ['自动续订'], why: 'x' }] },
      doc,
    );
    expect(result.status === 'found' && result.element.tagName).toBe('LI');
  });
  it('resolve to the control when a container repeats its label (control over container)', () => {
    const doc = htmlDocument(`<div class="btn">设置为不续订 <button class="btn">设置为不续订</button></div>`);
    const result = resolveLocator(
      { candidates: [{ type: 'text', css: '.btn', text: ['设置为不续订'], match: 'contains', why: 'x' }] },
      doc,
    );
    expect(result.status === 'found' && result.element.tagName).toBe('BUTTON');
  });
  it('stay ambiguous when they are different controls with the same label', () => {
    const doc = htmlDocument(`<a class="btn" href="#a">设置为不续订</a> <button class="btn">设置为不续订</button>`);
    const result = resolveLocator(
      { candidates: [{ type: 'text', css: '.btn', text: ['设置为不续订'], match: 'contains', why: 'x' }] },
      doc,
    );
    expect(result.status).toBe('missing');
  });
});

describe('ranking several matches of one candidate', () => {
  const role = (name: string, match?: 'exact' | 'startsWith' | 'contains'): Locator => ({
    candidates: [{ type: 'role', role: 'button', name: [name], why: 'x', ...(match ? { match } : {}) }],
  });
  it('an enabled control beats its disabled duplicate', () => {
    const doc = htmlDocument(`<button disabled>Release</button><button id="real">Release</button>`);
    const result = resolveLocator(role('Release'), doc);
    expect(result.status === 'found' && result.element.id).toBe('real');
    const aria = htmlDocument(
      `<button id="real">Release</button><div role="button" aria-disabled="true">Release</div>`,
    );
    const ariaResult = resolveLocator(role('Release'), aria);
    expect(ariaResult.status === 'found' && ariaResult.element.id).toBe('real');
  });
  it('an exact name beats a prefix, a prefix beats a contained word', () => {
    const doc = htmlDocument(
      `<button id="exact">Actions (2)</button><button>Actions for instance</button><button>Instance actions</button>`,
    );
    const result = resolveLocator(role('Actions', 'contains'), doc);
    expect(result.status === 'found' && result.element.id).toBe('exact');
    const prefix = htmlDocument(`<button id="prefix">Actions for instance</button><button>Instance actions</button>`);
    const prefixResult = resolveLocator(role('Actions', 'contains'), prefix);
    expect(prefixResult.status === 'found' && prefixResult.element.id).toBe('prefix');
  });
  it('a button the step names beats a filter trigger with the same label', () => {
    const doc = htmlDocument(`<button aria-haspopup="listbox">Actions</button><button id="real">Actions</button>`);
    const result = resolveLocator(role('Actions'), doc);
    expect(result.status === 'found' && result.element.id).toBe('real');
  });
  it('one list drawn as a header table and a body table resolves to the body table', () => {
    const doc = htmlDocument(
      `<div class="tea-table"><table><thead><tr><th>ID</th></tr></thead></table><table id="body"><tbody><tr><td>ins-1</td></tr><tr><td>ins-2</td></tr></tbody></table></div>`,
    );
    const result = resolveLocator({ candidates: [{ type: 'css', css: '.tea-table table', why: 'x' }] }, doc);
    expect(result.status === 'found' && result.element.id).toBe('body');
  });
  it('locked-column copies of one list resolve to the copy with the whole row', () => {
    const doc = htmlDocument(
      `<table id="main"><tbody><tr><td>i-1</td><td>ECS</td><td>续订</td></tr><tr><td>i-2</td><td>EIP</td><td>续订</td></tr></tbody></table>
       <table class="lock-left"><tbody><tr><td>i-1</td></tr><tr><td>i-2</td></tr></tbody></table>
       <table class="lock-right"><tbody><tr><td>续订</td></tr><tr><td>续订</td></tr></tbody></table>`,
    );
    const result = resolveLocator({ candidates: [{ type: 'css', css: 'table', why: 'x' }] }, doc);
    expect(result.status === 'found' && result.element.id).toBe('main');
  });
  it('two different lists stay ambiguous', () => {
    const doc = htmlDocument(
      `<table><tbody><tr><td>a</td></tr></tbody></table><table><tbody><tr><td>b</td></tr><tr><td>c</td></tr></tbody></table>`,
    );
    expect(resolveLocator({ candidates: [{ type: 'css', css: 'table', why: 'x' }] }, doc).status).toBe('missing');
  });
  it('one row action drawn in each copy of its row resolves to the locked copy drawn on top', () => {
    const doc = htmlDocument(
      `<table><tbody><tr><td>i-1</td><td>ECS</td><td><button aria-label="更多操作">⋮</button></td></tr></tbody></table>
       <table class="lock-right"><tbody><tr><td><button id="top" aria-label="更多操作">⋮</button></td></tr></tbody></table>`,
    );
    const result = resolveLocator(role('更多操作'), doc);
    expect(result.status === 'found' && result.element.id).toBe('top');
  });
  it('the same action in two different rows stays ambiguous', () => {
    const doc = htmlDocument(
      `<table><tbody><tr><td>i-1</td><td><button>更多</button></td></tr><tr><td>i-2</td><td><button>更多</button></td></tr></tbody></table>`,
    );
    expect(resolveLocator(role('更多'), doc).status).toBe('missing');
  });
});
