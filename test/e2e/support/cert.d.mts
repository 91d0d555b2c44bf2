// Types for cert.mjs (kept next to it so TypeScript needs no allowJs).
export declare const CERT_HOSTNAMES: readonly string[];
export declare const DEFAULT_CERT_DIR: string;
export declare function ensureCertificate(dir?: string): {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
};
