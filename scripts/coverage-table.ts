/**
 * The README's coverage table, from the rules: provider × guide × pages × weakest confidence ×
 * verified date. `npm run coverage-table` prints it; a unit test keeps the README's copy current.
 */
import { weakestConfidence } from '../engine/confidence';
import { readRuleFiles, validateRuleFiles } from './rule-files';

export function coverageTable(): string {
  const { providers, guides } = validateRuleFiles(readRuleFiles());
  const rows = guides.map(({ guide }) => {
    const provider = providers.find((entry) => entry.provider.id === guide.provider)!.provider;
    const pages = [...new Set(guide.steps.flatMap((step) => step.pages))];
    const weakest = weakestConfidence(guide.sources);
    return `| ${provider.name.en} | ${guide.title.en} (\`${guide.id}\`) | ${pages.length ? pages.map((id) => `\`${id}\``).join(', ') : 'checklist only'} | ${guide.steps.length} | ${weakest} | ${guide.verified} |`;
  });
  return [
    '| Provider | Guide | Console pages with on-page hints | Steps | Weakest source | Verified |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1]?.endsWith('coverage-table.ts')) console.log(coverageTable());
