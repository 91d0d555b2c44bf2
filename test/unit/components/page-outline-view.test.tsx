/**
 * The popup's "CloudExit doesn't help on this page?" (issue 19): nothing is read until the user asks,
 * the outline is shown in full before anything is copied, Copy and Save get exactly the text shown,
 * and every string comes from the locale files.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageOutlineView } from '../../../components/popup/PageOutlineView';
import { type Translate, translator } from '../../../lib/i18n';
import { isConsoleUrl, outlineFileName } from '../../../lib/page-outline';

afterEach(cleanup);

const JSON_TEXT = '{\n "format": "cloudexit-page-outline",\n "body": ["<img src=x onerror=alert(1)>"]\n}';

describe('PageOutlineView', () => {
  it('asks the page only on click, shows the outline in full, then copies and saves exactly that text', async () => {
    const load = vi.fn(async () => JSON_TEXT);
    const copy = vi.fn(async () => {});
    const save = vi.fn();
    const { container } = render(<PageOutlineView load={load} copy={copy} save={save} t={translator('en')} />);
    expect(load).not.toHaveBeenCalled();
    expect(container.querySelector('[data-cloudexit="page-outline"]')).toBeNull();

    const open = screen.getByRole('button', { name: "CloudExit doesn't help on this page?" });
    expect(open.getAttribute('data-cloudexit-action')).toBe('page-outline');
    await act(async () => fireEvent.click(open));
    expect(load).toHaveBeenCalledTimes(1);
    const shown = container.querySelector('[data-cloudexit="page-outline"]')!;
    expect(shown.textContent).toBe(JSON_TEXT);
    expect(shown.querySelector('img')).toBeNull(); // shown as text
    expect(copy).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByRole('region', { name: 'Page outline (JSON)' })).toBeTruthy();

    await act(async () => fireEvent.click(container.querySelector('[data-cloudexit-action="copy-outline"]')!));
    expect(copy).toHaveBeenCalledWith(JSON_TEXT);
    expect(screen.getByRole('status').textContent).toBe('Copied to the clipboard.');
    fireEvent.click(screen.getByRole('button', { name: 'Save as file' }));
    expect(save).toHaveBeenCalledWith(JSON_TEXT);
    expect(container.textContent).toContain("open a new issue on the CloudExit project's issue tracker yourself");
  });

  it('says so when the page cannot be read, and shows no outline', async () => {
    const { container } = render(
      <PageOutlineView
        load={async () => Promise.reject(new Error('no'))}
        copy={vi.fn()}
        save={vi.fn()}
        t={translator('zh')}
      />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'CloudExit 在这个页面上帮不上忙？' })));
    expect(screen.getByRole('alert').textContent).toBe('CloudExit 无法读取此页面。请刷新页面后重试。');
    expect(container.querySelector('[data-cloudexit="page-outline"]')).toBeNull();
  });

  it('shows no hard-coded string', async () => {
    const marked: Translate = (key) => `⟪${key}⟫`;
    const { container } = render(
      <PageOutlineView load={async () => '«json»'} copy={async () => {}} save={vi.fn()} t={marked} />,
    );
    await act(async () => fireEvent.click(container.querySelector('button')!));
    await act(async () => fireEvent.click(container.querySelector('[data-cloudexit-action="copy-outline"]')!));
    const leftover = (container.textContent ?? '').replace(/⟪\w+⟫|«[^»]*»/g, '').trim();
    expect(leftover).toBe('');
  });
});

describe('page outline glue', () => {
  it('offers the outline on every console host and nowhere else', () => {
    for (const url of [
      'https://home.console.aliyun.com/',
      'https://usercenter2.aliyun.com/renew/manual',
      'https://console.cloud.tencent.com/cvm',
      'https://us-east-1.console.aws.amazon.com/ec2/home',
      'https://console.aws.amazon.com/billing/home',
    ]) {
      expect(isConsoleUrl(url), url).toBe(true);
    }
    for (const url of ['https://www.example.com/', 'http://home.console.aliyun.com/', 'about:blank', undefined]) {
      expect(isConsoleUrl(url), String(url)).toBe(false);
    }
    // A self-hosted console the user enabled counts too.
    expect(
      isConsoleUrl('https://zabbix.example.com/zabbix.php?action=host.list', ['https://zabbix.example.com/*']),
    ).toBe(true);
    expect(isConsoleUrl('https://other.example.com/', ['https://zabbix.example.com/*'])).toBe(false);
  });

  it('names the saved file after the console host only', () => {
    expect(outlineFileName('https://us-east-1.console.aws.amazon.com/ec2/home?x=i-0abc#Instances:')).toBe(
      'cloudexit-outline-us-east-1.console.aws.amazon.com.json',
    );
    expect(outlineFileName('not a url')).toBe('cloudexit-outline-page.json');
  });
});
