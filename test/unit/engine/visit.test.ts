/**
 * The page-visit state machine (engine/visit.ts) on small pages and synthetic rules: every phase,
 * the guide ranking shared by the card and the popup, steps passed over on arrival, and optional
 * steps that must not hide the steps after them.
 */
import { describe, expect, it } from 'vitest';
import { rankGuidesForPage } from '../../../engine/decide';
import { evaluateVisit, type Visit } from '../../../engine/visit';
import type { Guide, Provider, Step } from '../../../rules/schema';
import { htmlDocument } from '../support/fixtures';

const HREF = 'https://console.example.com/cvm/index';
const provider: Provider = {
  id: 'cloud',
  name: { zh: '云', en: 'Cloud' },
  kind: 'cloud',
  hosts: ['console.example.com'],
  sites: {},
  pages: [
    {
      id: 'instances',
      title: { zh: '实例', en: 'Instances' },
      urls: [{ hosts: ['console.example.com'], path: '^/cvm' }],
      detect: { type: 'text', css: 'h1, h2', includes: ['实例', 'Instances'] },
      ready: { type: 'exists', locator: { candidates: [{ type: 'css', css: 'table', why: 'list rendered' }] } },
      examples: { urls: [HREF], fixtures: ['none.html'] },
    },
  ],
};

const button = (name: string): Step['anchor'] => ({
  candidates: [{ type: 'role', role: 'button', name: [name], why: 'test' }],
});
function step(id: string, extra: Partial<Step> = {}): Step {
  return {
    id,
    kind: 'action',
    title: { zh: id, en: id },
    body: { zh: id, en: id },
    pages: ['instances'],
    anchor: button(id),
    sources: ['S1'],
    ...extra,
  };
}
function guide(id: string, steps: Step[], extra: Partial<Guide> = {}): Guide {
  return {
    id,
    provider: 'cloud',
    title: { zh: id, en: id },
    summary: { zh: id, en: id },
    billingModel: 'any',
    difficulty: 'easy',
    verified: '2026-12-04',
    sources: [{ id: 'S1', title: 'Doc', url: 'https://docs.example.com/', confidence: 'high', verified: '2026-12-04' }],
    steps,
    checklist: [],
    deadlines: [],
    ...extra,
  };
}

const LIST = `<h1>实例</h1><table><tbody><tr><td>ins-1</td><td>按量计费</td></tr></tbody></table>`;
const page = (body: string, lang = 'zh-CN') => htmlDocument(`<html lang="${lang}"><body>${body}</body></html>`, HREF);

function visit(doc: Document, guides: Guide[], extra: Partial<Parameters<typeof evaluateVisit>[0]> = {}): Visit {
  return evaluateVisit({ providers: [provider], guides, href: HREF, doc, progress: {}, elapsedMs: 0, ...extra });
}
const activeStepId = (v: Visit) => (v.phase === 'guide' ? v.decision.active?.step.id : undefined);
const targetState = (v: Visit) => (v.phase === 'guide' ? v.target.state : undefined);

describe('page visit phases', () => {
  const release = guide('release', [step('释放')]);

  it('does nothing where no page matches the URL', () => {
    expect(
      evaluateVisit({
        providers: [provider],
        guides: [release],
        href: 'https://console.example.com/vpc',
        doc: page(LIST),
        progress: {},
        elapsedMs: 0,
      }).phase,
    ).toBe('no-page');
  });

  it('keeps recognising until the cap, then says a guide exists here and why it did not show', () => {
    const empty = page('<div id="app"></div>');
    expect(visit(empty, [release], { elapsedMs: 14_000 }).phase).toBe('recognising');
    expect(visit(empty, [release], { elapsedMs: 15_000 })).toMatchObject({
      phase: 'unconfirmed',
      reason: 'no-evidence',
    });
    const japanese = page('<h1>インスタンス</h1>', 'ja');
    expect(visit(japanese, [release], { elapsedMs: 15_000 })).toMatchObject({
      phase: 'unconfirmed',
      reason: 'unknown-language',
      lang: 'ja',
    });
  });

  it('finds the control, waits for it within the grace, then falls back', () => {
    const withButton = page(`${LIST}<button>释放</button>`);
    expect(targetState(visit(withButton, [release]))).toBe('found');
    const without = page(LIST);
    expect(targetState(visit(without, [release], { elapsedMs: 2000, recognisedForMs: 2000 }))).toBe('pending');
    expect(targetState(visit(without, [release], { elapsedMs: 9000, recognisedForMs: 8000 }))).toBe('fallback');
  });

  it("counts the grace from recognition, and waits for the page's ready detector up to the cap", () => {
    const late = page('<h1>实例</h1>'); // recognised, but its table (the ready signal) is not there yet
    expect(targetState(visit(late, [release], { elapsedMs: 12_000, recognisedForMs: 9000 }))).toBe('pending');
    expect(targetState(visit(late, [release], { elapsedMs: 15_000, recognisedForMs: 12_000 }))).toBe('fallback');
    expect(targetState(visit(page(LIST), [release], { elapsedMs: 12_000, recognisedForMs: 1000 }))).toBe('pending');
  });
});

