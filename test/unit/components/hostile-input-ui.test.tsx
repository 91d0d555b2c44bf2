import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { StepCard, type StepCardProps } from '../../../components/StepCard';
import { App as OptionsApp } from '../../../entrypoints/options/App';
import { App as PopupApp } from '../../../entrypoints/popup/App';
import { translator } from '../../../lib/i18n';
import { MAX_STORED_ENTRIES, userPacks } from '../../../lib/storage';
import { validPack } from '../support/packs';

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(fakeBrowser.permissions, { getAll: async () => ({ origins: [], permissions: [] }) });
});
afterEach(cleanup);

const en = translator('en');
const zh = translator('zh');

function cardProps(overrides: Partial<StepCardProps> = {}): StepCardProps {
  return {
    guideId: 'g',
    stepId: 's',
    kind: 'action',
    title: 'Release the instance',
    body: 'Body',
    index: 0,
    count: 2,
    sources: [{ id: 'T1', title: 'Wiki', url: 'https://wiki.example.com/', verified: '2026-11-20', confidence: 'low' }],
    anchorState: 'found',
    lang: 'en',
    t: en,
    position: null,
    onDone: vi.fn(),
    onHide: vi.fn(),
    ...overrides,
  };
}

describe('content from a user pack is visibly marked', () => {
  it('the card carries data-cloudexit-origin="user-pack" and says where the guide came from', () => {
    const { rerender } = render(<StepCard {...cardProps({ fromUserPack: true })} />);
    const card = screen.getByRole('dialog');
    expect(card.getAttribute('data-cloudexit-origin')).toBe('user-pack');
    expect(card.textContent).toContain('From a rule pack you imported, not from CloudExit');
    rerender(<StepCard {...cardProps({ fromUserPack: true, lang: 'zh', t: zh })} />);
    expect(screen.getByRole('dialog').textContent).toContain('来自你导入的规则包');
    rerender(<StepCard {...cardProps()} />);
    expect(screen.getByRole('dialog').hasAttribute('data-cloudexit-origin')).toBe(false);
    expect(document.querySelector('[data-cloudexit="user-pack-note"]')).toBeNull();
  });

  it('the popup marks a user-pack guide on its guide element, in words too', async () => {
    await userPacks.write([{ id: 'p', importedAt: 1, pack: validPack() as never }]);
    history.replaceState(null, '', '/popup.html?provider=aliyun&guide=team-rds-release');
    render(<PopupApp lang="en" t={en} />);
    await screen.findByRole('heading', { name: /Checklist/ });
    const section = document.querySelector('[data-cloudexit="popup-guide"]');
    expect(section?.getAttribute('data-guide-id')).toBe('team-rds-release');
    expect(section?.getAttribute('data-cloudexit-origin')).toBe('user-pack');
    expect(section?.textContent).toContain('user pack');
  });
});

describe('the options page says which saved data could not be read in full', () => {
  it('names a list with a bad entry (kept the rest) and an item too large to be real, in words', async () => {
    await fakeBrowser.storage.local.set({
      userPacks: [{ id: 'p', importedAt: 1, pack: validPack() }, { id: 'broken' }],
      cancellations: Array.from({ length: MAX_STORED_ENTRIES + 1 }, () => 'x'),
    });
    render(<OptionsApp lang="en" t={en} />);
    const notice = await screen.findByText(/could not be read in full/);
    const text = notice.closest('[data-cloudexit="storage-notice"]')?.textContent ?? '';
    expect(text).toContain(
      'imported rule packs: left out what could not be read (1 of the entries); the others are kept.',
    );
    expect(text).toContain('cancellation records: unreadable, shown as empty');
    expect(await screen.findByText(/Team pack/)).toBeTruthy(); // the good pack is still listed
    // Importing a pack rewrites the list without the bad entry; the notice stays until dismissed.
    await userPacks.write((await userPacks.read()).value);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Understood' })));
    await screen.findByText(/cancellation records: unreadable/); // still unreadable: still listed
    expect(document.querySelector('[data-item="userPacks"]')).toBeNull();
  });
});
