// Local HTTPS server that plays the cloud consoles: static replica pages (test/fixtures/**) served at the
// REAL console hostnames. Chromium reaches it through `--host-resolver-rules=MAP * 127.0.0.1:PORT` (see
// chromium.mjs), so https://billing-cost.console.aliyun.com/renew/manual in the browser lands here with
// `Host: billing-cost.console.aliyun.com`, and the extension's manifest host patterns apply exactly as on
// the real site. Every request is recorded, so tests can also assert "no unexpected network requests".
import { readFile } from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate } from './cert.mjs';

/** <repo>/test/fixtures */
export const DEFAULT_FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/**
 * @typedef {Object} RecordedRequest
 * @property {string} method   HTTP method
 * @property {string} host     Host header without port, lower-cased (the console hostname the browser asked for)
 * @property {string} path     path + query string as sent (e.g. `/renew/manual?x=1`)
 * @property {string} pathname path without the query string
 * @property {string} key      the route key looked up (`host + pathname`)
 * @property {string | null} route the route key that matched, or null (404)
 * @property {number} status   HTTP status sent
 * @property {number} time     Date.now() when the request arrived
 */

/**
 * @typedef {Object} ReplicaServer
 * @property {number} port ephemeral port on 127.0.0.1 (pass it to launchChromiumWithExtension)
 * @property {(hostAndPath: string) => string} url `url('billing-cost.console.aliyun.com/renew/manual')` →
 *   `https://billing-cost.console.aliyun.com/renew/manual` (the real-host URL to open in the mapped browser;
 *   a full `https://…` URL is returned unchanged)
 * @property {(key: string, fixture: string) => void} route add or override a route: key → fixture path
 *   relative to fixturesDir (or absolute)
 * @property {(key: string, html: string) => void} serveHtml add or override a route with inline HTML
 * @property {(key: string) => boolean} unroute remove a route; true if it existed
 * @property {RecordedRequest[]} requests every request received, in order (live array)
 * @property {() => void} clearRequests empty `requests`
 * @property {() => Promise<void>} close stop the server and drop open connections
 */

/** @typedef {{ fixture: string } | { html: string }} RouteTarget */

const CONTENT_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
});

/**
 * Starts the replica console server on 127.0.0.1 with an ephemeral port.
 *
 * Route keys are `host + pathname` (`billing-cost.console.aliyun.com/renew/manual`); the query string is
 * ignored (the hash never reaches a server). A key ending in `*` is a prefix (`ecs.console.aliyun.com/*`);
 * exact keys win over prefixes, and the longest prefix wins among prefixes. Fixture files are read on every
 * request (no caching), so edits show up on reload.
 *
 * @param {{ routes?: Readonly<Record<string, string>>, fixturesDir?: string }} [options]
 * @returns {Promise<ReplicaServer>}
 */
export async function startReplicaServer({ routes = {}, fixturesDir = DEFAULT_FIXTURES_DIR } = {}) {
  const { cert, key } = ensureCertificate();
  /** @type {Map<string, RouteTarget>} */
  const table = new Map();
  for (const [k, fixture] of Object.entries(routes)) table.set(normalizeKey(k), { fixture });

  /** @type {RecordedRequest[]} */
  const requests = [];

  const server = https.createServer({ cert, key }, async (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const rawPath = req.url ?? '/';
    const pathname = safeDecode(rawPath.split('?')[0] ?? '/');
    const lookupKey = host + pathname;
    /** @type {RecordedRequest} */
    const record = {
      method: req.method ?? 'GET',
      host,
      path: rawPath,
      pathname,
      key: lookupKey,
      route: null,
      status: 0,
      time: Date.now(),
    };
    requests.push(record);

    const match = lookup(table, lookupKey);
    /** @type {{ status: number, type: string, body: string | Buffer }} */
    let reply;
    if (!match) {
      reply = { status: 404, type: CONTENT_TYPES['.html'] ?? '', body: notFoundPage(lookupKey, [...table.keys()]) };
    } else {
      record.route = match.key;
      const target = match.target;
      if ('html' in target) {
        reply = { status: 200, type: CONTENT_TYPES['.html'] ?? '', body: target.html };
      } else {
        const file = path.resolve(fixturesDir, target.fixture);
        try {
          reply = {
            status: 200,
            type: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'text/html; charset=utf-8',
            body: await readFile(file),
          };
        } catch (error) {
          reply = {
            status: 500,
            type: CONTENT_TYPES['.html'] ?? '',
            body: errorPage(
              'Replica fixture missing',
              `Route <code>${escapeHtml(match.key)}</code> maps to <code>${escapeHtml(file)}</code>, which could not be read: ${escapeHtml(String(/** @type {Error} */ (error).message))}`,
            ),
          };
        }
      }
    }
    record.status = reply.status;
    res.writeHead(reply.status, {
      'content-type': reply.type,
      'cache-control': 'no-store',
      'content-length': Buffer.byteLength(reply.body),
    });
    res.end(req.method === 'HEAD' ? undefined : reply.body);
  });
  server.on('tlsClientError', () => {}); // probes / aborted handshakes are not our problem

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('replica server: no TCP address');

  let closed = false;
  return {
    port: address.port,
    url(hostAndPath) {
      return /^https?:\/\//.test(hostAndPath) ? hostAndPath : `https://${hostAndPath}`;
    },
    route(k, fixture) {
      table.set(normalizeKey(k), { fixture });
    },
    serveHtml(k, html) {
      table.set(normalizeKey(k), { html });
    },
    unroute(k) {
      return table.delete(normalizeKey(k));
    },
    requests,
    clearRequests() {
      requests.length = 0;
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps keep-alive sockets open
      });
    },
  };
}

/**
 * Accepts `host/path`, `https://host/path`, or a bare host (→ `host/`); lower-cases the host.
 * @param {string} k
 */
function normalizeKey(k) {
  let key = k.replace(/^https?:\/\//, '');
  const slash = key.indexOf('/');
  if (slash === -1) key = `${key}/`;
  const i = key.indexOf('/');
  return key.slice(0, i).toLowerCase() + key.slice(i);
}

/**
 * @param {Map<string, RouteTarget>} table
 * @param {string} lookupKey
 * @returns {{ key: string, target: RouteTarget } | null}
 */
function lookup(table, lookupKey) {
  const exact = table.get(lookupKey);
  if (exact) return { key: lookupKey, target: exact };
  /** @type {{ key: string, target: RouteTarget } | null} */
  let best = null;
  for (const [k, target] of table) {
    if (!k.endsWith('*')) continue;
    const prefix = k.slice(0, -1);
    if (lookupKey.startsWith(prefix) && (!best || prefix.length > best.key.length - 1)) best = { key: k, target };
  }
  return best;
}

/** @param {string} p */
function safeDecode(p) {
  try {
    return decodeURI(p);
  } catch {
    return p;
  }
}

/** @param {string} s */
function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** @param {string} title @param {string} bodyHtml */
function errorPage(title, bodyHtml) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; margin: 2em"><h1>${escapeHtml(title)}</h1><p>${bodyHtml}</p>
<p><small>CloudExit e2e replica server</small></p></body></html>`;
}

/** @param {string} key @param {string[]} known */
function notFoundPage(key, known) {
  const list = known.length
    ? `<ul>${known.map((k) => `<li><code>${escapeHtml(k)}</code></li>`).join('')}</ul>`
    : '<p>(no routes)</p>';
  return errorPage(
    'Replica 404: no route',
    `No replica page for key <code data-replica-key>${escapeHtml(key)}</code>.</p><p>Known routes:</p>${list}<p>`,
  );
}
