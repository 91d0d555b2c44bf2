import type { MessageKey, Translate } from '../../lib/i18n';
import type { StorageProblem } from '../../lib/storage';

/** Says, in words, which saved data could not be read in full and what happened to it. */
export function StorageNotice({
  problems,
  t,
  onDismiss,
}: {
  problems: StorageProblem[];
  t: Translate;
  onDismiss: () => void;
}) {
  if (problems.length === 0) return null;
  return (
    <div role="status" className="notice" data-cloudexit="storage-notice">
      <p>{t('noticeStorageHeading')}</p>
      <ul>
        {problems.map(({ name, recovered, dropped }) => {
          const label = t(`dataItem_${name}` as MessageKey);
          return (
            <li key={name} data-item={name}>
              {recovered ? t('noticeItemReset', label) : t('noticeItemDropped', label, dropped)}
            </li>
          );
        })}
      </ul>
      <button type="button" data-cloudexit-action="dismiss-storage-notice" onClick={onDismiss}>
        {t('noticeDismiss')}
      </button>
    </div>
  );
}
