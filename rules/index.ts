/**
 * The built-in rules, bundled as data. They are validated when the extension is built (a bad file
 * fails the build with file + path) and by the test suite, so shipped bundles carry no validator.
 * Providers and guides are separate modules so the page-detector script bundles only the providers.
 */

export { BUILTIN_GUIDES } from './guides';
export { BUILTIN_PROVIDERS } from './providers';
