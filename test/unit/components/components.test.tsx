import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmButton } from '../../../components/options/ConfirmButton';
import { ProblemList } from '../../../components/options/ProblemList';
import { ChecklistView } from '../../../components/popup/ChecklistView';
import { FollowupView } from '../../../components/popup/FollowupView';
import { GuidePicker } from '../../../components/popup/GuidePicker';
import { LinkList } from '../../../components/popup/LinkList';
import { StepList } from '../../../components/popup/StepList';
import { Toggle } from '../../../components/popup/Toggle';
import { StepCard, type StepCardProps } from '../../../components/StepCard';
import { type Translate, translator } from '../../../lib/i18n';

afterEach(cleanup);

const en = translator('en');

function cardProps(overrides: Partial<StepCardProps> = {}): StepCardProps {
  return {
    guideId: 'g',
    stepId: 's',
    kind: 'action',
    title: 'Open the Auto-Renewal tab first',
    body: 'Body text',
    index: 0,
    count: 5,
    sources: [{ id: 'A8', title: 'Doc', url: 'https://help.aliyun.com/x', verified: '2026-11-26', confidence: 'high' }],
    anchorState: 'found',
    lang: 'en',
    t: en,
    position: { x: 10, y: 20 },
    onDone: vi.fn(),
    onHide: vi.fn(),
    ...overrides,
  };
}

