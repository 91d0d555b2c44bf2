import { describe, expect, it } from 'vitest';
import { findStatusRows, stepWording, withCount } from '../../../engine/rows';
import { htmlDocument } from '../support/fixtures';

describe('findStatusRows', () => {
  const doc = htmlDocument(`
    <table><tbody>
      <tr><td>eip-1</td><td>已绑定</td></tr>
      <tr><td>eip-2</td><td>未绑定</td></tr>
      <tr><td>eip-3</td><td><span>未绑定</span></td></tr>
      <tr style="display:none"><td>eip-4</td><td>未绑定</td></tr>
      <tr><td>eip-5 (was 未绑定 last week)</td><td>已绑定</td></tr>
    </tbody></table>`);
  it('finds rendered rows with a cell showing the status', () => {
    const rows = findStatusRows({ row: 'tbody tr', status: ['未绑定', 'Available'], match: 'exact' }, doc);
    expect(rows.map((row) => row.querySelector('td')?.textContent)).toEqual(['eip-2', 'eip-3']);
  });
  it('contains-matching (the default) also reads prose, so rules choose exact for status columns', () => {
    expect(findStatusRows({ row: 'tbody tr', status: ['未绑定'] }, doc)).toHaveLength(3);
  });
  it('survives a selector the browser cannot parse', () => {
    expect(findStatusRows({ row: 'tr:::', status: ['x'] }, doc)).toEqual([]);
  });
});

describe('withCount', () => {
  it('fills every {count}', () => {
    expect(withCount('{count} Elastic IPs here are not attached ({count} bill)', 3)).toBe(
      '3 Elastic IPs here are not attached (3 bill)',
    );
  });
});

describe('stepWording', () => {
  it('fills {count} in the title as in the body (no raw placeholder on the card)', () => {
    const step = {
      title: { zh: '这里有 {count} 个未绑定的公网 IP', en: '{count} EIPs here are not bound to anything' },
      body: { zh: '释放这 {count} 个地址', en: 'Release these {count}' },
    };
    expect(stepWording(step, 'zh', 2)).toEqual({ title: '这里有 2 个未绑定的公网 IP', body: '释放这 2 个地址' });
    expect(stepWording(step, 'en', 3).title).toBe('3 EIPs here are not bound to anything');
  });
});
