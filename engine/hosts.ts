/**
 * Is `href` an https page on one of `domains` (or a subdomain)? Look-alikes are not:
 * `help.aliyun.com.account-verify.example` is another domain, and `https://help.aliyun.com@evil.example/`
 * is evil.example with a user name; any address with a user name or password is refused outright.
 */
export function isOnDomains(href: string, domains: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return domains.some((domain) => {
    const base = domain.replace(/^\*\./, '').toLowerCase();
    return host === base || host.endsWith(`.${base}`);
  });
}

/**
 * Every host CloudExit may run on. The manifest's host permissions and content-script matches are
 * exactly this list (never <all_urls>); a test checks that every provider's hosts in rules/ are
 * covered by it, and the permission audit snapshots the manifest.
 */
export const CONSOLE_HOST_PATTERNS = [
  // Aliyun, China site: every *.console.aliyun.com app plus the legacy user center.
  'https://*.console.aliyun.com/*',
  'https://usercenter2.aliyun.com/*',
  // Alibaba Cloud, international site: new consoles and the legacy intl user centers.
  'https://*.console.alibabacloud.com/*',
  'https://usercenter2-intl.aliyun.com/*',
  // Tencent Cloud: China console, international console (old and new host).
  'https://console.cloud.tencent.com/*',
  'https://console.intl.cloud.tencent.com/*',
  'https://console.tencentcloud.com/*',
  // AWS: global and regional consoles (the wildcard covers the bare host), and the China regions.
  'https://*.console.aws.amazon.com/*',
  'https://*.console.amazonaws.cn/*',
] as const;
