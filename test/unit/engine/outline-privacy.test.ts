/**
 * Privacy of the page outline (issue 19): generated console pages full of ids, IPs, e-mails,
 * amounts, account ids and resource / person names — in cells, links, paragraphs, breadcrumbs,
 * headings, control labels, attributes and addresses — give outlines where none of them survives,
 * while the console's own labels do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPageOutline, dataToken, outlineJson, scrubLabel } from '../../../engine/outline';
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';
import { htmlDocument } from '../support/fixtures';

const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: min, maxLength: max });
const lower = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: min, maxLength: max });

const resourceId = fc.oneof(
  fc
    .tuple(fc.constantFrom('i', 'vol', 'eip', 'ins', 'eipalloc', 'sg', 'disk', 'lb'), hex(8, 17))
    .map(([prefix, body]) => `${prefix}-${body.replace(/^[a-f]*/, '1')}${body}`),
  fc.uuid(),
  fc.bigInt({ min: 100000000000n, max: 999999999999n }).map(String), // AWS account id
  fc.bigInt({ min: 1000000000000000n, max: 9999999999999999n }).map(String), // Aliyun UID, order numbers
  fc
    .tuple(
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 1000, max: 9999 }),
      fc.integer({ min: 1000, max: 9999 }),
    )
    .map((parts) => parts.join('-')),
  fc
    .tuple(
      lower(3, 8),
      fc.constantFrom('us-east-1', 'cn-hangzhou'),
      fc.bigInt({ min: 100000000000n, max: 999999999999n }),
    )
    .map(([service, region, account]) => `arn:aws:${service}:${region}:${account}:instance/i-0${account}`),
);
const ipAddress = fc.oneof(
  fc.ipV4(),
  fc.ipV6().filter((ip) => ip.split(':').length > 3 && /[0-9a-f]{2}/i.test(ip)),
);
const email = fc
  .tuple(
    lower(1, 10),
    fc.constantFrom('', '.', '_', '+'),
    lower(0, 6),
    lower(2, 10),
    fc.constantFrom('com', 'cn', 'io', 'org'),
  )
  .map(([a, sep, b, domain, tld]) => `${a}${b ? sep + b : ''}@${domain}.${tld}`);
const amount = fc
  .tuple(
    fc.constantFrom('¥', '$', '￥', 'USD ', ''),
    fc.integer({ min: 0, max: 99999 }),
    fc.integer({ min: 0, max: 99 }),
  )
  .map(([symbol, whole, cents]) => {
    const value = `${whole.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
    return symbol ? `${symbol}${value}` : `${value} 元`;
  });
/** Resource names as consoles show them: slugs with digits, lower-case slugs, mixed letters and digits. */
const slugName = fc.oneof(
  fc
    .tuple(lower(3, 8), lower(3, 8), fc.integer({ min: 1, max: 99 }))
    .map(([a, b, n]) => `${a}-${b}-${String(n).padStart(2, '0')}`),
  fc.tuple(lower(3, 8), lower(3, 8)).map(([a, b]) => `${a}-${b}`),
  fc.tuple(lower(3, 8), fc.constantFrom('_', '.'), lower(3, 8)).map(([a, s, b]) => `${a}${s}${b}`),
  fc.tuple(lower(3, 6), fc.integer({ min: 10, max: 9999 }), lower(2, 4)).map(([a, n, b]) => `${a}${n}${b}`),
);
/** Free-form names (people, projects): these only ever appear where the page shows data. */
const freeName = fc.oneof(
  fc
    .tuple(fc.constantFrom('Alice', 'Bob', 'Carol', 'Wei', 'Ming'), fc.constantFrom('Zhang', 'Smith', 'Li', 'Garcia'))
    .map(([a, b]) => `${a}${b}`),
  fc.constantFrom('张三的服务器', '李四', '王小明测试机', '生产数据库主库'),
);

const secrets = fc.record({
  ids: fc.array(resourceId, { minLength: 2, maxLength: 4 }),
  ips: fc.array(ipAddress, { minLength: 2, maxLength: 3 }),
  emails: fc.array(email, { minLength: 2, maxLength: 3 }),
  amounts: fc.array(amount, { minLength: 2, maxLength: 3 }),
  slugs: fc.array(slugName, { minLength: 2, maxLength: 3 }),
  names: fc.array(freeName, { minLength: 2, maxLength: 3 }),
});
type Secrets = typeof secrets extends fc.Arbitrary<infer T> ? T : never;

const at = <T>(list: T[], index: number) => list[index % list.length]!;

