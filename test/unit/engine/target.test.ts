import { describe, expect, it } from 'vitest';
import { activeStepOnPage } from '../../../engine/decide';
import { isFilterStep, resolveStepTarget } from '../../../engine/target';
import type { Guide, Step } from '../../../rules/schema';
import { htmlDocument } from '../support/fixtures';

const text = { zh: 't', en: 't' };
const menuStep: Step = {
  id: 'destroy',
  kind: 'action',
  title: text,
  body: text,
  pages: ['cvm'],
  menuPath: [
    { candidates: [{ type: 'role', role: 'button', name: ['更多'], why: 'level 1' }] },
    { candidates: [{ type: 'role', role: 'menuitem', name: ['实例状态'], why: 'level 2' }] },
  ],
  anchor: { candidates: [{ type: 'role', role: 'menuitem', name: ['销毁/退还'], why: 'final' }] },
  sources: ['B10'],
};

const page = (open: number) =>
  htmlDocument(`
    <button>更多</button>
    <ul role="menu" ${open >= 1 ? '' : 'hidden'}><li role="menuitem">实例状态</li></ul>
    <ul role="menu" ${open >= 2 ? '' : 'hidden'}><li role="menuitem">销毁/退还</li></ul>`);

describe('resolveStepTarget walks a menu path level by level', () => {
  it('points at the first level while the menu is closed', () => {
    const target = resolveStepTarget(menuStep, page(0));
    expect(target.status === 'found' && [target.menuLevel, target.element.textContent]).toEqual([0, '更多']);
  });
  it('moves to the next level once it opens', () => {
    const target = resolveStepTarget(menuStep, page(1));
    expect(target.status === 'found' && [target.menuLevel, target.element.textContent]).toEqual([1, '实例状态']);
  });
  it('ends on the final control, which is not a menu level', () => {
    const target = resolveStepTarget(menuStep, page(2));
    expect(target.status === 'found' && [target.menuLevel, target.element.textContent]).toEqual([null, '销毁/退还']);
  });
  it('reports what was tried when nothing is there', () => {
    const target = resolveStepTarget(menuStep, htmlDocument('<p>empty</p>'));
    expect(target.status).toBe('missing');
    expect(target.status === 'missing' && target.tried.map((t) => t.why)).toEqual(['final', 'level 1']);
  });
});

describe('warning steps about rows', () => {
  const warning: Step = {
    id: 'idle-eips',
    kind: 'warning',
    title: text,
    body: { zh: '{count} 个未绑定', en: '{count} not attached' },
    pages: ['eips'],
    anchor: { candidates: [{ type: 'css', css: 'table', why: 'the list' }] },
    rows: { row: 'tbody tr', status: ['Available'], match: 'exact' },
    sources: ['C6'],
  };
  const guide: Guide = {
    id: 'g',
    provider: 'p',
    title: text,
    summary: text,
    billingModel: 'pay-as-you-go',
    difficulty: 'easy',
    verified: '2026-11-26',
    sources: [{ id: 'C6', title: 't', url: 'https://example.com/', confidence: 'high', verified: '2026-11-26' }],
    steps: [warning, { ...warning, id: 'next', kind: 'check', rows: undefined }],
    checklist: [],
    deadlines: [],
  };
  it('find the rows and apply where such rows show', () => {
    const doc = htmlDocument(
      `<table><tbody><tr><td>a</td><td>Available</td></tr><tr><td>b</td><td>In use</td></tr><tr><td>c</td><td>Available</td></tr></tbody></table>`,
    );
    const target = resolveStepTarget(warning, doc);
    expect(target.status === 'found' && target.rows.length).toBe(2);
    expect(activeStepOnPage(guide, 'eips', undefined, doc)?.step.id).toBe('idle-eips');
  });
  it('are skipped where no row shows the status', () => {
    const doc = htmlDocument(`<table><tbody><tr><td>b</td><td>In use</td></tr></tbody></table>`);
    expect(activeStepOnPage(guide, 'eips', undefined, doc)?.step.id).toBe('next');
  });
});

describe('steps that advance when the user reaches a page', () => {
  it('are done on arrival, once', async () => {
    const { stepsDoneByArrival } = await import('../../../engine/decide');
    const step: Step = {
      ...menuStep,
      id: 'go-refund',
      pages: ['renewal'],
      advanceOn: { type: 'page', page: 'refund' },
    };
    const guide = {
      id: 'g',
      provider: 'p',
      steps: [step, { ...menuStep, id: 'other' }],
    } as unknown as Guide;
    const match = { provider: { id: 'p' }, page: { id: 'refund' } } as Parameters<typeof stepsDoneByArrival>[1];
    expect(stepsDoneByArrival([guide], match, {})).toEqual([{ guideId: 'g', stepId: 'go-refund' }]);
    expect(stepsDoneByArrival([guide], match, { g: { done: ['go-refund'] } })).toEqual([]);
    expect(stepsDoneByArrival([guide], { ...match, page: { id: 'renewal' } } as typeof match, {})).toEqual([]);
  });
});

describe('an optional filter step', () => {
  const filter: Step = {
    id: 'filter',
    kind: 'action',
    title: text,
    body: text,
    pages: ['cvm'],
    anchor: {
      candidates: [
        { type: 'role', role: 'textbox', name: ['实例ID'], why: 'labelled search box' },
        { type: 'css', css: '.tea-tagsearch input', why: 'TEA search box' },
      ],
    },
    sources: ['B10'],
  };
  const guide: Guide = {
    id: 'g',
    provider: 'p',
    title: text,
    summary: text,
    billingModel: 'pay-as-you-go',
    difficulty: 'easy',
    verified: '2026-11-26',
    sources: [{ id: 'B10', title: 't', url: 'https://example.com/', confidence: 'high', verified: '2026-11-26' }],
    steps: [filter, menuStep],
    checklist: [],
    deadlines: [],
  };
  it('leads where its search box shows', () => {
    const doc = htmlDocument(
      `<div class="tea-tagsearch"><input placeholder="多个关键字用竖线分隔"></div><button>更多</button>`,
    );
    expect(activeStepOnPage(guide, 'cvm', undefined, doc)?.step.id).toBe('filter');
  });
  it('never hides the steps after it when its box is not found', () => {
    const doc = htmlDocument(
      `<div class="search-box"><input placeholder="请输入实例ID进行搜索，多个关键字用竖线分隔"></div><button>更多</button>`,
    );
    const active = activeStepOnPage(guide, 'cvm', undefined, doc);
    expect(active?.step.id).toBe('destroy');
    expect(active && [active.index, active.count]).toEqual([1, 2]);
  });
  it('is a filter step only when every candidate points at a text box', () => {
    expect(isFilterStep(filter)).toBe(true);
    expect(isFilterStep(menuStep)).toBe(false);
    expect(isFilterStep({ ...filter, anchor: { candidates: [{ type: 'css', css: 'table', why: 'x' }] } })).toBe(false);
  });
});
