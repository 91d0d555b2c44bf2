// A tiny local HTTP proxy that plays "DNS" for Firefox, which has no --host-resolver-rules: Firefox is told
// (network.proxy.* prefs, see firefox.mjs) to send every https:// request through this proxy, and every
// `CONNECT host:443` is tunnelled to the replica HTTPS server (replica-server.mjs) on 127.0.0.1, whatever
// the host. TLS runs end to end between Firefox and the replica server, so the browser still sees the real
// console hostname in the URL, the SNI and the Host header, and the extension's match patterns apply as on
// the real site. Plain-http requests are answered 502 here and never leave the machine. Every request is
// recorded, so tests can assert that the browser asked for nothing but console hosts.
import http from 'node:http';
import net from 'node:net';

/**
 * @typedef {Object} ProxiedRequest
 * @property {'CONNECT' | string} method `CONNECT` for tunnels, else the plain-http method (answered 502)
 * @property {string} host  host the browser asked for (lower-cased, no port)
 * @property {number} port  port the browser asked for
 * @property {number} time  Date.now() when it arrived
 */

/**
 * @typedef {Object} ConnectProxy
 * @property {number} port 127.0.0.1 port to put in network.proxy.ssl_port
 * @property {ProxiedRequest[]} requests everything the browser sent through the proxy, in order (live array)
 * @property {() => void} clearRequests empty `requests`
 * @property {() => Promise<void>} close stop listening and destroy open tunnels
 */

/**
 * Starts the proxy on 127.0.0.1 with an ephemeral port. Every CONNECT, to any host and port, is tunnelled
 * to `targetHost:targetPort`.
 *
 * @param {{ targetPort: number, targetHost?: string }} options
 * @returns {Promise<ConnectProxy>}
 */
export async function startConnectProxy({ targetPort, targetHost = '127.0.0.1' }) {
  if (!Number.isInteger(targetPort) || targetPort <= 0)
    throw new Error(`startConnectProxy: invalid target port ${targetPort}`);
  /** @type {ProxiedRequest[]} */
  const requests = [];
  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  const track = (/** @type {net.Socket} */ socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = http.createServer((req, res) => {
    // Plain http (Firefox sends absolute-form URLs to an http proxy): nothing to serve, nothing leaves.
    let host = '';
    let port = 80;
    try {
      const url = new URL(req.url ?? '');
      host = url.hostname.toLowerCase();
      port = Number(url.port || 80);
    } catch {
      host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    }
    requests.push({ method: req.method ?? 'GET', host, port, time: Date.now() });
    res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end('CloudExit e2e proxy: plain http is not served\n');
  });
  server.on('connection', track);

  server.on('connect', (req, clientSocket, head) => {
    const target = req.url ?? '';
    const colon = target.lastIndexOf(':');
    const host = (colon > 0 ? target.slice(0, colon) : target).replace(/^\[|\]$/g, '').toLowerCase();
    const port = colon > 0 ? Number(target.slice(colon + 1)) : 443;
    requests.push({ method: 'CONNECT', host, port, time: Date.now() });

    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    const fail = () => {
      clientSocket.destroy();
      upstream.destroy();
    };
    upstream.once('error', () => {
      if (clientSocket.writable) clientSocket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
      fail();
    });
    clientSocket.once('error', fail);
    upstream.once('connect', () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('connect proxy: no TCP address');

  let closed = false;
  return {
    port: address.port,
    requests,
    clearRequests() {
      requests.length = 0;
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
