// Self-signed certificate for the replica console server (test/e2e/support/replica-server.mjs).
// Created once with openssl and cached in os.tmpdir(); regenerated when the host list changes or the
// certificate is about to expire. Chromium is launched with ignoreHTTPSErrors, so the certificate only
// needs to exist and to be well-formed — the SAN list keeps it honest for tools that do check it.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Hostnames (and wildcards) the certificate is valid for: every console host CloudExit runs on. */
export const CERT_HOSTNAMES = Object.freeze([
  '*.console.aliyun.com',
  'usercenter2.aliyun.com',
  '*.console.alibabacloud.com',
  'usercenter2-intl.aliyun.com',
  'console.cloud.tencent.com',
  'console.intl.cloud.tencent.com',
  'console.tencentcloud.com',
  'console.aws.amazon.com',
  '*.console.aws.amazon.com',
  'console.amazonaws.cn',
  '*.console.amazonaws.cn',
  'localhost',
]);

/** Default cache directory for the certificate and key. */
export const DEFAULT_CERT_DIR = path.join(os.tmpdir(), 'cloudexit-e2e-cert');

const SUBJECT_ALT_NAME = `subjectAltName=${[...CERT_HOSTNAMES.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',')}`;
/** Regenerate when fewer than this many ms of validity remain. */
const MIN_REMAINING_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Returns a self-signed certificate + private key (PEM) for the replica console hostnames, creating it
 * with `openssl req -x509` on first use and caching it in `dir`.
 *
 * @param {string} [dir] cache directory (default: os.tmpdir()/cloudexit-e2e-cert)
 * @returns {{ cert: string, key: string, certPath: string, keyPath: string }}
 */
export function ensureCertificate(dir = DEFAULT_CERT_DIR) {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  const sanPath = path.join(dir, 'san.txt');

  const cached = readCached(certPath, keyPath, sanPath);
  if (cached) return { ...cached, certPath, keyPath };

  mkdirSync(dir, { recursive: true });
  // Generate into a private temp dir, then rename into place: parallel test workers never see a
  // half-written pair (rename is atomic; the last writer wins with an equally valid pair).
  const work = mkdtempSync(path.join(dir, '.gen-'));
  try {
    const tmpCert = path.join(work, 'cert.pem');
    const tmpKey = path.join(work, 'key.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '30',
          '-subj',
          '/CN=cloudexit-replica',
          '-addext',
          SUBJECT_ALT_NAME,
          '-keyout',
          tmpKey,
          '-out',
          tmpCert,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (error) {
      const err = /** @type {NodeJS.ErrnoException & { stderr?: Buffer }} */ (error);
      if (err.code === 'ENOENT') {
        throw new Error(
          'openssl was not found on PATH; the e2e replica server needs it to create a self-signed ' +
            'certificate. Install it (Debian/Ubuntu: `apt-get install -y openssl`) and run again.',
        );
      }
      throw new Error(
        `openssl failed to create the replica certificate: ${err.stderr?.toString().trim() || err.message}`,
      );
    }
    writeFileSync(path.join(work, 'san.txt'), SUBJECT_ALT_NAME);
    renameSync(tmpKey, keyPath);
    renameSync(tmpCert, certPath);
    renameSync(path.join(work, 'san.txt'), sanPath);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath, keyPath };
}

/**
 * @param {string} certPath @param {string} keyPath @param {string} sanPath
 * @returns {{ cert: string, key: string } | null}
 */
function readCached(certPath, keyPath, sanPath) {
  if (!existsSync(certPath) || !existsSync(keyPath) || !existsSync(sanPath)) return null;
  try {
    if (readFileSync(sanPath, 'utf8') !== SUBJECT_ALT_NAME) return null;
    const cert = readFileSync(certPath, 'utf8');
    const key = readFileSync(keyPath, 'utf8');
    const x509 = new X509Certificate(cert);
    if (Date.parse(x509.validTo) - Date.now() < MIN_REMAINING_MS) return null;
    if (!x509.checkPrivateKey(createPrivateKey(key))) return null; // a pair torn by a concurrent writer
    return { cert, key };
  } catch {
    return null;
  }
}
