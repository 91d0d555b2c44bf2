import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { coverageTable } from '../../../scripts/coverage-table';
import { REPO_DIR } from '../../../scripts/rule-files';

it('the README coverage table is the one the rules give (npm run coverage-table)', () => {
  const readme = readFileSync(join(REPO_DIR, 'README.md'), 'utf8');
  const start = readme.indexOf('-->', readme.indexOf('<!-- coverage-table:start')) + 3;
  const end = readme.indexOf('<!-- coverage-table:end -->');
  expect(readme.slice(start, end).trim()).toBe(coverageTable());
});
