import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../entrypoints/popup/App';
import { translator } from '../../../lib/i18n';
import { checklist, preferences } from '../../../lib/storage';

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/popup.html?provider=aliyun&guide=aliyun-renewal-off');
});
afterEach(cleanup);

async function renderPopup(lang: 'en' | 'zh' = 'en') {
  const view = render(<App lang={lang} t={translator(lang)} />);
  await screen.findByRole('heading', { name: /Checklist|检查清单/ });
  return view;
}

describe('popup', () => {
  it('opens on the deep-linked guide with its steps and checklist', async () => {
    await renderPopup();
    const section = document.querySelector('[data-cloudexit="popup-guide"]');
    expect(section?.getAttribute('data-guide-id')).toBe('aliyun-renewal-off');
    expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(3);
    expect(document.querySelector('[aria-current="step"]')?.getAttribute('data-step-id')).toBe('open-auto-renew-tab');
  });

  it('keeps ticked items across a reopen (saved per guide)', async () => {
    const first = await renderPopup();
    const box = screen.getByRole('checkbox', {
      name: 'Write down the instance IDs and expiry dates you are giving up',
    });
    await act(async () => fireEvent.click(box));
    expect((await checklist.read()).value['aliyun-renewal-off']?.checked).toContain('note-instance-ids');
    first.unmount();
    await renderPopup();
    expect(
      screen.getByRole('checkbox', { name: 'Write down the instance IDs and expiry dates you are giving up' }),
    ).toHaveProperty('checked', true);
  });

  it('remembers the chosen guide so the on-page card follows it', async () => {
    history.replaceState(null, '', '/popup.html');
    render(<App lang="en" t={translator('en')} />);
    const guide = await screen.findByRole('button', { name: /Turn off auto-renewal and set instances to not renew/ });
    await act(async () => fireEvent.click(guide));
    expect((await preferences.read()).value.preferredGuides).toEqual({ aliyun: 'aliyun-renewal-off' });
    expect(await screen.findByRole('heading', { name: /Checklist/ })).toBeTruthy();
  });

  it('says which stored item was unreadable, and still works', async () => {
    await fakeBrowser.storage.local.set({ checklist: '{"broken' });
    await renderPopup();
    expect((await screen.findByRole('status')).textContent).toContain('checklist');
    expect(screen.getAllByRole('checkbox').every((box) => !(box as HTMLInputElement).checked)).toBe(true);
  });

  it('lists every guide when nothing is detected and no guide is chosen', async () => {
    history.replaceState(null, '', '/popup.html');
    render(<App lang="zh" t={translator('zh')} />);
    const picker = await screen.findByRole('navigation');
    expect(picker.querySelectorAll('[data-provider-id]').length).toBeGreaterThan(0);
  });
});
