import { describe, expect, it } from 'vitest';
import { originPattern, userSites } from '../../../lib/sites';

describe('self-hosted sites', () => {
  it('turn an address into the one origin to request', () => {
    expect(originPattern('https://zabbix.example.com:8443/zabbix/zabbix.php?action=host.list')).toBe(
      'https://zabbix.example.com/*',
    );
    expect(originPattern('zabbix.internal.example')).toBe('https://zabbix.internal.example/*');
    expect(originPattern('http://10.0.0.5/zabbix')).toBe('http://10.0.0.5/*');
  });
  it('refuse anything that is not one web origin', () => {
    for (const bad of ['', 'javascript:alert(1)', 'file:///etc/passwd', 'https://*.example.com', 'ftp://x.example']) {
      expect(originPattern(bad), bad).toBeNull();
    }
  });
  it('list only what the user granted beyond the console hosts', () => {
    expect(
      userSites(['https://*.console.aliyun.com/*', 'https://zabbix.example.com/*', 'https://a.example/*']),
    ).toEqual(['https://a.example/*', 'https://zabbix.example.com/*']);
  });
});
