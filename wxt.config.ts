import { defineConfig } from 'wxt';
import { CONSOLE_HOST_PATTERNS } from './engine/hosts';
import { pageIndexPlugin } from './scripts/page-index-plugin';
import { reactDomWithoutInnerHtml } from './scripts/react-dom-no-inner-html';
import { assertValidRules } from './scripts/rule-files';

/**
 * Only for the follow-through E2E test: a separate build that also holds <all_urls>, standing in
 * for the activeTab grant a person gives by opening CloudExit from the toolbar (which a headless
 * browser cannot click). Never the shipped build: it goes to its own output folder.
 */
const CAPTURE_TEST_BUILD = process.env.CLOUDEXIT_CAPTURE_TEST_BUILD === '1';

// Both browsers get Manifest V3: one permission model (host_permissions + scripting) and one
// background shape to test, instead of an MV2 branch that only Firefox would exercise.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  ...(CAPTURE_TEST_BUILD ? { outDir: '.output/capture-test' } : {}),
  vite: () => ({ plugins: [pageIndexPlugin(), reactDomWithoutInnerHtml()] }),
  hooks: {
    // Built-in rules ship unvalidated (no zod in content scripts), so a bad rule file must stop the build.
    'build:before': () => assertValidRules(),
  },
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // activeTab: the proof screenshot, only when the user opens CloudExit from the toolbar on that tab.
    permissions: ['storage', 'scripting', 'alarms', 'notifications', 'activeTab'],
    host_permissions: [...CONSOLE_HOST_PATTERNS, ...(CAPTURE_TEST_BUILD ? ['<all_urls>'] : [])],
    // Only for self-hosted consoles: the options page asks for one origin at a time, on a click.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    browser_specific_settings: {
      gecko: {
        id: 'cloudexit@cloudexit.dev',
        strict_min_version: '140.0',
        // CloudExit collects nothing and sends nothing over the network.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android reads data_collection_permissions from 142 on.
      gecko_android: { strict_min_version: '142.0' },
    },
  },
});
