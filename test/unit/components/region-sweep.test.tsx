import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RegionSweep } from '../../../components/popup/RegionSweep';
import { App } from '../../../entrypoints/popup/App';
import { translator } from '../../../lib/i18n';
import { BUILTIN_PROVIDERS } from '../../../rules';

const aws = BUILTIN_PROVIDERS.find((provider) => provider.id === 'aws')!;
const allAwsRegions = (aws.regions ?? []).flatMap((partition) => partition.regions.map((region) => region.code));
const visit = (region: string, count: number, seenAt = Date.UTC(2026, 11, 4, 10, 0)) => ({
  providerId: 'aws',
  region,
  pageId: 'aws-ec2-instances',
  count,
  seenAt,
});

beforeEach(() => {
  fakeBrowser.reset();
  history.replaceState(null, '', '/popup.html?provider=aws&guide=aws-stop-payg-charges');
});
afterEach(cleanup);

async function renderPopup() {
  render(<App lang="en" t={translator('en')} />);
  await screen.findByRole('heading', { name: /Checklist/ });
  return document.querySelector('[data-cloudexit="region-sweep"]')!;
}
const stateOf = (sweep: Element, code: string) =>
  sweep.querySelector(`[data-region="${code}"]`)?.getAttribute('data-state');
const everyRegionBox = () => screen.getByRole('checkbox', { name: /Check every region/ }) as HTMLInputElement;

describe('popup Region sweep', () => {
  it('lists every Region of both AWS partitions as unvisited, each with a link to its list', async () => {
    const sweep = await renderPopup();
    const items = Array.from(sweep.querySelectorAll('[data-region]'));
    expect(items.map((item) => item.getAttribute('data-region')).sort()).toEqual([...allAwsRegions].sort());
    expect(items.every((item) => item.getAttribute('data-state') === 'unvisited')).toBe(true);
    const created = vi.fn(async () => ({}));
    Object.assign(fakeBrowser.tabs, { create: created });
    const open = sweep.querySelector('[data-region="eu-west-1"] [data-cloudexit-action="open-region"]')!;
    await act(async () => fireEvent.click(open));
    expect(created).toHaveBeenCalledWith({
      url: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:',
    });
    expect(everyRegionBox().checked).toBe(false);
    expect(everyRegionBox().disabled).toBe(true);
  });

  it('shows what the lists showed in two Regions, with when; the item stays unticked', async () => {
    await fakeBrowser.storage.local.set({ regionSweep: [visit('us-east-1', 3), visit('us-west-2', 0)] });
    const sweep = await renderPopup();
    expect(stateOf(sweep, 'us-east-1')).toBe('has-resources');
    expect(stateOf(sweep, 'us-west-2')).toBe('empty');
    expect(stateOf(sweep, 'eu-west-1')).toBe('unvisited');
    expect(sweep.querySelector('[data-region="us-west-2"] [data-cloudexit="region-last-seen"]')?.textContent).toMatch(
      /last seen 4 Dec/,
    );
    expect(sweep.querySelector('[data-region="us-west-2"] [data-cloudexit-action="open-region"]')).toBeNull();
    expect(everyRegionBox().checked).toBe(false);
  });

  it('ticks "check every Region" only when every Region was seen empty', async () => {
    await fakeBrowser.storage.local.set({ regionSweep: allAwsRegions.map((code) => visit(code, 0)) });
    await renderPopup();
    expect(everyRegionBox().checked).toBe(true);
    cleanup();
    await fakeBrowser.storage.local.set({
      regionSweep: [...allAwsRegions.map((code) => visit(code, 0, 1)), visit('sa-east-1', 1, 2)],
    });
    const sweep = await renderPopup();
    expect(stateOf(sweep, 'sa-east-1')).toBe('has-resources');
    expect(everyRegionBox().checked).toBe(false);
  });

  it('a corrupted entry is dropped with a notice; the other Regions keep their state', async () => {
    await fakeBrowser.storage.local.set({
      regionSweep: [visit('us-east-1', 3), { region: 'us-west-2', count: -1 }, visit('ap-south-1', 0)],
    });
    const sweep = await renderPopup();
    expect(screen.getByRole('status').textContent).toContain(translator('en')('dataItem_regionSweep'));
    expect(stateOf(sweep, 'us-east-1')).toBe('has-resources');
    expect(stateOf(sweep, 'ap-south-1')).toBe('empty');
    expect(stateOf(sweep, 'us-west-2')).toBe('unvisited');
  });

  it('a provider without Region data shows no sweep and leaves the item to the user', async () => {
    history.replaceState(null, '', '/popup.html?provider=ezviz&guide=ezviz-cloudplay-cancel');
    render(<App lang="en" t={translator('en')} />);
    await screen.findByRole('heading', { name: /Checklist/ });
    expect(document.querySelector('[data-cloudexit="region-sweep"]')).toBeNull();
    expect(everyRegionBox().disabled).toBe(false);
  });
});

describe('RegionSweep (component)', () => {
  it('renders only what it is given', () => {
    const marked = (key: string) => `⟪${key}⟫`;
    const { container } = render(
      <RegionSweep
        t={marked}
        onOpen={vi.fn()}
        groups={[
          {
            id: 'p',
            name: '«p»',
            regions: [
              { code: 'xx-east-1', name: '«a»', state: 'unvisited', url: 'https://x.example/' },
              { code: 'xx-west-1', name: '«b»', state: 'empty', lastSeen: '«t»' },
            ],
          },
          { id: 'q', name: '«q»', regions: [{ code: 'xx-north-1', name: '«c»', state: 'has-resources' }] },
        ]}
      />,
    );
    const leftover = (container.textContent ?? '').replace(/⟪[^⟫]*⟫|«[^»]*»|[a-z]{2}(-[a-z0-9]+)+/g, '');
    expect(leftover).not.toMatch(/[\p{L}]/u);
  });
});