describe('steps on arrival', () => {
  const tabStep = step('open-tab', {
    anchor: { candidates: [{ type: 'role', role: 'tab', name: ['自动续费'], why: 'test' }] },
    advanceOn: { type: 'click' },
  });

  it('passes over a tab step whose tab is already selected, keeping the step numbers', () => {
    const g = guide('renew', [tabStep, step('关闭自动续费')]);
    const selected = page(
      `${LIST}<div role="tablist"><div role="tab" aria-selected="true">自动续费</div></div><button>关闭自动续费</button>`,
    );
    const v = visit(selected, [g]);
    expect(activeStepId(v)).toBe('关闭自动续费');
    expect(v.phase === 'guide' && v.decision.active?.index).toBe(1);
    const notSelected = page(
      `${LIST}<div role="tablist"><div role="tab" aria-selected="false">自动续费</div></div><button>关闭自动续费</button>`,
    );
    expect(activeStepId(visit(notSelected, [g]))).toBe('open-tab');
  });

  it('passes over a step whose doneWhen already holds (a filter already set)', () => {
    const filter = step('filter', { doneWhen: { type: 'text', css: '[data-filter]', includes: ['SaaS'] } });
    const g = guide('market', [filter, step('Actions')]);
    expect(activeStepId(visit(page(`${LIST}<button>filter</button><button>Actions</button>`), [g]))).toBe('filter');
    expect(
      activeStepId(visit(page(`${LIST}<span data-filter>Delivery method: SaaS</span><button>Actions</button>`), [g])),
    ).toBe('Actions');
  });

  it('an optional step whose control is missing yields to the next step that can be shown', () => {
    const g = guide('release', [step('search', { optional: true }), step('释放')]);
    const v = visit(page(`${LIST}<button>释放</button>`), [g]);
    expect(activeStepId(v)).toBe('释放');
    expect(targetState(v)).toBe('found');
    // …but a required step is never jumped over.
    const required = guide('release', [step('search'), step('释放')]);
    const held = visit(page(`${LIST}<button>释放</button>`), [required], { recognisedForMs: 9000, elapsedMs: 9000 });
    expect(activeStepId(held)).toBe('search');
    expect(targetState(held)).toBe('fallback');
  });
});

describe('which guide leads on a shared page', () => {
  const payg = guide('payg', [step('销毁')], {
    evidence: [{ page: 'instances', detector: { type: 'text', css: 'td', includes: ['按量计费'] } }],
  });
  const prepaid = guide('prepaid', [step('销毁')], {
    evidence: [{ page: 'instances', detector: { type: 'text', css: 'td', includes: ['包年包月'] } }],
  });
  const sideTrip = guide('side-trip', [step('销毁')]);
  const mainGround = guide('main-ground', [step('销毁'), step('every-region', { kind: 'check' })]);
  const match = { provider, page: provider.pages[0]! };

  it("follows what the page shows, then the user's choice for the provider, then the guide most at home here", () => {
    const paygRows = page(LIST);
    expect(rankGuidesForPage([prepaid, payg], match, { doc: paygRows }).map((g) => g.id)).toEqual(['payg', 'prepaid']);
    const prepaidRows = page(LIST.replace('按量计费', '包年包月'));
    expect(rankGuidesForPage([payg, prepaid], match, { doc: prepaidRows })[0]!.id).toBe('prepaid');
    expect(rankGuidesForPage([sideTrip, mainGround], match, { doc: page('<h1>实例</h1>') }).map((g) => g.id)).toEqual([
      'main-ground',
      'side-trip',
    ]);
    expect(
      rankGuidesForPage([sideTrip, mainGround], match, { choices: { byProvider: { cloud: 'side-trip' } } })[0]!.id,
    ).toBe('side-trip');
  });

  it("the choice made on the card for this page beats the page's evidence", () => {
    const ranked = rankGuidesForPage([prepaid, payg], match, {
      doc: page(LIST),
      choices: { byPage: { instances: 'prepaid' } },
    });
    expect(ranked[0]!.id).toBe('prepaid');
  });

  it('the visit leads with the ranked guide and lists the others for the card', () => {
    const v = visit(page(`${LIST}<button>销毁</button>`), [prepaid, payg]);
    expect(v.phase === 'guide' && v.decision.active?.guide.id).toBe('payg');
    expect(v.phase === 'guide' && v.decision.guides.map((g) => g.id)).toEqual(['payg', 'prepaid']);
  });
});
