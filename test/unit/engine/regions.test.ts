import { describe, expect, it } from 'vitest';
import { partitionsFor, sweepComplete, sweepRows } from '../../../engine/regions';
import type { RegionPartition } from '../../../rules/schema';

const partition: RegionPartition = {
  id: 'p',
  name: { zh: 'p', en: 'p' },
  listUrl: { intl: 'https://{region}.example.com/list?region={region}' },
  regions: [
    { code: 'xx-east-1', name: { zh: 'a', en: 'a' } },
    { code: 'xx-west-1', name: { zh: 'b', en: 'b' } },
  ],
  sources: ['X'],
};
const v = (region: string, pageId: string, count: number, seenAt: number) => ({
  providerId: 'x',
  region,
  pageId,
  count,
  seenAt,
});

describe('sweepRows', () => {
  it('unvisited until a list is seen; has-resources if the latest look at any list showed rows', () => {
    const rows = sweepRows(
      partition,
      'x',
      [v('xx-east-1', 'instances', 0, 1), v('xx-east-1', 'volumes', 2, 2)],
      'intl',
    );
    expect(rows.map((row) => [row.code, row.state, row.lastSeen ?? null])).toEqual([
      ['xx-east-1', 'has-resources', 2],
      ['xx-west-1', 'unvisited', null],
    ]);
    expect(rows[1]!.url).toBe('https://xx-west-1.example.com/list?region=xx-west-1');
  });
  it('a later empty look at the same list replaces an earlier one with rows', () => {
    const rows = sweepRows(
      partition,
      'x',
      [v('xx-east-1', 'instances', 4, 1), v('xx-east-1', 'instances', 0, 9)],
      null,
    );
    expect(rows[0]!.state).toBe('empty');
  });
  it('ignores visits of another provider', () => {
    const rows = sweepRows(partition, 'x', [{ ...v('xx-east-1', 'instances', 4, 1), providerId: 'y' }], null);
    expect(rows[0]!.state).toBe('unvisited');
  });
});

describe('sweepComplete and partitionsFor', () => {
  it('is complete only when every Region was seen empty', () => {
    const visits = [v('xx-east-1', 'i', 0, 1), v('xx-west-1', 'i', 0, 1)];
    expect(sweepComplete(sweepRows(partition, 'x', visits, null))).toBe(true);
    expect(sweepComplete(sweepRows(partition, 'x', visits.slice(0, 1), null))).toBe(false);
    expect(sweepComplete([])).toBe(false);
  });
  it('keeps the partitions of the user’s site', () => {
    const china = { ...partition, id: 'cn', listUrl: { cn: 'https://{region}.example.cn/' } };
    expect(partitionsFor([partition, china], 'cn').map((p) => p.id)).toEqual(['cn']);
    expect(partitionsFor([partition, china], null).map((p) => p.id)).toEqual(['p', 'cn']);
  });
});
