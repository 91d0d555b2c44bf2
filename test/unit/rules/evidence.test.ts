/**
 * Guide evidence on the replica pages: where several guides share a page, the one whose billing
 * model the rows show leads (the same ranking the card and the popup use). Each evidence entry has
 * a page it must match and a page it must not: the fixture, and the fixture with the billing model
 * swapped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rankGuidesForPage, stepSatisfiedOnPage } from '../../../engine/decide';
import { evaluateDetector } from '../../../engine/detect';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';
import { FIXTURES_DIR, htmlDocument } from '../support/fixtures';

const { providers, guides } = validateRuleFiles(readRuleFiles());
const tencent = providers.find((p) => p.provider.id === 'tencent')!.provider;
const page = tencent.pages.find((p) => p.id === 'tencent-cvm-instances')!;
const allGuides = guides.map((g) => g.guide);

const SWAPS = [
  { fixture: 'tencent/cvm-instances.zh.html', prepaid: '包年包月', payg: '按量计费' },
  { fixture: 'tencent/cvm-instances.en.html', prepaid: 'Monthly Subscription', payg: 'Pay-as-you-go' },
];

describe('guide evidence on the Tencent CVM instance list', () => {
  it.each(SWAPS)('leads with the guide the rows show on $fixture', ({ fixture, prepaid, payg }) => {
    const html = readFileSync(join(FIXTURES_DIR, fixture), 'utf8');
    expect(html).toContain(`>${prepaid}`);
    // Cells only: the 按量转包年包月 menu item stays as it is.
    const asPayg = html.replaceAll(`<td>${prepaid}`, `<td>${payg}`);
    expect(asPayg).not.toEqual(html);
    const lead = (doc: Document) => rankGuidesForPage(allGuides, { provider: tencent, page }, { doc })[0]!.id;
    expect(lead(htmlDocument(html))).toBe('tencent-prepaid-destroy-refund');
    expect(lead(htmlDocument(asPayg))).toBe('tencent-payg-destroy');
    for (const guide of allGuides.filter((g) => g.evidence)) {
      for (const entry of guide.evidence!.filter((candidate) => candidate.page === page.id)) {
        const matches = [html, asPayg].map((variant) => evaluateDetector(entry.detector, htmlDocument(variant)));
        expect(matches.filter(Boolean), `${guide.id}: matches exactly one of the two`).toHaveLength(1);
      }
    }
  });
});

describe('the filter step on the Tencent CVM instance list', () => {
  it.each(['tencent/cvm-instances.zh.html', 'tencent/cvm-instances.en.html'])(
    'is passed over where the list is already filtered to one instance ID, and shown where it is not (%s)',
    (fixture) => {
      const html = readFileSync(join(FIXTURES_DIR, fixture), 'utf8');
      const unfiltered = html.replace(/<span class="tea-tag">[\s\S]*?<\/span>/, '');
      expect(unfiltered).not.toEqual(html);
      for (const id of ['tencent-payg-destroy', 'tencent-prepaid-destroy-refund']) {
        const step = allGuides.find((g) => g.id === id)!.steps.find((s) => s.id === 'filter-to-instance')!;
        expect(stepSatisfiedOnPage(step, htmlDocument(html)), `${id} on ${fixture}`).toBe(true);
        expect(stepSatisfiedOnPage(step, htmlDocument(unfiltered)), `${id} unfiltered`).toBe(false);
      }
    },
  );
});
