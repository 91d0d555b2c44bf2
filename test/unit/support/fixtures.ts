import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURES_DIR = join(import.meta.dirname, '..', '..', 'fixtures');

/**
 * Every hand-written replica page, as paths relative to test/fixtures (the form rules use). The pages
 * rendered by the consoles' own design systems (design-system/) have their own manifest and test.
 */
export function listFixtures(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? entry.name === 'design-system' && dir === FIXTURES_DIR
          ? []
          : walk(join(dir, entry.name))
        : entry.name.endsWith('.html')
          ? [join(dir, entry.name)]
          : [],
    );
  return walk(FIXTURES_DIR)
    .map((file) => relative(FIXTURES_DIR, file))
    .sort();
}

/** happy-dom lacks the browser's user-agent rule for [hidden]; real pages rely on it. */
function withUserAgentStyles(document: Document): Document {
  const style = document.createElement('style');
  style.textContent = '[hidden]:not([hidden="until-found"]) { display: none; }';
  document.head.prepend(style);
  return document;
}

/**
 * A fixture in its own window, with styles applied (so hidden panels count as hidden) and its
 * scripts not run: rules must work on the markup the console serves.
 */
export function loadFixture(path: string, url = 'https://example.invalid/'): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  const document = window.document as unknown as Document;
  document.write(readFileSync(join(FIXTURES_DIR, path), 'utf8'));
  return withUserAgentStyles(document);
}

export function htmlDocument(html: string, url = 'https://example.invalid/'): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true } });
  const document = window.document as unknown as Document;
  document.write(html);
  return withUserAgentStyles(document);
}
