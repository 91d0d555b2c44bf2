import type { Provider } from './schema';

const providerFiles = import.meta.glob<Provider>('./*/provider.json', { eager: true, import: 'default' });

export const BUILTIN_PROVIDERS: readonly Provider[] = Object.values(providerFiles);
