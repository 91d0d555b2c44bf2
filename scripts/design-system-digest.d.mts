/** sha256 hex of the design-system fixtures' inputs (sources, manifest, generator, library versions). */
export function sourcesDigest(): string;
