declare module 'virtual:cloudexit/page-index' {
  import type { Provider } from './schema';

  /** Built-in providers with only what page detection needs (see scripts/page-index-plugin.ts). */
  const index: Provider[];
  export default index;
}

declare module 'virtual:cloudexit/route-words' {
  /** The built-in rules' route words, computed at build time (see scripts/page-index-plugin.ts). */
  const words: string[];
  export default words;
}
