import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ConfirmButton } from '../../components/options/ConfirmButton';
import { type Problem, ProblemList } from '../../components/options/ProblemList';
import { StorageNotice } from '../../components/options/StorageNotice';
import { Toggle } from '../../components/popup/Toggle';
import { downloadText } from '../../lib/download';
import type { Lang, Translate } from '../../lib/i18n';
import { validatePackText } from '../../lib/packs';
import { deleteAllScreenshots } from '../../lib/proofs';
import { loadRules, type RuleSet } from '../../lib/rules';
import { grantedSites, originPattern } from '../../lib/sites';
import {
  ALL_ITEMS,
  cancellations,
  checklist,
  dismissDroppedEntries,
  followupSettings,
  type Preferences,
  preferences,
  progress,
  reminders,
  type Settings,
  type StorageProblem,
  settings,
  storageProblems,
  type UserPack,
  userPacks,
} from '../../lib/storage';
import { BUILTIN_GUIDES } from '../../rules/guides';
import { BUILTIN_PROVIDERS } from '../../rules/providers';
import guideSchema from '../../rules/schema/rule-pack.schema.json';

const download = (name: string, data: unknown) => downloadText(name, JSON.stringify(data, null, 2));

type ImportState =
  | { status: 'idle' }
  | { status: 'ok'; name: string; guides: number }
  | { status: 'rejected'; problems: Problem[] };