describe('StepCard', () => {
  it('is a dialog named by its title, with the DOM contract attributes', () => {
    render(<StepCard {...cardProps()} />);
    const card = screen.getByRole('dialog', { name: 'Open the Auto-Renewal tab first' });
    expect(card.dataset).toMatchObject({ cloudexit: 'card', guideId: 'g', stepId: 's', anchorState: 'found' });
    expect(card.textContent).toContain('Step 1 of 5');
  });

  it('shows medium and low confidence, and nothing extra for official sources', () => {
    const { rerender } = render(<StepCard {...cardProps()} />);
    expect(screen.queryByText(/confidence/i)).toBeNull();
    rerender(
      <StepCard
        {...cardProps({
          sources: [
            { id: 'B5', title: 'Old doc', url: 'https://x.example/', verified: '2026-11-26', confidence: 'medium' },
          ],
        })}
      />,
    );
    expect(screen.getByText(/Medium confidence/)).toBeTruthy();
  });

  it('minimises on Escape and on the button, and restores from the pill', () => {
    render(<StepCard {...cardProps()} />);
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'CloudExit · step 1 of 5' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('calls back for done, back, skip and hide', () => {
    const props = cardProps({ onBack: vi.fn(), onSkip: vi.fn() });
    render(<StepCard {...props} />);
    fireEvent.click(screen.getByRole('button', { name: 'I did this' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hide on this page' }));
    expect(
      [props.onDone, props.onBack, props.onSkip, props.onHide].map(
        (fn) => (fn as ReturnType<typeof vi.fn>).mock.calls.length,
      ),
    ).toEqual([1, 1, 1, 1]);
  });

  it('renders rule text as inert text, never as markup', () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const { container } = render(<StepCard {...cardProps({ title: payload, body: payload })} />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('dialog', { name: payload })).toBeTruthy();
  });

  it('the fallback shows the path in words and copies a report on request', async () => {
    const onCopyDiagnostic = vi.fn(async () => {});
    render(
      <StepCard
        {...cardProps({ anchorState: 'fallback', position: null, pathInWords: 'A › B › C', onCopyDiagnostic })}
      />,
    );
    expect(screen.getByText('A › B › C').dataset.cloudexit).toBe('menu-path-text');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy diagnostic report' })));
    expect(onCopyDiagnostic).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: /nothing was sent/ })).toBeTruthy();
  });
});

describe('popup and options components', () => {
  it('ChecklistView: real checkboxes with accessible names, progress, and changes reported', () => {
    const onToggle = vi.fn();
    render(
      <ChecklistView
        t={en}
        onToggle={onToggle}
        entries={[
          { id: 'a', phase: 'before', title: 'Back up data', checked: true },
          { id: 'b', phase: 'during', title: 'Turn auto-renew off', checked: false },
          { id: 'c', phase: 'after', title: 'Re-check the bill', checked: false, general: true },
        ]}
      />,
    );
    expect(screen.getByRole('checkbox', { name: /Back up data/ })).toHaveProperty('checked', true);
    expect(screen.getByText('1 of 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: /Turn auto-renew off/ }));
    expect(onToggle).toHaveBeenCalledWith('b', true);
    expect(screen.getAllByRole('group').map((g) => g.querySelector('legend')?.textContent)).toEqual([
      'Before',
      'During',
      'After',
    ]);
  });

  it('StepList marks the first open step as current', () => {
    render(
      <StepList
        t={en}
        steps={[
          { id: 'a', title: 'One', state: 'done', onPage: true },
          { id: 'b', title: 'Two', state: 'skipped', onPage: true },
          { id: 'c', title: 'Three', state: 'open', onPage: true },
        ]}
      />,
    );
    expect(document.querySelector('[aria-current="step"]')?.getAttribute('data-step-id')).toBe('c');
  });

  it('FollowupView says which reminders were shown late and which were missed while the browser was closed', () => {
    render(
      <FollowupView
        t={en}
        marked={[]}
        countdowns={[]}
        events={[]}
        reminders={[
          { id: 'r3', days: 3, due: 'd3', state: 'missed', late: false },
          { id: 'r7', days: 7, due: 'd7', state: 'shown', late: true },
          { id: 'r30', days: 30, due: 'd30', state: 'scheduled', late: false },
        ]}
        onMarkCancelled={vi.fn()}
        onExportReceipt={vi.fn()}
        onDelete={vi.fn()}
        onSnooze={vi.fn()}
        onDismiss={vi.fn()}
        onEventChange={vi.fn()}
      />,
    );
    const row = (id: string) => document.querySelector(`[data-reminder-id="${id}"]`);
    expect(row('r3')?.getAttribute('data-state')).toBe('missed');
    expect(row('r3')?.textContent).toContain(en('popupReminderMissed'));
    expect(row('r7')?.getAttribute('data-late')).toBe('true');
    expect(row('r7')?.textContent).toContain(en('popupReminderShownLate'));
    expect(row('r30')?.hasAttribute('data-late')).toBe(false);
  });

  it('ConfirmButton needs two clicks', async () => {
    const onConfirm = vi.fn(async () => {});
    render(<ConfirmButton label="Erase" confirmLabel="Sure?" doneLabel="Done." action="erase" onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole('button', { name: 'Erase' }));
    expect(onConfirm).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sure?' })));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('ProblemList shows paths and messages as text', () => {
    render(
      <ProblemList heading="Rejected" problems={[{ path: 'guides[0].title', message: '<b>expected object</b>' }]} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('guides[0].title <b>expected object</b>');
    expect(screen.getByRole('alert').querySelector('b')).toBeNull();
  });
});

describe('no hard-coded user-facing strings', () => {
  // Every string a component shows comes from t() (marked ⟪…⟫) or from its data props (marked «…»).
  const marked: Translate = (key) => `⟪${key}⟫`;
  const data = (s: string) => `«${s}»`;
  const cases: [string, () => ReactElement][] = [
    [
      'StepCard',
      () => (
        <StepCard
          {...cardProps({
            t: marked,
            title: data('t'),
            body: data('b'),
            sources: [
              { id: data('A8'), title: data('doc'), url: 'https://x.example/', verified: data('d'), confidence: 'low' },
            ],
            anchorState: 'fallback',
            pathInWords: data('p'),
            onBack: vi.fn(),
            onSkip: vi.fn(),
            onCopyDiagnostic: async () => {},
            menuLevel: 0,
            anchorOutOfView: true,
          })}
        />
      ),
    ],
    [
      'StepCard with bill lines',
      () => (
        <StepCard
          {...cardProps({
            t: marked,
            title: data('t'),
            body: data('b'),
            sources: [],
            bill: {
              lines: [
                {
                  service: data('s'),
                  amount: data('a'),
                  guideId: 'g',
                  guideTitle: data('g'),
                  cancelledNote: data('c'),
                },
                { service: data('s2'), amount: data('a2') },
              ],
              note: data('n'),
            },
          })}
        />
      ),
    ],
    [
      'ChecklistView',
      () => (
        <ChecklistView
          t={marked}
          onToggle={vi.fn()}
          entries={[{ id: 'a', phase: 'before', title: data('a'), detail: data('d'), general: true, checked: false }]}
        />
      ),
    ],
    [
      'StepList',
      () => (
        <StepList
          t={marked}
          steps={[
            { id: 'a', title: data('a'), state: 'done', onPage: true },
            { id: 'b', title: data('b'), state: 'open', onPage: false },
          ]}
        />
      ),
    ],
    [
      'GuidePicker',
      () => (
        <GuidePicker
          t={marked}
          onPick={vi.fn()}
          groups={[
            {
              id: 'p',
              name: data('p'),
              guides: [{ id: 'g', title: data('g'), summary: data('s'), fromUserPack: true, confidence: 'low' }],
            },
          ]}
        />
      ),
    ],
    [
      'LinkList',
      () => <LinkList heading={data('h')} onOpen={vi.fn()} links={[{ label: data('l'), url: 'https://x.example/' }]} />,
    ],
    ['Toggle', () => <Toggle label={data('l')} checked onChange={vi.fn()} />],
    [
      'ConfirmButton',
      () => (
        <ConfirmButton
          label={data('l')}
          confirmLabel={data('c')}
          doneLabel={data('d')}
          action="x"
          onConfirm={async () => {}}
        />
      ),
    ],
    ['ProblemList', () => <ProblemList heading={data('h')} problems={[{ path: data('p'), message: data('m') }]} />],
  ];
  it.each(cases)('%s', (_name, element) => {
    const { container } = render(element());
    const leftover = (container.textContent ?? '').replace(/⟪[^⟫]*⟫|«[^»]*»/g, '');
    expect(leftover).not.toMatch(/[\p{L}]/u);
  });
});
