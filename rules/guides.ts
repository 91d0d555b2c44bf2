import type { Guide } from './schema';

const guideFiles = import.meta.glob<Guide>('./*/guides/*.json', { eager: true, import: 'default' });

export const BUILTIN_GUIDES: readonly Guide[] = Object.values(guideFiles);
