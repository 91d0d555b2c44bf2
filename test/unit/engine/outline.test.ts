/**
 * The page outline on hostile and unusual pages (issue 19): huge text nodes, 100,000 elements,
 * deep nesting, bidi overrides, labels that hold HTML or `javascript:` — within every cap, and
 * rendered back as text only. Work is counted (elements looked at), never timed.
 */
import { describe, expect, it } from 'vitest';
import {
  buildPageOutline,
  OUTLINE_LIMITS,
  OUTLINE_MAX_BYTES,
  outlineJson,
  sanitizeHref,
} from '../../../engine/outline';
import { BUILTIN_ROUTE_WORDS } from '../../../lib/rules';
import type { OutlineNode, PageOutline } from '../../../rules/outline-schema';
import { parseOutlineText } from '../../../rules/outline-schema';
import { renderReplica } from '../../../scripts/outline-replica';
import { htmlDocument } from '../support/fixtures';

const bytes = (text: string) => new TextEncoder().encode(text).length;

function nodes(outline: PageOutline): OutlineNode[] {
  const out: OutlineNode[] = [];
  const visit = (items: readonly (string | OutlineNode)[] | undefined) => {
    for (const item of items ?? []) {
      if (typeof item === 'string') continue;
      out.push(item);
      visit(item.children);
      visit(item.shadow);
    }
  };
  visit(outline.body);
  return out;
}

function strings(outline: PageOutline): string[] {
  return nodes(outline).flatMap((node) => [
    node.name ?? '',
    node.placeholder ?? '',
    ...(node.children ?? []).filter((c): c is string => typeof c === 'string'),
  ]);
}

function withinCaps(outline: PageOutline): void {
  const json = outlineJson(outline);
  expect(bytes(json)).toBeLessThanOrEqual(OUTLINE_MAX_BYTES);
  expect(outline.stats.elements).toBeLessThanOrEqual(OUTLINE_LIMITS.elements);
  expect(outline.stats.nodes).toBeLessThanOrEqual(OUTLINE_LIMITS.nodes);
  for (const text of strings(outline)) expect(text.length).toBeLessThanOrEqual(OUTLINE_LIMITS.labelChars);
  const parsed = parseOutlineText(json);
  expect(parsed.ok ? 'ok' : parsed.error).toBe('ok');
}

