import { describe, expect, it } from 'vitest';
import { buildDiagnosticReport, sanitizeUrl } from '../../../engine/diagnostics';

describe('sanitizeUrl', () => {
  it('drops query values and masks ids in path and hash routes', () => {
    expect(
      sanitizeUrl('https://ecs.console.aliyun.com/server/i-bp1a2b3c4d5e6f7g8h9i/detail?regionId=cn-hangzhou#/x'),
    ).toBe('https://ecs.console.aliyun.com/server/:id/detail?regionId=#/x');
    expect(
      sanitizeUrl(
        'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#InstanceDetails:instanceId=i-0123456789abcdef0',
      ),
    ).toBe('https://us-west-2.console.aws.amazon.com/ec2/home?region=#InstanceDetails:instanceId=:id');
    expect(sanitizeUrl('https://console.cloud.tencent.com/deal/detail?dealName=20261126000123456789')).toBe(
      'https://console.cloud.tencent.com/deal/detail?dealName=',
    );
    expect(sanitizeUrl('https://ecs.console.aliyun.com/#/server/123456789012/detail?regionId=cn')).toBe(
      'https://ecs.console.aliyun.com/#/server/:id/detail?regionId=',
    );
  });
  it('returns an empty string for something that is not a URL', () => {
    expect(sanitizeUrl('::::')).toBe('');
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
    });
    expect(report).toEqual({
      kind: 'cloudexit-diagnostic',
      extensionVersion: '0.1.0',
      browser: 'Chromium',
      url: 'https://usercenter2.aliyun.com/renew/manual?commodityCode=&expiresIn=',
      pageId: 'aliyun-renewal',
      guideId: 'aliyun-renewal-off',
      stepId: 'set-not-renew',
      anchorTried: [{ index: 0, type: 'role', why: 'w', matched: 0, hidden: 1 }],
      createdAt: '2026-11-26T00:00:00.000Z',
    });
  });
});
