import { describe, expect, it } from 'vitest';
import { parseBillPeriod, readBill, serviceFor } from '../../../engine/bill';
import type { BillReader } from '../../../rules/schema';
import { htmlDocument } from '../support/fixtures';

const reader: BillReader = {
  row: 'tr',
  service: ['Service name'],
  amount: ['Amount'],
  match: 'startsWith',
  ignore: ['Total'],
  sources: ['X1'],
};
const services = (lines: { service: string }[]) => lines.map((line) => line.service);

describe('readBill', () => {
  it('reads each line by the header labels, rings only amounts above zero', () => {
    const doc = htmlDocument(`
      <table>
        <thead><tr><th>Region</th><th>Service name</th><th>Amount in USD</th></tr></thead>
        <tbody>
          <tr><td>us-east-1</td><td><button aria-label="Expand">▸</button>Elastic Compute Cloud</td><td>USD 24.19</td></tr>
          <tr><td>us-east-1</td><td>CloudWatch</td><td>USD 0.00</td></tr>
          <tr><td>Global</td><td>Credits</td><td>-USD 5.00</td></tr>
          <tr><td>Global</td><td>Route 53</td><td>—</td></tr>
          <tr><td>Global</td><td>Lambda</td><td>1.234,56</td></tr>
          <tr style="display:none"><td>Global</td><td>Hidden</td><td>USD 9.00</td></tr>
          <tr><td></td><td>Total</td><td>USD 19.19</td></tr>
        </tbody>
      </table>`);
    const reading = readBill(reader, doc);
    expect(reading.columnsFound).toBe(true);
    expect(services(reading.charging)).toEqual(['Elastic Compute Cloud']);
    expect(services(reading.read)).toEqual(['Elastic Compute Cloud', 'CloudWatch', 'Credits']);
    expect(reading.skipped).toEqual([{ service: 'Lambda', text: '1.234,56', reason: 'malformed' }]);
    expect(reading.charging[0]!.element.tagName).toBe('TR');
  });

  it('reads a header table and a separate body table (TEA, Fusion), and a locked-column copy once', () => {
    const doc = htmlDocument(`
      <div><table><thead><tr><th>Service name</th><th>Amount</th></tr></thead></table>
      <table><tbody><tr><td>EC2</td><td>$3.00</td></tr><tr><td>S3</td><td>$1.00</td></tr></tbody></table>
      <div class="lock"><table><tbody><tr><td>EC2</td></tr><tr><td>S3</td></tr></tbody></table></div></div>`);
    expect(services(readBill(reader, doc).charging)).toEqual(['EC2', 'S3']);
  });

  it('finds nothing (and says so) when the columns are not there', () => {
    const doc = htmlDocument('<table><tr><th>Name</th><th>Cost</th></tr><tr><td>EC2</td><td>$3.00</td></tr></table>');
    expect(readBill(reader, doc)).toEqual({ charging: [], read: [], skipped: [], columnsFound: false });
  });

  it('survives a row selector the browser cannot parse', () => {
    const doc = htmlDocument('<table><tr><th>Service name</th><th>Amount</th></tr></table>');
    expect(readBill({ ...reader, row: 'tr:::' }, doc).charging).toEqual([]);
  });
});

describe('serviceFor', () => {
  const mappings = [
    { names: ['Elastic Compute Cloud', 'EC2'], guide: 'stop-ec2', sources: ['X'] },
    { names: ['云服务器'], match: 'startsWith' as const, guide: 'cvm', sources: ['X'] },
  ];
  it('takes the first mapping whose names match', () => {
    expect(serviceFor('Amazon Elastic Compute Cloud', mappings)?.guide).toBe('stop-ec2');
    expect(serviceFor('云服务器', mappings)?.guide).toBe('cvm');
    expect(serviceFor('轻量应用服务器', mappings)).toBeNull();
    expect(serviceFor('Simple Storage Service', mappings)).toBeNull();
  });
});

describe('parseBillPeriod', () => {
  it.each([
    ['November 2026', { year: 2026, month: 11 }],
    ['Billing period November 2026 ▾', { year: 2026, month: 11 }],
    ['Nov 1 - Nov 30, 2026', { year: 2026, month: 11 }],
    ['2026-11', { year: 2026, month: 11 }],
    ['账期2026-11', { year: 2026, month: 11 }],
    ['2026 年 1 月', { year: 2026, month: 1 }],
    ['２０２６／０３', { year: 2026, month: 3 }],
  ])('%s', (text, period) => {
    expect(parseBillPeriod(text)).toEqual(period);
  });
  it.each(['', 'Pending', '2026-13', 'November'])('"%s" is no period', (text) => {
    expect(parseBillPeriod(text)).toBeNull();
  });
});
