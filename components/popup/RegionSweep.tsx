import { useId } from 'react';
import type { MessageKey, Translate } from '../../lib/i18n';

export type RegionSweepState = 'unvisited' | 'has-resources' | 'empty';

export interface RegionSweepEntry {
  code: string;
  name: string;
  state: RegionSweepState;
  /** When a resource list of this Region was last seen, already formatted. */
  lastSeen?: string;
  /** The list page to open, for unvisited Regions. */
  url?: string;
}

export interface RegionSweepGroup {
  id: string;
  name: string;
  regions: RegionSweepEntry[];
}

const STATE_TEXT: Record<RegionSweepState, MessageKey> = {
  unvisited: 'regionStateUnvisited',
  'has-resources': 'regionStateHasResources',
  empty: 'regionStateEmpty',
};

/**
 * Every Region of the partition with what CloudExit saw there. Unvisited Regions link to their
 * resource list; Regions that still had resources come first, then unvisited, then empty.
 */
export function RegionSweep({
  groups,
  onOpen,
  t,
}: {
  groups: RegionSweepGroup[];
  onOpen: (url: string) => void;
  t: Translate;
}) {
  const headingId = useId();
  const all = groups.flatMap((group) => group.regions);
  if (all.length === 0) return null;
  const empty = all.filter((region) => region.state === 'empty').length;
  const withResources = all.filter((region) => region.state === 'has-resources').length;
  const order: RegionSweepState[] = ['has-resources', 'unvisited', 'empty'];
  return (
    <section className="region-sweep" aria-labelledby={headingId} data-cloudexit="region-sweep">
      <h2 id={headingId}>
        {t('popupRegionSweep')}{' '}
        <span className="count" data-cloudexit="region-sweep-progress">
          {t('popupRegionSweepProgress', empty, all.length, withResources)}
        </span>
      </h2>
      {groups.map((group) => (
        <div key={group.id} className="region-group">
          {groups.length > 1 && <h3>{group.name}</h3>}
          <ul>
            {[...group.regions]
              .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state))
              .map((region) => (
                <li
                  key={region.code}
                  className={`region region-${region.state}`}
                  data-region={region.code}
                  data-state={region.state}
                >
                  <span className="region-name">
                    {region.name} <code>{region.code}</code>
                  </span>{' '}
                  <span className="region-state">{t(STATE_TEXT[region.state])}</span>
                  {region.lastSeen && (
                    <span className="detail" data-cloudexit="region-last-seen">
                      {t('regionLastSeen', region.lastSeen)}
                    </span>
                  )}
                  {region.state === 'unvisited' && region.url && (
                    <button
                      type="button"
                      className="link"
                      data-cloudexit-action="open-region"
                      data-url={region.url}
                      onClick={() => onOpen(region.url!)}
                    >
                      {t('regionOpenList')}
                    </button>
                  )}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
