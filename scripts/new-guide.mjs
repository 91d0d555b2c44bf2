#!/usr/bin/env node
// Scaffolds a new guide (and optionally a page + fixture skeleton) that validates against the rule
// schema, so the author starts from a green build and replaces every TODO with sourced content.
//
//   npm run new-guide -- <provider> <guide-id> [--page <page-id>]
//
// Never overwrites: an existing guide file is an error; an existing page or fixture is left alone.
// Plain Node ESM, no dependencies. See docs/rule-syntax.md for every field.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const ID = /^[a-z0-9][a-z0-9-]*$/;
const USAGE = 'usage: npm run new-guide -- <provider> <guide-id> [--page <page-id>]';

function fail(message, code = 1) {
  console.error(`new-guide: ${message}`);
  process.exit(code);
}

function parseArgs(argv) {
  const positional = [];
  let page;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--page') {
      page = argv[++i];
      if (!page) fail(`--page needs a page id\n${USAGE}`, 2);
    } else if (arg.startsWith('--page=')) {
      page = arg.slice('--page='.length);
    } else if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) {
      fail(`unknown option ${arg}\n${USAGE}`, 2);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length !== 2) fail(USAGE, 2);
  const [provider, guideId] = positional;
  for (const [what, value] of [
    ['provider id', provider],
    ['guide id', guideId],
    ['page id', page],
  ]) {
    if (value !== undefined && !ID.test(value))
      fail(`${what} "${value}" must use lower-case letters, digits and "-"`, 2);
  }
  if (!guideId.startsWith(`${provider}-`)) fail(`guide id "${guideId}" must start with "${provider}-"`, 2);
  if (page !== undefined && !page.startsWith(`${provider}-`))
    fail(`page id "${page}" must start with "${provider}-"`, 2);
  return { provider, guideId, page };
}

const today = new Date().toISOString().slice(0, 10);
const todo = (what) => ({ zh: `TODO: ${what}（中文）`, en: `TODO: ${what}` });
const rel = (path) => relative(REPO, path);

/** Writes a new file; refuses (returns false) when it already exists. */
function writeNew(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
}

function providerSkeleton(provider) {
  return {
    $schema: '../schema/provider.schema.json',
    id: provider,
    name: todo('provider name'),
    kind: 'cloud',
    hosts: [],
    sites: {},
    pages: [],
  };
}

function pageSkeleton(provider, pageId, fixture) {
  // A console host of this provider when it has one (covered by the manifest); "*" otherwise.
  const host = provider.hosts[0] ?? '*';
  const exampleHost = host === '*' ? 'console.example.com' : host.replace(/^\*\./, '');
  const slug = pageId.slice(provider.id.length + 1);
  return {
    id: pageId,
    title: todo('page title as the console shows it'),
    urls: [{ hosts: [host], path: `^/todo-${slug}$` }],
    detect: {
      type: 'exists',
      locator: {
        candidates: [
          {
            type: 'css',
            css: `[data-todo-replace-detector="${pageId}"]`,
            why: 'TODO: placeholder; detect the real page by a tab, title or table only it has',
          },
        ],
      },
    },
    examples: {
      urls: [`https://${exampleHost}/todo-${slug}`],
      fixtures: [fixture],
    },
  };
}

