import type { Plugin } from 'vite';

/**
 * CloudExit never renders `dangerouslySetInnerHTML`, yet react-dom's production client still ships the
 * two assignments that implement it (`setProp` and `setPropOnCustomElement`: `domElement.innerHTML = key`),
 * which addons-linter reports as UNSAFE_VAR_ASSIGNMENT. Replace them with a throw, so the code path is gone
 * (not hidden) and a stray dangerouslySetInnerHTML fails loudly. If a React upgrade changes that code, the
 * build stops here instead of silently shipping the assignment again.
 */
export function reactDomWithoutInnerHtml(): Plugin {
  const ASSIGNMENT = '(domElement.innerHTML = key)';
  const EXPECTED = 2;
  return {
    name: 'cloudexit:react-dom-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]react-dom[\\/]cjs[\\/]react-dom-client\.production\.js$/.test(id)) return null;
      const found = code.split(ASSIGNMENT).length - 1;
      if (found !== EXPECTED) {
        this.error(
          `react-dom-client.production.js has ${found} "${ASSIGNMENT}" (expected ${EXPECTED}): update ` +
            'scripts/react-dom-no-inner-html.ts for this React version.',
        );
      }
      return {
        code: code.replaceAll(
          ASSIGNMENT,
          '(function () { throw Error("CloudExit: dangerouslySetInnerHTML is not supported"); })()',
        ),
        map: null,
      };
    },
  };
}
