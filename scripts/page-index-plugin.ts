/**
 * A Vite plugin that serves `virtual:cloudexit/page-index`: the built-in providers reduced to what
 * the detector content script needs (ids, kinds, hosts, page URL patterns, detectors, id patterns). The
 * detector runs on every console page, so titles, links and examples stay out of its bundle.
 */
import type { Plugin } from 'vite';
import { routeWordsOf } from '../engine/diagnostics';
import type { Provider } from '../rules/schema';
import { readRuleFiles, validateRuleFiles } from './rule-files';

export const PAGE_INDEX_ID = 'virtual:cloudexit/page-index';
const RESOLVED_ID = `\0${PAGE_INDEX_ID}`;
/** The built-in route words (engine/diagnostics.ts routeWordsOf), for scripts that carry no rules. */
export const ROUTE_WORDS_ID = 'virtual:cloudexit/route-words';
const RESOLVED_ROUTE_WORDS_ID = `\0${ROUTE_WORDS_ID}`;

export type IndexedProvider = Pick<Provider, 'id' | 'kind' | 'hosts'> & {
  pages: Pick<Provider['pages'][number], 'id' | 'urls' | 'detect' | 'idPattern'>[];
};

export function pageIndex(providers: readonly Provider[]): IndexedProvider[] {
  return providers.map(({ id, kind, hosts, pages }) => ({
    id,
    kind,
    hosts,
    pages: pages.map((page) => ({ id: page.id, urls: page.urls, detect: page.detect, idPattern: page.idPattern })),
  }));
}

export function pageIndexPlugin(): Plugin {
  return {
    name: 'cloudexit:page-index',
    resolveId: (id) => (id === PAGE_INDEX_ID ? RESOLVED_ID : id === ROUTE_WORDS_ID ? RESOLVED_ROUTE_WORDS_ID : null),
    load(id) {
      if (id !== RESOLVED_ID && id !== RESOLVED_ROUTE_WORDS_ID) return null;
      const files = readRuleFiles();
      for (const file of files) this.addWatchFile(file.file);
      const providers = validateRuleFiles(files).providers.map((entry) => entry.provider);
      if (id === RESOLVED_ROUTE_WORDS_ID) return `export default ${JSON.stringify([...routeWordsOf(providers)])};`;
      return `export default ${JSON.stringify(pageIndex(providers))};`;
    },
  };
}
