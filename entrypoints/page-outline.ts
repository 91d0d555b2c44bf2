/**
 * Injected on demand by the popup's "CloudExit doesn't help on this page?" (`scripting.executeScript`
 * with this file on the one tab the popup describes), never registered as a content script: the
 * detector on every console page stays as small as it was, and the outline code runs only when
 * the user asks. Its completion value — the outline JSON — is the result the popup receives.
 * It reads the page and changes nothing.
 */
import ROUTE_WORDS from 'virtual:cloudexit/route-words';
import { defineUnlistedScript } from '#imports';
import { pageOutlineJson } from '../engine/outline';

export default defineUnlistedScript(() => pageOutlineJson(document, new Set(ROUTE_WORDS)));
