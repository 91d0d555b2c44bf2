import type { Translate } from '../../lib/i18n';

export interface PickerGuide {
  id: string;
  title: string;
  summary: string;
  fromUserPack: boolean;
  confidence: 'high' | 'medium' | 'low';
}

export interface PickerGroup {
  id: string;
  name: string;
  guides: PickerGuide[];
}

/** Every provider and its guides, so people can plan before they open a console. */
export function GuidePicker({
  groups,
  onPick,
  t,
}: {
  groups: PickerGroup[];
  onPick: (groupId: string, guideId: string) => void;
  t: Translate;
}) {
  return (
    <nav className="picker" data-cloudexit="guide-picker">
      <p>{t('popupPickProvider')}</p>
      {groups.map((group) => (
        <details key={group.id} data-provider-id={group.id}>
          <summary>
            {group.name} <span className="count">{t('popupGuideCount', group.guides.length)}</span>
          </summary>
          <ul>
            {group.guides.map((guide) => (
              <li key={guide.id}>
                <button
                  type="button"
                  className="link"
                  data-guide-id={guide.id}
                  onClick={() => onPick(group.id, guide.id)}
                >
                  {guide.title}
                </button>
                {guide.fromUserPack && <span className="badge">{t('popupUserPack')}</span>}
                {guide.confidence !== 'high' && (
                  <span className={`badge badge-${guide.confidence}`}>
                    {t(guide.confidence === 'medium' ? 'confidenceBadgeMedium' : 'confidenceBadgeLow')}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </nav>
  );
}