function fixtureSkeleton(pageId) {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>TODO: console page title</title>
<!-- TODO: replica of the real console page (${pageId}). Self-contained: inline CSS only, no external
     resources, fake data, the controls a guide anchors visible at 1280x800. Model the console's design
     system (Fusion next-*, TEA tea-*, Cloudscape awsui_*), then delete the placeholder marker below and
     add a row to test/fixtures/README.md. -->
<style>
  body { margin: 0; font: 14px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; color: #333; }
  main { padding: 24px; }
</style>
</head>
<body>
<main data-todo-replace-detector="${pageId}">
  <h1>TODO</h1>
</main>
</body>
</html>
`;
}

function guideSkeleton(provider, guideId) {
  return {
    $schema: '../../schema/guide.schema.json',
    id: guideId,
    provider,
    title: todo('guide title: the one cancellation job'),
    summary: todo('summary: what to do and the number that matters'),
    billingModel: 'any',
    difficulty: 'medium',
    verified: today,
    sources: [
      {
        id: 'TODO-1',
        title: 'TODO: replace with a fact id from knowledge/cancellation-facts.md (e.g. "A8") and its document title',
        url: 'https://example.com/TODO-official-source-address',
        confidence: 'low',
        verified: today,
        note: 'TODO: placeholder source; replace it (id, title, url, confidence) before the guide ships',
      },
    ],
    steps: [
      {
        id: 'todo-first-step',
        kind: 'check',
        title: todo('step title: what to click'),
        body: todo('step body: what it costs if skipped'),
        pages: [],
        sources: ['TODO-1'],
      },
    ],
    checklist: [],
    deadlines: [],
  };
}

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

function main() {
  const { provider: providerId, guideId, page } = parseArgs(process.argv.slice(2));
  const providerDir = join(REPO, 'rules', providerId);
  const providerFile = join(providerDir, 'provider.json');
  const guideFile = join(providerDir, 'guides', `${guideId}.json`);
  const todos = [];
  const created = [];

  if (existsSync(guideFile)) fail(`${rel(guideFile)} already exists; not overwriting it`);

  // The provider (created only when it does not exist yet).
  let provider;
  let providerChanged = false;
  if (existsSync(providerFile)) {
    provider = JSON.parse(readFileSync(providerFile, 'utf8'));
  } else {
    provider = providerSkeleton(providerId);
    providerChanged = true;
    todos.push(
      `${rel(providerFile)}: provider name (zh + en), kind (cloud | self-hosted | device-cloud | none), hosts (covered by engine/hosts.ts), sites`,
    );
  }

  // The page and its fixture.
  if (page !== undefined) {
    const fixture = `${providerId}/${page.slice(providerId.length + 1)}.zh.html`;
    const fixtureFile = join(REPO, 'test', 'fixtures', fixture);
    if (provider.pages.some((p) => p.id === page)) {
      console.log(`page "${page}" already exists in ${rel(providerFile)}; left as it is`);
    } else {
      provider.pages.push(pageSkeleton(provider, page, fixture));
      providerChanged = true;
      todos.push(
        `${rel(providerFile)} › page "${page}": title, urls (hosts + path / hash / query), detect (must hold on its fixtures and on no other fixture), open (documented URL), examples.urls (must match this page only)`,
      );
      if (writeNew(fixtureFile, fixtureSkeleton(page))) {
        created.push(rel(fixtureFile));
        todos.push(
          `${rel(fixtureFile)}: build the replica page (and .en / old-new variants where the console has them), remove data-todo-replace-detector, add rows to test/fixtures/README.md`,
        );
      } else {
        console.log(`${rel(fixtureFile)} already exists; left as it is`);
      }
    }
  }

  if (providerChanged) {
    mkdirSync(providerDir, { recursive: true });
    writeFileSync(providerFile, json(provider));
    created.push(rel(providerFile));
  }

  if (!writeNew(guideFile, json(guideSkeleton(providerId, guideId)))) {
    fail(`${rel(guideFile)} already exists; not overwriting it`);
  }
  created.push(rel(guideFile));
  todos.push(
    `${rel(guideFile)}: title, summary, billingModel, difficulty; replace source "TODO-1" with real sources (one per fact id, confidence as the facts table gives it); replace the placeholder step with real steps${page ? ` (steps on "${page}" need an anchor)` : ''}; checklist items; deadlines only where a fact gives a number`,
  );

  console.log('Created or updated:');
  for (const file of created) console.log(`  ${file}`);
  console.log('\nStill to do:');
  for (const item of todos) console.log(`  - ${item}`);
  console.log(`
Then:
  npx biome check --write rules/${providerId}
  npx vitest run --project unit test/unit/rules
Field reference: docs/rule-syntax.md`);
}

main();
