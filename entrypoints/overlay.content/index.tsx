import '../../components/overlay.css';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { createShadowRootUi, defineContentScript } from '#imports';
import { CONSOLE_HOST_PATTERNS } from '../../engine/hosts';
import { pageLanguage, translator } from '../../lib/i18n';
import { PageSession } from '../../lib/page-session';
import { ProgressSchema, progressItem, readProgress, setStepDone } from '../../lib/storage';
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
      setStepDone,
      isOwnNode: (node) => node instanceof Element && node.closest(UI_TAG) !== null,
    });
    const ui = await createShadowRootUi(ctx, {
      name: UI_TAG,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      mode: 'open',
      onMount(container) {
        const root = createRoot(container);
        root.render(
          <OverlayApp
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
    const unwatch = progressItem.watch((progress) =>
      session.updateProgress(ProgressSchema.safeParse(progress).data ?? {}),
    );
    ctx.onInvalidated(unwatch);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void session.start(newUrl.href));
    await session.start(location.href);
  },
});
