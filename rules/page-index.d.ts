declare module 'virtual:cloudexit/page-index' {
  import type { Provider } from './schema';

  /** Built-in providers with only what page detection needs (see scripts/page-index-plugin.ts). */
  const index: Provider[];
  export default index;
}
