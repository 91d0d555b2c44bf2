/**
 * `npm run fixture:from-outline` (issue 19): a valid outline becomes a replica fixture and a failing test
 * stub; a malformed or oversized file is rejected with the path of its first bad field; nothing in the file
 * is ever executed or written unescaped.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPageOutline, OUTLINE_MAX_BYTES, outlineJson } from '../../../engine/outline';
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';
import type { PageOutline } from '../../../rules/outline-schema';
import { fixtureFromOutline, nameFromUrl } from '../../../scripts/fixture-from-outline';
import { htmlDocument, loadFixture } from '../support/fixtures';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function outlineFile(content: string): string {
  dir = mkdtempSync(join(tmpdir(), 'cloudexit-outline-'));
  const file = join(dir, 'outline.json');
  writeFileSync(file, content);
  return file;
}

const VOLUMES_URL = 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Volumes:';
const valid = (): PageOutline =>
  buildPageOutline(loadFixture('aws/ec2-volumes.en.html', VOLUMES_URL), BUILTIN_ROUTE_WORDS);

function rejection(content: string): string {
  const file = outlineFile(content);
  try {
    fixtureFromOutline({ file, testDir: join(dir, 'test') });
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('fixture:from-outline', () => {
  it('writes a replica fixture and a test stub that fails until someone names the page', () => {
    const file = outlineFile(outlineJson(valid()));
    const result = fixtureFromOutline({ file, testDir: join(dir, 'test') });
    expect(result.providerId).toBe('aws'); // from the outline's console host
    expect(result.fixture).toBe(join(dir, 'test', 'fixtures', 'aws', 'outline-ec2-home-volumes.html'));
    const replica = htmlDocument(readFileSync(result.fixture, 'utf8'));
    expect(replica.querySelector('h2, h1, [role="heading"]')?.textContent).toContain('Volumes');
    expect(replica.querySelectorAll('script')).toHaveLength(0);
    const stub = readFileSync(result.stub, 'utf8');
    expect(stub).toContain('const FIXTURE = "aws/outline-ec2-home-volumes.html";');
    expect(stub).toContain(`const PAGE_URL = ${JSON.stringify(valid().url)};`);
    expect(stub).toContain('const EXPECTED_PAGE_ID: string | null = null;');
    // Refuses to overwrite without --force.
    expect(() => fixtureFromOutline({ file, testDir: join(dir, 'test') })).toThrow(/exists/);
  });

  it('names files from the route only', () => {
    expect(nameFromUrl('https://us-east-1.console.aws.amazon.com/ec2/home?region=#Volumes:')).toBe('ec2-home-volumes');
    expect(nameFromUrl('https://ecs.console.aliyun.com/server/:id/detail')).toBe('server-detail');
    expect(nameFromUrl('not a url')).toBe('page');
  });

  it('rejects a malformed or oversized file with the path of the first bad field', () => {
    const outline = valid();
    const withBody = (body: unknown) => JSON.stringify({ ...outline, body });
    expect(rejection('{ not json')).toMatch(/^\(file\): not JSON/);
    expect(rejection(' '.repeat(OUTLINE_MAX_BYTES + 1))).toMatch(/^\(file\): \d+ bytes, more than the 200000-byte cap/);
    expect(rejection(JSON.stringify({ ...outline, format: 'something-else' }))).toMatch(/^format: not a CloudExit/);
    expect(rejection(withBody([{ tag: 'div', children: ['ok', { tag: 'script', name: 'x' }] }]))).toMatch(
      /^body\[0\]\.children\[1\]\.tag: not one of the tags/,
    );
    expect(rejection(withBody([{ tag: 'a', href: 'javascript:alert(1)' }]))).toMatch(/^body\[0\]\.href: /);
    expect(rejection(withBody([{ tag: 'button', onclick: 'alert(1)' }]))).toMatch(/^body\[0\]/);
    expect(rejection(withBody([{ tag: 'button', name: 'x'.repeat(500) }]))).toMatch(/^body\[0\]\.name: longer than/);
    let deep: unknown = { tag: 'div' };
    for (let i = 0; i < 100; i++) deep = { tag: 'div', children: [deep] };
    expect(rejection(withBody([deep]))).toMatch(/^body\[0\](\.children\[0\])*\.children: nested deeper than 40 levels/);
    expect(rejection(JSON.stringify({ ...outline, url: 'https://example.com/' }))).toMatch(
      /^url: example\.com is no known console host/,
    );
  });

  it('writes labels that hold markup as text, never as markup', () => {
    const hostile = valid();
    hostile.body = [
      { tag: 'button', name: '<script>globalThis.pwned = 1</script>' },
      { tag: 'div', role: 'tab', children: ['</div><img src=x onerror=alert(1)>'] },
      { tag: 'a', href: '/x"><script>alert(2)</script>', name: 'Go' },
    ];
    // A string that would break out of a string literal, run a template substitution or close a comment.
    hostile.url = `https://us-east-1.console.aws.amazon.com/"; process.exit(1); \`$${'{x}'}\` */`;
    const file = outlineFile(JSON.stringify(hostile));
    const result = fixtureFromOutline({ file, testDir: join(dir, 'test'), name: 'hostile' });
    const replica = htmlDocument(readFileSync(result.fixture, 'utf8'));
    expect(replica.querySelectorAll('script, img, [onerror]')).toHaveLength(0);
    expect(replica.querySelector('button')!.textContent).toBe('<script>globalThis.pwned = 1</script>');
    expect(replica.querySelector('[role="tab"]')!.textContent).toBe('</div><img src=x onerror=alert(1)>');
    expect(replica.querySelector('a')!.getAttribute('href')).toBe('/x"><script>alert(2)</script>');
    const stub = readFileSync(result.stub, 'utf8');
    expect(stub).toContain(`const PAGE_URL = ${JSON.stringify(hostile.url)};`);
    expect(stub.split('\n').filter((line) => line.includes('process.exit'))).toEqual([
      `const PAGE_URL = ${JSON.stringify(hostile.url)};`,
    ]);
  });
});
