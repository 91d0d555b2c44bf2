// What the rendered design-system fixtures are made from: the page sources, the manifest, the
// generator and the exact versions of the component libraries. The generator stores this digest
// beside its output; a unit test recomputes it, so a source changed without a rebuild fails.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// import.meta.dirname, not new URL(…): under vitest's happy-dom environment URL is the DOM's.
const ROOT = path.resolve(import.meta.dirname, '..');
const SOURCE_DIR = path.join(ROOT, 'test/fixtures/design-system');
const LIBRARIES = [
  '@cloudscape-design/components',
  '@cloudscape-design/global-styles',
  '@alifd/next',
  'tea-component',
  'react-18',
  'react-dom-18',
  'esbuild',
];

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'rendered' ? [] : sources(file);
      return /\.(tsx|json)$/.test(entry.name) && entry.name !== 'known-gaps.json' ? [file] : [];
    })
    .sort();
}

/** @returns {string} sha256 hex of the inputs, stable across machines (paths relative, sorted). */
export function sourcesDigest() {
  const hash = createHash('sha256');
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  for (const name of LIBRARIES) hash.update(`${name}@${lock.packages[`node_modules/${name}`]?.version}\n`);
  for (const file of [...sources(SOURCE_DIR), path.join(ROOT, 'scripts/design-system-fixtures.mjs')]) {
    hash.update(`${path.relative(ROOT, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}