function consolePage(s: Secrets): string {
  const rows = s.ids
    .map(
      (
        id,
        i,
      ) => `<tr data-testid="row-${at(s.slugs, i)}" id="${at(s.slugs, i)}"><td><a href="/ec2/home#InstanceDetails:instanceId=${id}">${at(s.slugs, i)}</a></td>
        <td>${id}</td><td>${at(s.ips, i)}</td><td>${at(s.amounts, i)}</td><td><span title="${at(s.emails, i)}">${at(s.names, i)}</span></td>
        <td><button type="button">Manage</button><input type="checkbox" aria-label="Select ${at(s.slugs, i)}"></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><title>${at(s.slugs, 0)} | ${at(s.ids, 0)}</title></head><body>
    <header>
      <nav aria-label="Breadcrumb" class="breadcrumb"><a href="/ec2/home">EC2</a> › <a href="/ec2/home#Instances:">Instances</a> › <span>${at(s.names, 1)}</span></nav>
      <button type="button" class="account-menu" aria-haspopup="menu">${at(s.names, 0)} @ ${at(s.ids, 1)}</button>
      <button type="button" class="region-selector" data-testid="region-button">N. Virginia</button>
    </header>
    <main>
      <h1>Instance ${at(s.ids, 0)} (${at(s.slugs, 0)})</h1>
      <h2>Billed to ${at(s.emails, 0)}: ${at(s.amounts, 0)}</h2>
      <p>Owner ${at(s.names, 0)}, contact ${at(s.emails, 1)}, last bill ${at(s.amounts, 1)}, address ${at(s.ips, 1)}.</p>
      <div role="tablist"><button role="tab" aria-selected="true">Details</button><button role="tab" aria-selected="false">Monitoring</button></div>
      <button type="button" aria-label="Release ${at(s.ips, 0)}">Release</button>
      <a href="/ec2/home?instanceId=${at(s.ids, 0)}&owner=${encodeURIComponent(at(s.emails, 0))}#Details:id=${at(s.ids, 1)}">Details of ${at(s.ids, 1)}</a>
      <label>Search <input type="search" value="${at(s.names, 1)}" data-owner="${at(s.emails, 0)}" placeholder="Filter by ${at(s.slugs, 1)}"></label>
      <select aria-label="Account"><option>${at(s.emails, 2)}</option></select>
      <table><thead><tr><th>Name</th><th>Instance ID</th><th>IP</th><th>Cost</th><th>Owner</th><th>Actions</th></tr></thead><tbody>${rows}</tbody></table>
      <ul><li>${at(s.names, 2)} (${at(s.emails, 2)})</li><li>${at(s.slugs, 2)}</li></ul>
      <dl><dt>Account</dt><dd>${at(s.ids, 2)}</dd><dt>Created</dt><dd>2026-11-${String(s.ids.length + 10)} 12:30:00</dd></dl>
    </main></body></html>`;
}

function everySecret(s: Secrets): string[] {
  return [...s.ids, ...s.ips, ...s.emails, ...s.amounts, ...s.slugs, ...s.names];
}

describe('page outline privacy', () => {
  it('keeps none of the ids, IPs, e-mails, amounts and names of a generated page', () => {
    fc.assert(
      fc.property(secrets, (s) => {
        const json = outlineJson(
          buildPageOutline(
            htmlDocument(consolePage(s), 'https://us-east-1.console.aws.amazon.com/ec2/home'),
            BUILTIN_ROUTE_WORDS,
          ),
        );
        const lowerJson = json.toLowerCase();
        for (const secret of everySecret(s)) {
          expect(lowerJson, `"${secret}" survived`).not.toContain(secret.toLowerCase());
        }
        // JSON escapes nothing in these, but the address may percent-encode: check that form too.
        for (const secret of everySecret(s)) expect(json).not.toContain(encodeURIComponent(secret));
      }),
      { numRuns: 60, seed: 19 },
    );
  }, 60_000); // 60 generated pages in happy-dom: slow on a shared machine, never timed

  it('keeps the console’s own labels, the row actions and the region control', () => {
    const sample = fc.sample(secrets, { numRuns: 1, seed: 7 })[0]!;
    const outline = buildPageOutline(
      htmlDocument(consolePage(sample), 'https://us-east-1.console.aws.amazon.com/ec2/home'),
      BUILTIN_ROUTE_WORDS,
    );
    const json = outlineJson(outline);
    for (const label of [
      'EC2',
      'Instances',
      'Details',
      'Monitoring',
      'Release',
      'Instance ID',
      'Manage',
      'Search',
      'N. Virginia',
    ]) {
      expect(json).toContain(`"${label}"`);
    }
    expect(json).toContain('"chrome": "region"');
    expect(json).toContain('"rows": ');
    expect(outline.url).toBe('https://us-east-1.console.aws.amazon.com/ec2/home');
  });

  it('masks every kind of personal text with its token', () => {
    expect(scrubLabel('Release 10.0.0.12 for ops@example.com (¥1,234.50) on 2026-12-04 12:00')).toBe(
      'Release :ip for :email (:amount) on :date',
    );
    expect(scrubLabel('Instance i-0abc12345def (web-prod-01)')).toBe('Instance :id (:id)');
    expect(scrubLabel('Account 1234-5678-9012')).toBe('Account :id');
    expect(scrubLabel('Auto-Renewal (3)')).toBe('Auto-Renewal (3)');
    expect(scrubLabel('5-day Money-back Guarantee')).toBe('5-day Money-back Guarantee');
    expect(scrubLabel('us-east-1')).toBe('us-east-1');
    expect(dataToken('ops@example.com')).toBe(':email');
    expect(dataToken(' 192.168.1.20 ')).toBe(':ip');
    expect(dataToken('$12.00')).toBe(':amount');
    expect(dataToken('2026/12/04')).toBe(':date');
    expect(dataToken('1,204')).toBe(':number');
    expect(dataToken('vol-0abc123456')).toBe(':id');
    expect(dataToken('张三的服务器')).toBe(':text(6)');
  });
});