describe('page outline: what it records', () => {
  it('records roles, names, states, labels, placeholders, table headers and one row with the count', () => {
    const doc = htmlDocument(
      `<html lang="zh-CN"><body>
        <nav aria-label="面包屑" class="next-breadcrumb"><a href="/renew">费用</a><span>续订管理</span></nav>
        <h2>续订管理</h2>
        <div role="tablist"><div role="tab" aria-selected="true">手动续订 (4)</div><div role="tab" aria-selected="false">自动续订</div></div>
        <button type="button" disabled>批量续订</button>
        <button type="button" aria-haspopup="menu" aria-expanded="false">更多</button>
        <ul role="menu" hidden><li role="menuitem">释放</li></ul>
        <label for="q">实例ID</label><input id="q" type="search" placeholder="请输入实例ID" value="i-bp1abc123def">
        <table><thead><tr><th>实例ID/名称</th><th>操作</th></tr></thead>
        <tbody><tr><td>i-bp1abc123def</td><td><button>续订</button></td></tr><tr><td>i-bp1abc123xyz</td><td><button>续订</button></td></tr></tbody></table>
      </body></html>`,
      'https://billing-cost.console.aliyun.com/renew/manual?orderId=123456789#/list?instanceId=i-bp1abc123def',
    );
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    expect(outline.lang).toBe('zh-CN');
    expect(outline.url).toBe('https://billing-cost.console.aliyun.com/renew/manual#/list');
    const all = nodes(outline);
    const find = (predicate: (node: OutlineNode) => boolean) => all.find(predicate);
    expect(find((n) => n.tag === 'h2')).toMatchObject({ name: '续订管理', level: 2 });
    expect(find((n) => n.role === 'tab' && n.name === '手动续订 (4)')?.state).toEqual({ selected: true });
    expect(find((n) => n.name === '批量续订')?.state).toEqual({ disabled: true });
    expect(find((n) => n.name === '更多')?.state).toEqual({ hasPopup: 'menu', expanded: false });
    expect(find((n) => n.role === 'menu')?.state).toEqual({ hidden: true });
    expect(find((n) => n.role === 'menuitem')?.name).toBe('释放');
    expect(find((n) => n.tag === 'input')).toMatchObject({
      name: '实例ID',
      nameFrom: 'label',
      placeholder: '请输入实例ID',
    });
    expect(find((n) => n.tag === 'tbody')?.rows).toBe(2);
    expect(all.filter((n) => n.tag === 'tr')).toHaveLength(2); // the header row and one body row
    expect(find((n) => n.tag === 'th')?.name).toBe('实例ID/名称');
    expect(find((n) => n.tag === 'td')?.children).toEqual([':id']);
    // The crumb that names where you are is data; the link crumbs are labels.
    expect(find((n) => n.tag === 'nav')?.children).toEqual([{ tag: 'a', name: '费用', href: '/renew' }, ':text(4)']);
    expect(outlineJson(outline)).not.toContain('i-bp1abc123def');
  });

  it('reads open shadow roots and same-origin frames, never closed roots, scripts or its own card', () => {
    const doc = htmlDocument(
      `<body><renew-tabs></renew-tabs><div id="closed"></div><script>var secret = "x";</script>
       <cloudexit-ui><button>CloudExit card</button></cloudexit-ui><iframe></iframe></body>`,
    );
    doc.querySelector('renew-tabs')!.attachShadow({ mode: 'open' }).innerHTML =
      '<div role="tablist"><div role="tab" aria-selected="true">自动续订</div></div>';
    doc.getElementById('closed')!.attachShadow({ mode: 'closed' }).innerHTML = '<button>hidden away</button>';
    const frame = doc.querySelector('iframe')!.contentDocument;
    frame?.write('<html lang="en"><body><button>Inside the frame</button></body></html>');
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    const json = outlineJson(outline);
    expect(nodes(outline).find((n) => n.shadow)?.shadow).toEqual([
      {
        tag: 'div',
        role: 'tablist',
        children: [{ tag: 'div', role: 'tab', name: '自动续订', state: { selected: true } }],
      },
    ]);
    expect(json).not.toContain('hidden away');
    expect(json).not.toContain('secret');
    expect(json).not.toContain('CloudExit card');
    if (frame?.body) expect(json).toContain('Inside the frame');
    // The replica puts the shadow content back in a declarative shadow root.
    expect(renderReplica(outline)).toContain('<template shadowrootmode="open">');
  });
});

