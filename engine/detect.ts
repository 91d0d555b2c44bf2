import type { Detector } from '../rules/schema';
import { resolveLocator } from './locate';
import { normalizeText } from './text';

type NamedDetector = (doc: Document) => boolean;

/** Checks too specific for data; rules name them (autoconsent-style snippets, no code in rules). */
const NAMED_DETECTORS: Record<string, NamedDetector> = {
  // The Zabbix frontend marks its pages with its own stylesheet and footer on any self-hosted origin.
  'zabbix-frontend': (doc) =>
    doc.querySelector('link[href*="assets/styles/"], body.zabbix, footer a[href*="zabbix.com"]') !== null &&
    normalizeText(doc.body?.textContent).includes('zabbix'),
};

function textIncludes(doc: Document, css: string | undefined, needles: string[]): boolean {
  const wanted = needles.map(normalizeText);
  let elements: Element[];
  try {
    elements = css ? Array.from(doc.querySelectorAll(css)) : doc.body ? [doc.body] : [];
  } catch {
    return false; // a selector this browser cannot parse: the detector fails, the page does not break
  }
  return elements.some((el) => {
    const text = normalizeText(el.textContent);
    return wanted.some((needle) => text.includes(needle));
  });
}

/** Fast, synchronous and side-effect free: detectors never wait (the caller decides when to retry). */
export function evaluateDetector(detector: Detector, doc: Document): boolean {
  switch (detector.type) {
    case 'exists':
      return resolveLocator(detector.locator, doc).tried.some((report) => report.matched > 0);
    case 'text':
      return textIncludes(doc, detector.css, detector.includes);
    case 'title': {
      const title = normalizeText(doc.title);
      return detector.includes.some((needle) => title.includes(normalizeText(needle)));
    }
    case 'named':
      return NAMED_DETECTORS[detector.name]?.(doc) ?? false;
    case 'all':
      return detector.of.every((inner) => evaluateDetector(inner, doc));
    case 'any':
      return detector.of.some((inner) => evaluateDetector(inner, doc));
    case 'not':
      return !evaluateDetector(detector.detector, doc);
  }
}
