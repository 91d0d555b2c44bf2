import { describe, expect, it } from 'vitest';
import { hostMatches, matchPagesByUrl, urlMatches } from '../../../engine/url';
import type { Provider } from '../../../rules/schema';

describe('hostMatches', () => {
  it('matches exact hosts only', () => {
    expect(hostMatches('usercenter2.aliyun.com', 'usercenter2.aliyun.com')).toBe(true);
    expect(hostMatches('usercenter2.aliyun.com', 'usercenter2-intl.aliyun.com')).toBe(false);
    expect(hostMatches('usercenter2.aliyun.com', 'evil-usercenter2.aliyun.com')).toBe(false);
  });
  it('treats *. like manifest match patterns: the base host and every subdomain', () => {
    expect(hostMatches('*.console.aws.amazon.com', 'console.aws.amazon.com')).toBe(true);
    expect(hostMatches('*.console.aws.amazon.com', 'us-west-2.console.aws.amazon.com')).toBe(true);
    expect(hostMatches('*.console.aws.amazon.com', 'console.aws.amazon.com.evil.example')).toBe(false);
    expect(hostMatches('*.console.aws.amazon.com', 'notconsole.aws.amazon.com')).toBe(false);
  });
});

describe('urlMatches', () => {
  const url = (href: string) => new URL(href);
  it('checks path, hash route and query together', () => {
    const pattern = {
      hosts: ['*.console.aws.amazon.com'],
      path: '^/ec2/home$',
      hash: '^Instances:',
      query: { region: '^[a-z0-9-]+$' },
    };
    expect(
      urlMatches(pattern, url('https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:')),
    ).toBe(true);
    expect(
      urlMatches(pattern, url('https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Volumes:')),
    ).toBe(false);
    expect(urlMatches(pattern, url('https://us-west-2.console.aws.amazon.com/ec2/home#Instances:'))).toBe(false);
    expect(urlMatches(pattern, url('https://us-west-2.console.aws.amazon.com/ec2/v2/home?region=x#Instances:'))).toBe(
      false,
    );
  });
  it('reads Aliyun-style hash routes without the leading #', () => {
    const pattern = { hosts: ['ecs.console.aliyun.com'], hash: '^/server/region/' };
    expect(urlMatches(pattern, url('https://ecs.console.aliyun.com/#/server/region/cn-hangzhou'))).toBe(true);
    expect(urlMatches(pattern, url('https://ecs.console.aliyun.com/#/home'))).toBe(false);
  });
});

describe('matchPagesByUrl', () => {
  const page = (id: string, hosts: string[], path: string) => ({
    id,
    title: { zh: id, en: id },
    urls: [{ hosts, path }],
    detect: { type: 'title' as const, includes: [id] },
    examples: { urls: [`https://x.example.com/${id}`], fixtures: [`${id}.html`] },
  });
  const provider: Provider = {
    id: 'p',
    name: { zh: 'p', en: 'p' },
    kind: 'cloud',
    hosts: ['*.example.com'],
    sites: {},
    pages: [page('a', ['x.example.com'], '^/a'), page('b', ['*.example.com'], '^/b')],
  };
  it('returns every page whose URL pattern matches, in rule order', () => {
    expect(matchPagesByUrl([provider], 'https://x.example.com/a/1').map((m) => m.page.id)).toEqual(['a']);
    expect(matchPagesByUrl([provider], 'https://y.example.com/b').map((m) => m.page.id)).toEqual(['b']);
  });
  it('returns nothing for other hosts and for unparsable URLs', () => {
    expect(matchPagesByUrl([provider], 'https://example.org/a')).toEqual([]);
    expect(matchPagesByUrl([provider], 'not a url')).toEqual([]);
  });
});