export function App({ lang, t }: { lang: Lang; t: Translate }) {
  const [rules, setRules] = useState<RuleSet | null>(null);
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [language, setLanguage] = useState<Settings['language']>('auto');
  const [packs, setPacks] = useState<UserPack[]>([]);
  const [packText, setPackText] = useState('');
  const [imported, setImported] = useState<ImportState>({ status: 'idle' });
  const [sites, setSites] = useState<string[]>([]);
  const [siteInput, setSiteInput] = useState('');
  const [siteError, setSiteError] = useState('');
  const [recheck, setRecheck] = useState('');
  const [recheckSaved, setRecheckSaved] = useState(false);
  const [problems, setProblems] = useState<StorageProblem[]>([]);

  const refresh = useCallback(async () => {
    setRules(await loadRules());
    setPacks((await userPacks.read()).value);
    setPrefs((await preferences.read()).value);
    setLanguage((await settings.read()).value.language);
    setSites(await grantedSites());
    setRecheck((await followupSettings.read()).value.recheckDays.join(', '));
    setProblems(await storageProblems());
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const importPack = async (text: string) => {
    const result = validatePackText(text, packs);
    if (!result.ok) {
      setImported({ status: 'rejected', problems: result.problems });
      return;
    }
    const next = [...packs, { id: crypto.randomUUID(), importedAt: Date.now(), pack: result.pack }];
    await userPacks.write(next);
    setImported({ status: 'ok', name: result.pack.name, guides: result.pack.guides.length });
    setPackText('');
    await refresh();
  };

  const toggleIn = (list: string[], id: string, on: boolean) => (on ? list.filter((x) => x !== id) : [...list, id]);

  return (
    <main className="options">
      <h1>{t('optionsTitle')}</h1>
      <StorageNotice
        problems={problems}
        t={t}
        onDismiss={async () => {
          await dismissDroppedEntries();
          await refresh();
        }}
      />

      <section aria-labelledby="language">
        <h2 id="language">{t('optionsLanguage')}</h2>
        <p>{t('optionsLanguageHelp')}</p>
        <select
          aria-labelledby="language"
          value={language}
          data-cloudexit-action="language"
          onChange={async (event) => {
            const value = event.currentTarget.value as Settings['language'];
            await settings.write({ language: value });
            location.reload();
          }}
        >
          <option value="auto">{t('languageAuto')}</option>
          <option value="zh">{t('languageZh')}</option>
          <option value="en">{t('languageEn')}</option>
        </select>
      </section>

      <section aria-labelledby="hints">
        <h2 id="hints">{t('optionsHints')}</h2>
        <p>{t('optionsHintsHelp')}</p>
        {rules &&
          prefs &&
          rules.providers.map((provider) => (
            <fieldset key={provider.id} data-provider-id={provider.id}>
              <legend>
                <Toggle
                  label={t('optionsHintsFor', provider.name[lang])}
                  checked={!prefs.disabledProviders.includes(provider.id)}
                  onChange={async (on) => {
                    await preferences.write({
                      ...prefs,
                      disabledProviders: toggleIn(prefs.disabledProviders, provider.id, on),
                    });
                    await refresh();
                  }}
                />
              </legend>
              {rules.guides
                .filter((guide) => guide.provider === provider.id)
                .map((guide) => (
                  <Toggle
                    key={guide.id}
                    label={guide.title[lang]}
                    checked={!prefs.disabledGuides.includes(guide.id)}
                    onChange={async (on) => {
                      await preferences.write({
                        ...prefs,
                        disabledGuides: toggleIn(prefs.disabledGuides, guide.id, on),
                      });
                      await refresh();
                    }}
                  />
                ))}
            </fieldset>
          ))}
        <p>{t('optionsResetHelp')}</p>
        <ConfirmButton
          label={t('optionsReset')}
          confirmLabel={t('optionsConfirm')}
          doneLabel={t('optionsDone')}
          action="reset-progress"
          onConfirm={async () => {
            await progress.write({});
            await checklist.write({});
          }}
        />
      </section>

      <section aria-labelledby="followup">
        <h2 id="followup">{t('popupFollowup')}</h2>
        <label>
          {t('optionsRecheckDays')}{' '}
          <input
            value={recheck}
            inputMode="numeric"
            data-cloudexit-action="recheck-days"
            onChange={(event) => {
              setRecheck(event.currentTarget.value);
              setRecheckSaved(false);
            }}
          />
        </label>{' '}
        <button
          type="button"
          onClick={async () => {
            const days = recheck
              .split(/[,，\s]+/)
              .map(Number)
              .filter((day) => Number.isInteger(day) && day > 0 && day <= 366);
            await followupSettings.write({ recheckDays: days.length ? days : [3, 7, 30] });
            await refresh();
            setRecheckSaved(true);
          }}
        >
          {t('optionsSave')}
        </button>
        {recheckSaved && <span role="status"> {t('optionsDone')}</span>}
        <p>
          <ConfirmButton
            label={t('optionsDeleteProofs')}
            confirmLabel={t('optionsConfirm')}
            doneLabel={t('optionsDone')}
            action="delete-proofs"
            onConfirm={async () => {
              await cancellations.write([]);
              await reminders.write([]);
              await browser.alarms.clearAll();
              await deleteAllScreenshots();
            }}
          />
        </p>
      </section>

      <section aria-labelledby="packs">
        <h2 id="packs">{t('optionsPacks')}</h2>
        <p>{t('optionsPacksHelp')}</p>
        <label>
          {t('optionsPackFile')}{' '}
          <input
            type="file"
            accept="application/json,.json"
            data-cloudexit-action="pack-file"
            onChange={async (event) => {
              const file = event.currentTarget.files?.[0];
              if (file) await importPack(await file.text());
            }}
          />
        </label>
        <label className="block">
          {t('optionsPackText')}
          <textarea
            rows={6}
            value={packText}
            data-cloudexit-action="pack-text"
            onChange={(e) => setPackText(e.currentTarget.value)}
          />
        </label>
        <button type="button" data-cloudexit-action="import-pack" onClick={() => void importPack(packText)}>
          {t('optionsImport')}
        </button>
        {imported.status === 'ok' && (
          <p role="status" data-cloudexit="pack-imported">
            {t('optionsImported', imported.name, imported.guides)}
          </p>
        )}
        {imported.status === 'rejected' && (
          <ProblemList heading={t('optionsRejected', imported.problems.length)} problems={imported.problems} />
        )}
        <h3>{t('optionsInstalledPacks')}</h3>
        {packs.length === 0 ? (
          <p>{t('optionsNoPacks')}</p>
        ) : (
          <ul data-cloudexit="installed-packs">
            {packs.map((entry) => (
              <li key={entry.id}>
                {entry.pack.name} ({entry.pack.guides.map((guide) => guide.title[lang]).join(', ')}){' '}
                <button
                  type="button"
                  onClick={async () => {
                    await userPacks.write(packs.filter((other) => other.id !== entry.id));
                    await refresh();
                  }}
                >
                  {t('optionsRemove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="row">
          <button
            type="button"
            onClick={() =>
              download('cloudexit-built-in.pack.json', {
                schemaVersion: 1,
                name: 'CloudExit built-in guides',
                providers: BUILTIN_PROVIDERS,
                guides: BUILTIN_GUIDES,
              })
            }
          >
            {t('optionsExportBuiltin')}
          </button>
          <button
            type="button"
            onClick={() =>
              download(
                'cloudexit-user.packs.json',
                packs.map((entry) => entry.pack),
              )
            }
          >
            {t('optionsExportUser')}
          </button>
          <button type="button" onClick={() => download('cloudexit-rule-pack.schema.json', guideSchema)}>
            {t('optionsDownloadSchema')}
          </button>
        </p>
      </section>

      <section aria-labelledby="sites">
        <h2 id="sites">{t('optionsSites')}</h2>
        <p>{t('optionsSitesHelp')}</p>
        <label>
          {t('optionsSiteAddress')}{' '}
          <input
            type="url"
            placeholder="https://zabbix.example.com"
            value={siteInput}
            onChange={(e) => setSiteInput(e.currentTarget.value)}
          />
        </label>{' '}
        <button
          type="button"
          data-cloudexit-action="enable-site"
          onClick={async () => {
            const origin = originPattern(siteInput);
            if (!origin) return setSiteError(t('optionsSiteInvalid'));
            const granted = await browser.permissions.request({ origins: [origin] });
            setSiteError(granted ? '' : t('optionsSiteDenied'));
            await refresh();
          }}
        >
          {t('optionsEnableSite')}
        </button>
        {siteError && <p role="alert">{siteError}</p>}
        {sites.length === 0 ? (
          <p>{t('optionsNoSites')}</p>
        ) : (
          <ul data-cloudexit="granted-sites">
            {sites.map((origin) => (
              <li key={origin}>
                <code>{origin}</code>{' '}
                <button
                  type="button"
                  onClick={async () => {
                    await browser.permissions.remove({ origins: [origin] });
                    await refresh();
                  }}
                >
                  {t('optionsRevoke')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="data">
        <h2 id="data">{t('optionsData')}</h2>
        <p>{t('optionsDataHelp')}</p>
        <p className="row">
          <button
            type="button"
            data-cloudexit-action="export-data"
            onClick={async () => download('cloudexit-data.json', await browser.storage.local.get(null))}
          >
            {t('optionsExportData')}
          </button>
          <ConfirmButton
            label={t('optionsEraseData')}
            confirmLabel={t('optionsConfirm')}
            doneLabel={t('optionsDone')}
            action="erase-data"
            onConfirm={async () => {
              await Promise.all(Object.values(ALL_ITEMS).map((item) => item.item.removeValue({ removeMeta: true })));
              await browser.storage.local.clear();
              await browser.alarms.clearAll();
              await deleteAllScreenshots();
              await refresh();
            }}
          />
        </p>
      </section>

      <section aria-labelledby="outline-help">
        <h2 id="outline-help">{t('optionsOutline')}</h2>
        <p>{t('optionsOutlineText')}</p>
      </section>

      <section aria-labelledby="privacy">
        <h2 id="privacy">{t('optionsPrivacy')}</h2>
        <p data-cloudexit="privacy">{t('optionsPrivacyText')}</p>
      </section>
    </main>
  );
}
