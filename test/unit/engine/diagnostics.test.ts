import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDiagnosticReport, sanitizeUrl } from '../../../engine/diagnostics';
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';

const WORDS = new Set([...BUILTIN_ROUTE_WORDS, 'server']);

describe('sanitizeUrl', () => {
  it('keeps known route words and regions, masks other segments, drops every query and hash parameter', () => {
    expect(
      sanitizeUrl('https://ecs.console.aliyun.com/server/i-bp1a2b3c4d5e6f7g8h9i/detail?regionId=cn-hangzhou#/x', WORDS),
    ).toBe('https://ecs.console.aliyun.com/server/:id/detail#/:name');
    expect(
      sanitizeUrl(
        'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#InstanceDetails:instanceId=i-0123456789abcdef0',
        WORDS,
      ),
    ).toBe('https://us-west-2.console.aws.amazon.com/ec2/home#:name');
    expect(sanitizeUrl('https://console.cloud.tencent.com/deal/detail?dealName=20261126000123456789', WORDS)).toBe(
      'https://console.cloud.tencent.com/:name/detail',
    );
    expect(sanitizeUrl('https://ecs.console.aliyun.com/#/server/123456789012/detail?regionId=cn', WORDS)).toBe(
      'https://ecs.console.aliyun.com/#/server/:id/detail',
    );
    expect(sanitizeUrl('https://ecs.console.aliyun.com/server/region/cn-hangzhou', WORDS)).toBe(
      'https://ecs.console.aliyun.com/server/region/cn-hangzhou',
    );
  });

  it('drops what issue 16 found in reports: hash searches, query names, account hosts, e-mails and names', () => {
    expect(
      sanitizeUrl(
        'https://123456789012-abcd1234.us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1&search=acme#Instances:search=acme-secret-db;v=3',
        WORDS,
      ),
    ).toBe('https://_id_.us-east-1.console.aws.amazon.com/ec2/home#Instances');
    expect(
      sanitizeUrl(
        'https://ecs.console.aliyun.com/#/detail/alice@example.com/my-customer-acme/i-bp1a2b3c4d5e6f7g8h9i',
        WORDS,
      ),
    ).toBe('https://ecs.console.aliyun.com/#/detail/:email/:name/:id');
    expect(sanitizeUrl('https://ecs.console.aliyun.com/u/alice%40example.com/', WORDS)).toBe(
      'https://ecs.console.aliyun.com/:name/:email/',
    );
  });

  it('returns an empty string for something that is not a web address', () => {
    expect(sanitizeUrl('::::', WORDS)).toBe('');
    expect(sanitizeUrl('javascript:alert(1)', WORDS)).toBe('');
  });

  // A secret: what a person, an account or a search could be recognised by.
  const secretWord = fc.stringMatching(/^[a-z][a-z0-9]{5,11}$/).filter((word) => !WORDS.has(word));
  const secret = fc.oneof(
    fc.tuple(fc.constantFrom('cn', 'us', 'ap', 'me', 'ca'), secretWord).map(([prefix, name]) => `${prefix}-${name}`),
    secretWord,
    fc.tuple(secretWord, secretWord).map(([user, domain]) => `${user}@${domain}.com`),
    fc.stringMatching(/^\d{12}$/),
    fc.tuple(secretWord, secretWord).map(([a, b]) => `${a}-${b}`),
  );
  const route = fc.array(fc.constantFrom(...WORDS), { maxLength: 3 });

  it('property: no generated secret survives, wherever in the address it is put', () => {
    fc.assert(
      fc.property(
        route,
        secret,
        fc.constantFrom('path', 'query-key', 'query-value', 'hash-path', 'hash-search', 'aws-hash', 'host'),
        (words, value, where) => {
          const path = `/${words.join('/')}`;
          const encoded = encodeURIComponent(value);
          const href = {
            path: `https://ecs.console.aliyun.com${path}/${encoded}/detail`,
            'query-key': `https://ecs.console.aliyun.com${path}?${encoded}=1`,
            'query-value': `https://ecs.console.aliyun.com${path}?q=${encoded}`,
            'hash-path': `https://ecs.console.aliyun.com${path}#/detail/${encoded}/x`,
            'hash-search': `https://ecs.console.aliyun.com${path}#/list?search=${encoded}`,
            'aws-hash': `https://us-east-1.console.aws.amazon.com/ec2/home#Instances:search=${encoded};v=3`,
            host: `https://${/^\d+$/.test(value) ? `${value}-abcd1234` : 'x'}.us-east-1.console.aws.amazon.com${path}`,
          }[where];
          const clean = sanitizeUrl(href, WORDS);
          expect(clean).not.toBe('');
          expect(clean.toLowerCase()).not.toContain(value.toLowerCase());
          expect(decodeURIComponent(clean).toLowerCase()).not.toContain(value.toLowerCase());
          expect(clean).not.toMatch(/[?=]/);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('property: the path shape is kept (one token per segment) and sanitizing twice changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...WORDS), secret), { minLength: 1, maxLength: 6 }), (segments) => {
        const href = `https://ecs.console.aliyun.com/${segments.map(encodeURIComponent).join('/')}`;
        const clean = sanitizeUrl(href, WORDS);
        expect(new URL(clean).pathname.split('/').length).toBe(segments.length + 1);
        expect(sanitizeUrl(clean, WORDS)).toBe(clean);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every built-in example route readable (the words come from the rules)', () => {
    expect(
      sanitizeUrl('https://us-east-1.console.aws.amazon.com/billing/home?region=us-east-1#/bills', BUILTIN_ROUTE_WORDS),
    ).toBe('https://us-east-1.console.aws.amazon.com/billing/home#/bills');
    expect(sanitizeUrl('https://usercenter2.aliyun.com/renew/manual?expiresIn=7', BUILTIN_ROUTE_WORDS)).toBe(
      'https://usercenter2.aliyun.com/renew/manual',
    );
  });
});

describe('buildDiagnosticReport', () => {
  it('carries what was tried and a sanitized URL, nothing else from the page', () => {
    const report = buildDiagnosticReport({
      extensionVersion: '0.1.0',
      browser: 'Chromium',
      href: 'https://usercenter2.aliyun.com/renew/manual?commodityCode=ecs&expiresIn=7',
      pageId: 'aliyun-renewal',
      guideId: 'aliyun-renewal-off',
      stepId: 'set-not-renew',
      anchorTried: [{ index: 0, type: 'role', why: 'w', matched: 0, hidden: 1 }],
      now: new Date('2026-11-26T00:00:00Z'),
      routeWords: BUILTIN_ROUTE_WORDS,
    });
    expect(report).toEqual({
      kind: 'cloudexit-diagnostic',
      extensionVersion: '0.1.0',
      browser: 'Chromium',
      url: 'https://usercenter2.aliyun.com/renew/manual',
      pageId: 'aliyun-renewal',
      guideId: 'aliyun-renewal-off',
      stepId: 'set-not-renew',
      anchorTried: [{ index: 0, type: 'role', why: 'w', matched: 0, hidden: 1 }],
      createdAt: '2026-11-26T00:00:00.000Z',
    });
  });
});
