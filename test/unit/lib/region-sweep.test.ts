import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { recordRegionVisit, regionSweep, visitOnPage } from '../../../lib/region-sweep';
import { storageProblems } from '../../../lib/storage';
import { BUILTIN_PROVIDERS } from '../../../rules';
import { htmlDocument, loadFixture } from '../support/fixtures';

const match = (providerId: string, pageId: string) => {
  const provider = BUILTIN_PROVIDERS.find((p) => p.id === providerId)!;
  return { provider, page: provider.pages.find((p) => p.id === pageId)! };
};
const visit = (region: string, count: number, seenAt = 1000) => ({
  providerId: 'aws',
  region,
  pageId: 'aws-ec2-instances',
  count,
  seenAt,
});

beforeEach(() => fakeBrowser.reset());

describe('regionSweep storage', () => {
  it('keeps the latest look per provider, Region and list', async () => {
    await recordRegionVisit(visit('us-east-1', 3, 1));
    await recordRegionVisit(visit('us-west-2', 0, 2));
    await recordRegionVisit(visit('us-east-1', 0, 3));
    expect((await regionSweep.read()).value).toEqual([visit('us-west-2', 0, 2), visit('us-east-1', 0, 3)]);
  });

  it('drops a corrupted entry with a notice and keeps the rest', async () => {
    await fakeBrowser.storage.local.set({
      regionSweep: [visit('us-east-1', 2), { region: 'us-west-2', count: 'many' }, null, visit('eu-west-1', 0)],
    });
    expect(await regionSweep.read()).toEqual({
      value: [visit('us-east-1', 2), visit('eu-west-1', 0)],
      recovered: false,
      dropped: 2,
    });
    expect(await storageProblems()).toEqual([{ name: 'regionSweep', recovered: false, dropped: 2 }]);
    // The next record writes the good entries back (the bad ones are gone for good).
    await recordRegionVisit(visit('ap-south-1', 1));
    expect(await regionSweep.read()).toEqual({
      value: [visit('us-east-1', 2), visit('eu-west-1', 0), visit('ap-south-1', 1)],
      recovered: false,
      dropped: 0,
    });
  });

  it('a value that is not a list at all reads as empty and recovered', async () => {
    await fakeBrowser.storage.local.set({ regionSweep: '{"truncated' });
    expect(await regionSweep.read()).toEqual({ value: [], recovered: true, dropped: 0 });
  });
});

describe('visitOnPage', () => {
  it('reads the Region from the address and counts the rows (AWS EC2, ?region=)', () => {
    const doc = loadFixture('aws/ec2-instances.en.new.html');
    const href = 'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:v=3';
    expect(visitOnPage(match('aws', 'aws-ec2-instances'), href, doc, 5)).toEqual({
      providerId: 'aws',
      region: 'us-east-1',
      pageId: 'aws-ec2-instances',
      count: 3,
      seenAt: 5,
    });
  });

  it('reads the Region from the host when the query has none, and the China partition', () => {
    const doc = loadFixture('aws/ec2-volumes.en.html');
    expect(
      visitOnPage(
        match('aws', 'aws-ec2-volumes'),
        'https://eu-central-1.console.aws.amazon.com/ec2/home#Volumes:',
        doc,
        1,
      )?.region,
    ).toBe('eu-central-1');
    expect(
      visitOnPage(
        match('aws', 'aws-ec2-volumes'),
        'https://console.amazonaws.cn/ec2/home?region=cn-northwest-1#Volumes:',
        doc,
        1,
      )?.region,
    ).toBe('cn-northwest-1');
  });

  it('Aliyun: the Region is in the path (or regionId=); Tencent: region= or its numeric rid', () => {
    const ecs = loadFixture('aliyun/ecs-instances.zh.html');
    expect(
      visitOnPage(
        match('aliyun', 'aliyun-ecs-instances'),
        'https://ecs.console.aliyun.com/server/region/cn-hangzhou',
        ecs,
        1,
      ),
    ).toMatchObject({ region: 'cn-hangzhou', count: 1 });
    expect(
      visitOnPage(
        match('aliyun', 'aliyun-ecs-instances'),
        'https://ecs.console.aliyun.com/server/region?regionId=cn-beijing',
        ecs,
        1,
      )?.region,
    ).toBe('cn-beijing');
    const cvm = loadFixture('tencent/cvm-instances.en.html');
    const tencent = match('tencent', 'tencent-cvm-instances');
    expect(visitOnPage(tencent, 'https://console.tencentcloud.com/cvm/instance/index?rid=1', cvm, 1)?.region).toBe(
      'ap-guangzhou',
    );
    expect(
      visitOnPage(tencent, 'https://console.cloud.tencent.com/cvm/instance/index?region=ap-shanghai', cvm, 1)?.region,
    ).toBe('ap-shanghai');
    // A rid no source names is not guessed.
    expect(visitOnPage(tencent, 'https://console.cloud.tencent.com/cvm/instance/index?rid=99', cvm, 1)).toBeNull();
  });

  it('an empty list counts 0 only when it says so; a list still loading records nothing', () => {
    const page = match('aws', 'aws-ec2-instances');
    const href = 'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:';
    const loading = htmlDocument('<h2>Instances</h2><table><tbody></tbody></table>');
    expect(visitOnPage(page, href, loading, 1)).toBeNull();
    const empty = htmlDocument('<h2>Instances (0)</h2><table><tbody></tbody></table><p>No instances</p>');
    expect(visitOnPage(page, href, empty, 1)?.count).toBe(0);
    expect(visitOnPage(page, 'https://console.aws.amazon.com/ec2/home#Instances:', empty, 1)).toBeNull();
    // Cloudscape draws "No instances" as a row of the table: that row is not an instance.
    expect(visitOnPage(page, href, loadFixture('aws/ec2-instances.en.empty.html'), 1)?.count).toBe(0);
  });

  it('no list of a page with resources reads as empty', () => {
    for (const [providerId, pageId, fixture] of [
      ['aws', 'aws-ec2-instances', 'aws/ec2-instances.en.old.html'],
      ['aws', 'aws-ec2-elastic-ips', 'aws/ec2-elastic-ips.en.html'],
      ['aliyun', 'aliyun-ecs-disks', 'aliyun/ecs-disks.en.html'],
      ['tencent', 'tencent-eip-list', 'tencent/eip-list.zh.html'],
    ] as const) {
      const m = match(providerId, pageId);
      const href = m.page.examples.urls[0]!;
      expect(visitOnPage(m, href, loadFixture(fixture), 1)?.count, fixture).toBeGreaterThan(0);
    }
  });
});
