import '../../components/overlay.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createShadowRootUi, defineContentScript } from '#imports';
import { CONSOLE_HOST_PATTERNS } from '../../engine/hosts';
import { pageLanguage, translator } from '../../lib/i18n';
import { PageSession } from '../../lib/page-session';
import {
  markStep,
  PreferencesSchema,
  ProgressSchema,
  preferencesItem,
  progressItem,
  readPreferences,
  readProgress,
  setPageHidden,
} from '../../lib/storage';
import { BUILTIN_GUIDES } from '../../rules/guides';
import { BUILTIN_PROVIDERS } from '../../rules/providers';
import { OverlayApp } from './OverlayApp';

const UI_TAG = 'cloudexit-ui';
const LOADED_FLAG = '__cloudexitOverlayLoaded';

/**
 * The React overlay. Injected by the background only after the tiny detector script has
 * recognised a guide page, so console pages without a guide never load React.
 */
export default defineContentScript({
  matches: [...CONSOLE_HOST_PATTERNS],
  registration: 'runtime',
  cssInjectionMode: 'ui',
  async main(ctx) {
    const scope = globalThis as Record<string, unknown>;
    if (scope[LOADED_FLAG]) return;
    scope[LOADED_FLAG] = true;
    const lang = pageLanguage(document, browser.i18n.getUILanguage());
    const session = new PageSession({
      doc: document,
      providers: BUILTIN_PROVIDERS,
      guides: BUILTIN_GUIDES,
      loadProgress: async () => (await readProgress()).value,
      loadPreferences: async () => (await readPreferences()).value,
      markStep,
      setPageHidden,
      isOwnNode: (node) => node instanceof Element && node.closest(UI_TAG) !== null,
    });
    const ui = await createShadowRootUi(ctx, {
      name: UI_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'open',
      onMount(container, _shadow, host) {
        const root = createRoot(container);
        root.render(
          <OverlayApp
            host={host}
            session={session}
            env={{
              lang,
              t: translator(lang),
              extensionVersion: browser.runtime.getManifest().version,
              browserName: navigator.userAgent,
              copyText: (text) => navigator.clipboard.writeText(text),
            }}
          />,
        );
        return root;
      },
      onRemove(root) {
        root?.unmount();
      },
    });
    ui.mount();
    ctx.onInvalidated(() => {
      session.stop();
      scope[LOADED_FLAG] = false;
    });
    // The popup changes progress and preferences too; stored values are validated before use.
    ctx.onInvalidated(
      progressItem.watch((value) => {
        const parsed = ProgressSchema.safeParse(value);
        if (parsed.success) session.update({ progress: parsed.data });
      }),
    );
    ctx.onInvalidated(
      preferencesItem.watch((value) => {
        const parsed = PreferencesSchema.safeParse(value);
        if (parsed.success) session.update({ preferences: parsed.data });
      }),
    );
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void session.start(newUrl.href));
    await session.start(location.href);
  },
});
