/**
 * `npm run fixture:from-outline -- <outline.json> [--provider aws] [--name ec2-home] [--force]`
 *
 * Turns a page outline a user handed over (the popup's "CloudExit doesn't help on this page?")
 * into a replica fixture under test/fixtures/<provider>/outline-<name>.html and a test stub under
 * test/unit/outlines/ that states what should happen there — and fails until a maintainer says
 * which page rule must recognise it and makes that true. See test/fixtures/README.md.
 *
 * The file is data from outside: it is size-checked, parsed as JSON and validated with the outline
 * schema (the first bad field is named by its path); nothing in it is ever executed, and every
 * string from it is escaped wherever it is written.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { OUTLINE_MAX_BYTES } from '../engine/outline';
import { hostMatches } from '../engine/url';
import { type PageOutline, parseOutlineText } from '../rules/outline-schema';
import { renderReplica } from './outline-replica';
import { REPO_DIR, readRuleFiles, validateRuleFiles } from './rule-files';

export interface FixtureRequest {
  file: string;
  provider?: string;
  name?: string;
  force?: boolean;
  /** The folder holding fixtures/ and unit/ (default: the repository's test/). */
  testDir?: string;
}

export interface FixtureResult {
  fixture: string;
  stub: string;
  providerId: string;
}

export class OutlineFileError extends Error {}

function providerFor(outline: PageOutline, wanted: string | undefined): string {
  const providers = validateRuleFiles(readRuleFiles()).providers.map((p) => p.provider);
  if (wanted) {
    if (!providers.some((p) => p.id === wanted)) {
      throw new OutlineFileError(`--provider ${wanted}: no such provider (${providers.map((p) => p.id).join(', ')})`);
    }
    return wanted;
  }
  let host = '';
  try {
    host = new URL(outline.url).hostname;
  } catch {
    // no usable address in the outline
  }
  const found = providers.find((p) => p.hosts.some((pattern) => hostMatches(pattern, host)));
  if (!found) throw new OutlineFileError(`url: ${host || '(none)'} is no known console host; pass --provider <id>`);
  return found.id;
}

/** A file name from the page's route: its words, without tokens, ids or anything else. */
export function nameFromUrl(href: string): string {
  let words: string[] = [];
  try {
    const url = new URL(href);
    words = `${url.pathname} ${url.hash}`
      .replace(/:[a-z]+(\(\d+\))?/g, ' ')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((word) => word.length > 1 && word.length < 24);
  } catch {
    // fall through to "page"
  }
  return words.join('-').slice(0, 40).replace(/-+$/, '') || 'page';
}

function stubSource(fixture: string, outline: PageOutline, source: string): string {
  const comment = source.replace(/[^\w.@-]/g, '_');
  return `/**
 * A console page CloudExit did not help on, handed over as a page outline (${comment}) and turned into the
 * replica ${fixture.replace(/[^\w./-]/g, '_')} by \`npm run fixture:from-outline\`.
 *
 * What should happen there: the page rule named below recognises it (URL and DOM), and its guide's steps
 * anchor on the page. Until a maintainer names that rule and makes it hold, this test fails on purpose.
 * Then list the fixture in the page's \`examples.fixtures\` (or as a negative in test/unit/rules/fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { detectPage } from '../../../engine/decide';
import { readRuleFiles, validateRuleFiles } from '../../../scripts/rule-files';
import { loadFixture } from '../support/fixtures';

const FIXTURE = ${JSON.stringify(fixture)};
/** The address the outline recorded (query values and ids were already removed). */
const PAGE_URL = ${JSON.stringify(outline.url)};
/** The page rule that should recognise this page, e.g. 'aws-ec2-instances'; null until someone decides. */
const EXPECTED_PAGE_ID: string | null = null;

const providers = validateRuleFiles(readRuleFiles()).providers.map((p) => p.provider);

describe(\`\${FIXTURE} (from a page outline)\`, () => {
  it('is recognised as the console page the user was on', () => {
    expect(EXPECTED_PAGE_ID, 'name the page rule that should recognise this page').not.toBeNull();
    expect(detectPage(providers, PAGE_URL, loadFixture(FIXTURE, PAGE_URL))?.page.id ?? null).toBe(EXPECTED_PAGE_ID);
  });
});
`;
}

export function fixtureFromOutline(request: FixtureRequest): FixtureResult {
  const size = statSync(request.file).size;
  if (size > OUTLINE_MAX_BYTES) {
    throw new OutlineFileError(`(file): ${size} bytes, more than the ${OUTLINE_MAX_BYTES}-byte cap of an outline`);
  }
  const checked = parseOutlineText(readFileSync(request.file, 'utf8'));
  if (!checked.ok) throw new OutlineFileError(checked.error);
  const outline = checked.outline;
  const providerId = providerFor(outline, request.provider);
  const name = (request.name ?? nameFromUrl(outline.url)).toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(name))
    throw new OutlineFileError(`--name ${name}: lower-case letters, digits, "-"`);

  const testDir = request.testDir ?? join(REPO_DIR, 'test');
  const fixture = `${providerId}/outline-${name}.html`;
  const fixturePath = join(testDir, 'fixtures', fixture);
  const stubPath = join(testDir, 'unit', 'outlines', `${providerId}-${name}.test.ts`);
  for (const path of [fixturePath, stubPath]) {
    if (existsSync(path) && !request.force) throw new OutlineFileError(`${path} exists (pass --name or --force)`);
  }
  mkdirSync(join(testDir, 'fixtures', providerId), { recursive: true });
  mkdirSync(join(testDir, 'unit', 'outlines'), { recursive: true });
  writeFileSync(fixturePath, renderReplica(outline, { source: basename(request.file) }));
  writeFileSync(stubPath, stubSource(fixture, outline, basename(request.file)));
  return { fixture: fixturePath, stub: stubPath, providerId };
}

function parseArgs(argv: string[]): FixtureRequest {
  const request: Partial<FixtureRequest> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--provider') request.provider = argv[++i];
    else if (arg === '--name') request.name = argv[++i];
    else if (arg === '--force') request.force = true;
    else if (!arg.startsWith('--') && !request.file) request.file = arg;
    else throw new OutlineFileError(`unexpected argument ${arg}`);
  }
  if (!request.file) {
    throw new OutlineFileError('usage: npm run fixture:from-outline -- <outline.json> [--provider aws] [--name …]');
  }
  return request as FixtureRequest;
}

if (process.argv[1] && basename(process.argv[1]).startsWith('fixture-from-outline')) {
  try {
    const result = fixtureFromOutline(parseArgs(process.argv.slice(2)));
    console.log(`wrote ${relative(process.cwd(), result.fixture)}`);
    console.log(`wrote ${relative(process.cwd(), result.stub)} (fails until EXPECTED_PAGE_ID is set and holds)`);
  } catch (error) {
    console.error(`fixture:from-outline: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
