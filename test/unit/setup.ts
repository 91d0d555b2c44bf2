// WXT's vitest plugin stubs these in its own setup file, which vitest projects do not inherit:
// every extension API in unit tests is the in-memory fake browser.
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.stubGlobal('chrome', fakeBrowser);
vi.stubGlobal('browser', fakeBrowser);
