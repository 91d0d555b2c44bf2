// Types for replica-server.mjs (kept next to it so TypeScript needs no allowJs).
export declare const DEFAULT_FIXTURES_DIR: string;

export interface RecordedRequest {
  /** HTTP method */
  method: string;
  /** Host header without port, lower-cased: the console hostname the browser asked for */
  host: string;
  /** path + query string as sent */
  path: string;
  /** path without the query string */
  pathname: string;
  /** the key looked up: host + pathname */
  key: string;
  /** the route key that matched, or null (404) */
  route: string | null;
  /** HTTP status sent */
  status: number;
  /** Date.now() when the request arrived */
  time: number;
}

export interface ReplicaServer {
  /** ephemeral port on 127.0.0.1 (pass it to launchChromiumWithExtension) */
  readonly port: number;
  /** 'billing-cost.console.aliyun.com/renew/manual' → 'https://billing-cost.console.aliyun.com/renew/manual' */
  url(hostAndPath: string): string;
  /** add or override a route: key → fixture path relative to fixturesDir (or absolute) */
  route(key: string, fixture: string): void;
  /** add or override a route with inline HTML */
  serveHtml(key: string, html: string): void;
  /** remove a route; true if it existed */
  unroute(key: string): boolean;
  /** every request received, in order (live array) */
  readonly requests: RecordedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

export declare function startReplicaServer(options?: {
  routes?: Readonly<Record<string, string>>;
  fixturesDir?: string;
}): Promise<ReplicaServer>;