describe('page outline: hostile pages stay within the caps', () => {
  it('reads only a label’s worth of a 10 MB text node', () => {
    const doc = htmlDocument('<body><main><button id="b"></button><p id="p"></p></main></body>');
    const huge = 'x'.repeat(10 * 1024 * 1024);
    doc.getElementById('b')!.append(doc.createTextNode(huge));
    doc.getElementById('p')!.append(doc.createTextNode(huge));
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    withinCaps(outline);
    const button = nodes(outline).find((n) => n.tag === 'button')!;
    expect(button.name).toHaveLength(OUTLINE_LIMITS.labelChars);
    expect(button.name!.endsWith('…')).toBe(true);

    expect(outlineJson(outline)).toContain(`:text(${huge.length})`);
  });

  it('stops at a cap on a 100,000-element page and says so', () => {
    const doc = htmlDocument(`<body><main>${'<span>x</span><button>Go</button>'.repeat(50_000)}</main></body>`);
    expect(doc.querySelector('main')!.childElementCount).toBe(100_000);
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    withinCaps(outline);
    expect(outline.stats.truncated.length).toBeGreaterThan(0);
    // The work done is bounded by the caps, not by the page: far fewer than 100,000 elements looked at.
    expect(outline.stats.elements).toBeLessThan(OUTLINE_LIMITS.elements);
  }, 60_000);

  // happy-dom's own selector engine recurses, so the page is "only" 1,200 deep here (the walk stops at 400).
  it('survives nesting 1,200 deep and caps the outline’s own depth', () => {
    const doc = htmlDocument('<body></body>');
    let parent: Element = doc.body;
    for (let i = 0; i < 1_200; i++) {
      const next = doc.createElement(i % 2 ? 'div' : 'section');
      if (i % 2 === 0) next.setAttribute('aria-label', `Level ${i % 7}`);
      parent.append(next);
      parent = next;
    }
    parent.append(doc.createElement('button'));
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    withinCaps(outline);
    expect(outline.stats.truncated).toContain('depth');
    expect(parseOutlineText(outlineJson(outline)).ok).toBe(true);
  });

  it('stays under 200 KB on a page of thousands of long labels', () => {
    const label = '设置为不续订'.repeat(30);
    const doc = htmlDocument(`<body><main>${`<button>${label}</button>`.repeat(4000)}</main></body>`);
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    withinCaps(outline);
    expect(outline.stats.truncated.some((reason) => reason === 'bytes' || reason === 'nodes')).toBe(true);
  });

  it('drops bidi overrides and invisible characters from labels', () => {
    const doc = htmlDocument('<body><button>\u202eevil\u202c Renew\u200b\u2066now\u2069</button></body>');
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    expect(nodes(outline)[0]!.name).toBe('evil Renewnow');
    expect(outlineJson(outline)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b]/);
  });

  it('keeps labels holding HTML or javascript: as text, and renders them back as text only', () => {
    const doc = htmlDocument(
      `<body><button aria-label="&lt;img src=x onerror=alert(1)&gt;">x</button>
       <a href="javascript:alert(1)">javascript:alert(1)</a>
       <a href=" JaVaScRiPt:alert(2)" title="t">go</a>
       <div role="tab">&lt;script&gt;alert(3)&lt;/script&gt;</div></body>`,
    );
    const outline = buildPageOutline(doc, BUILTIN_ROUTE_WORDS);
    const json = outlineJson(outline);
    expect(json).toContain('<img src=x onerror=alert(1)>'); // a JSON string, shown as text by the popup
    expect(
      nodes(outline)
        .filter((n) => n.tag === 'a')
        .map((n) => n.href),
    ).toEqual(['#', '#']);
    const replica = htmlDocument(renderReplica(outline));
    expect(replica.querySelectorAll('img, script, [onerror]')).toHaveLength(0);
    expect([...replica.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#', '#']);
    expect(replica.querySelector('button')!.getAttribute('aria-label')).toBe('<img src=x onerror=alert(1)>');
    expect(replica.querySelector('[role="tab"]')!.textContent).toBe('<script>alert(3)</script>');
  });
});

describe('sanitizeHref', () => {
  const base = 'https://console.aws.amazon.com/ec2/home';
  it('keeps routes with ids masked and only UI query values', () => {
    expect(sanitizeHref('/zabbix.php?action=host.list&sort=status&filter_host=web-01', base)).toBe(
      '/zabbix.php?action=host.list&sort=status&filter_host=',
    );
    expect(sanitizeHref('#/account', base)).toBe('/ec2/home#/account');
    expect(sanitizeHref('/ec2/home#InstanceDetails:instanceId=i-0abc1234567890', base)).toBe(
      '/ec2/home#InstanceDetails:instanceId=:id',
    );
    expect(sanitizeHref('https://www.zabbix.com/documentation?user=alice', base)).toBe('https://www.zabbix.com/');
    expect(sanitizeHref('data:text/html,<script>', base)).toBeUndefined();
    // Resource names in the route go; route words, region codes and file names stay.
    expect(sanitizeHref('/oss/bucket/cn-hangzhou/web-prod-01/my_photos/logsV2/log-groups/index.html', base)).toBe(
      '/oss/bucket/cn-hangzhou/:id/:id/logsV2/log-groups/index.html',
    );
    expect(sanitizeHref('#/db/ap-southeast-1/orders.db', base)).toBe('/ec2/home#/db/ap-southeast-1/:id');
  });
});
