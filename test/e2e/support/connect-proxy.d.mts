// Types for connect-proxy.mjs (kept next to it so TypeScript needs no allowJs).

export interface ProxiedRequest {
  /** `CONNECT` for https tunnels; any other method is plain http, answered 502 */
  method: string;
  /** host the browser asked for (lower-cased, no port) */
  host: string;
  port: number;
  /** Date.now() when it arrived */
  time: number;
}

export interface ConnectProxy {
  /** 127.0.0.1 port (network.proxy.ssl_port) */
  port: number;
  /** everything the browser sent through the proxy, in order (live array) */
  requests: ProxiedRequest[];
  clearRequests(): void;
  /** stop listening and destroy open tunnels */
  close(): Promise<void>;
}

/** Local proxy on 127.0.0.1 (ephemeral port): every CONNECT, to any host, is tunnelled to targetHost:targetPort. */
export declare function startConnectProxy(options: { targetPort: number; targetHost?: string }): Promise<ConnectProxy>;
