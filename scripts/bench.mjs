#!/usr/bin/env node
// `npm run bench` — CloudExit's performance budgets (architecture §7), measured in real headless Chromium with
// the BUILT extension (.output/chrome-mv3) on replica console pages served at the real console hostnames
// (test/e2e/support: replica-server.mjs + chromium.mjs). Prints one table (figure · budget · ✓/✗) and writes
// the raw samples to bench-results/bench-<ISO date>.json.
//
// How each figure is measured (details in the JSON under `method`):
//  1. gzip (zlib level 9) of every content script, and of the extension scripts actually evaluated in a page
//     where no guide applies (read from the trace, checked against "no <cloudexit-ui> in the page").
//  2. CDP tracing (devtools.timeline, v8.execute, toplevel) of each page load; extension time = the union of the
//     intervals of EvaluateScript / FunctionCall / v8.compile (/ v8.run if present) events whose url starts with
//     chrome-extension://, on the page renderer's main thread, plus RunMicrotasks of tasks in which only the
//     extension ran script (promise continuations carry no url). Nested events are not double-counted. Loads run
//     in one tab (same renderer: warm V8 caches) and, separately, each in a new tab (fresh renderer). A control
//     page on a host the manifest does not match must show 0 extension events.
//  3. In the page itself: performance.now() when the page's script inserts the step-1 anchor, and when
//     [data-cloudexit="card"] (anchor found) and [data-cloudexit="ring"] exist in <cloudexit-ui>'s shadow root
//     (MutationObserver on the shadow root).
//  4. Same attribution as 2, traced only around a 20 000-mutation burst (one task, and 20 tasks × 1 000) on a page
//     with 10 000 extra elements: guide active, no-guide URL, and a guide URL whose page is not recognised.
//  5. popup.html opened in a tab; an init script's MutationObserver stamps performance.now() (0 = navigation
//     start) when [data-cloudexit="checklist"] exists. The first open (cold) is reported separately.
//  7. The page outline (issue 19) on a 10 000-element console page: the on-demand script injected as the popup
//     does (scripting.executeScript with /page-outline.js, here from the service worker), traced and attributed
//     as in 2 (its EvaluateScript carries the script's chrome-extension:// url).
//  6. Every request the replica server saw, every request Playwright saw (pages, extension pages, service
//     worker), CDP Network.requestWillBeSent initiators on the bench tabs (content-script fetches), and CDP
//     Network on the service worker itself.
// Env: BENCH_<FIGURE>_LOADS etc. change sample counts (see N), BENCH_KEEP_TRACES=1 keeps the traces,
// BENCH_EXTENSION_DIR measures another build.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromiumWithExtension } from '../test/e2e/support/chromium.mjs';
import { startReplicaServer } from '../test/e2e/support/replica-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// BENCH_EXTENSION_DIR measures another build (e.g. to check that the bench catches a regression).
const BUILD_DIR = path.resolve(process.env.BENCH_EXTENSION_DIR ?? path.join(ROOT, '.output', 'chrome-mv3'));
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const RESULTS_DIR = path.join(ROOT, 'bench-results');

// ---------------------------------------------------------------------------------------------- settings
const N = {
  noGuideLoads: intEnv('BENCH_NO_GUIDE_LOADS', 10),
  freshLoads: intEnv('BENCH_FRESH_LOADS', 5),
  controlLoads: intEnv('BENCH_CONTROL_LOADS', 4),
  guideLoads: intEnv('BENCH_GUIDE_LOADS', 10),
  latencyTrials: intEnv('BENCH_LATENCY_TRIALS', 30),
  bursts: intEnv('BENCH_BURSTS', 3),
  popupOpens: intEnv('BENCH_POPUP_OPENS', 11),
  outlineRuns: intEnv('BENCH_OUTLINE_RUNS', 7),
};
const BUDGET = {
  injectedGzipKB: 12,
  noGuideLoadMs: 5,
  latencyP95Ms: 100,
  burstMs: 10,
  popupMs: 150,
  extensionRequests: 0,
  /** Issue 19: building the page outline of a 10 000-node page, on the page's main thread. */
  outlineMs: 50,
};
/** The outline page: a console page plus this many extra elements (tables, navigation, cards). */
const OUTLINE_PAGE_ELEMENTS = 10_000;
const LATENCY_DELAY_MS = [300, 1500];
const BURST = { extraElements: 10_000, mutations: 20_000, settleMs: 400 };
/** One synchronous task, and 20 back-to-back tasks of 1 000 (a framework re-rendering a big list in slices). */
const BURST_SHAPES = [
  { key: '1task', chunk: 20_000, label: '1 task' },
  { key: '20tasks', chunk: 1_000, label: '20 tasks × 1000' },
];
// Not `v8`: it adds many V8-internal trace points (and overhead) and is not needed for attribution.
const TRACE_CATEGORIES = ['devtools.timeline', 'v8.execute', 'toplevel', '__metadata'];
/** BENCH_KEEP_TRACES=1 writes every trace to bench-results/traces/ (open them in DevTools › Performance). */
const KEEP_TRACES = process.env.BENCH_KEEP_TRACES === '1';

const URLS = {
  noGuide: 'https://home.console.aliyun.com/',
  guide: 'https://billing-cost.console.aliyun.com/renew/manual',
  // Not a console host: the manifest injects nothing there, so the extension must show 0 events (control).
  control: 'https://www.example.com/bench/control',
  burstNoGuide: 'https://home.console.aliyun.com/bench/burst',
  outline: 'https://home.console.aliyun.com/bench/outline',
};

function intEnv(name, fallback) {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

// ---------------------------------------------------------------------------------------------- helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(d)));
function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile; non-finite samples (timeouts) count as +∞. */
function percentile(xs, p) {
  const s = xs.map((x) => (Number.isFinite(x) ? x : Number.POSITIVE_INFINITY)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
/** `obj[key]`, created with `make()` the first time. */
function entry(obj, key, make) {
  if (!(key in obj)) obj[key] = make();
  return obj[key];
}
const fmtMs = (x) => (x === null ? 'n/a' : Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'timeout');
const fmtKB = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const started = Date.now();
const log = (msg) => process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}\n`);

/** Copies the build to a private directory: others may rebuild .output while the bench runs. */
async function snapshotBuild() {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (existsSync(path.join(BUILD_DIR, 'manifest.json'))) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudexit-bench-ext-'));
      try {
        cpSync(BUILD_DIR, dir, { recursive: true });
        const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
        const scripts = (manifest.content_scripts ?? []).flatMap((c) => c.js ?? []);
        if (scripts.every((s) => existsSync(path.join(dir, s))) && existsSync(path.join(dir, 'background.js')))
          return { dir, manifest };
      } catch {
        // a build was writing the folder while we copied it: retry
      }
      rmSync(dir, { recursive: true, force: true });
    }
    await sleep(500);
  }
  throw new Error(`No complete build in ${BUILD_DIR}. Run \`npm run build\` first (npm run bench does).`);
}

function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch {}
  return {
    cpu,
    cores: os.cpus().length,
    memGB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadavgAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

// ---------------------------------------------------------------------------------------------- replica pages
const read = (rel) => readFileSync(path.join(FIXTURES, rel), 'utf8');
const injectBeforeBodyEnd = (html, snippet) => html.replace(/<\/body>/i, `${snippet}\n</body>`);

/** The renewal page with its 自动续订 tab (the step-1 anchor) removed and re-inserted by the page after ?delay= ms. */
function latencyPage() {
  const base = read('aliyun/renew-manual.zh.new.html');
  const tabRe = /\s*<div class="next-tabs-tab" role="tab" id="tab-auto"[^>]*>.*?自动续订.*?<\/div><\/div>/;
  const tab = base.match(tabRe)?.[0];
  if (!tab) throw new Error('latency page: the 自动续订 tab markup was not found in renew-manual.zh.new.html');
  const html = base.replace(tabRe, '');
  if (!html.includes('手动续订') || html.includes('id="tab-auto"')) throw new Error('latency page: bad edit');
  const script = `<script>
(function () {
  var q = new URLSearchParams(location.search);
  var B = window.__bench = { delay: Number(q.get('delay')) || 800, anchorAt: null, hostAt: null, hostBeforeAnchor: null,
    cardAt: null, cardState: null, cardStep: null, firstCardAt: null, firstCardState: null };
  function check(root) {
    var card = root.querySelector('[data-cloudexit="card"]');
    if (!card) return;
    if (B.firstCardAt === null) { B.firstCardAt = performance.now(); B.firstCardState = card.getAttribute('data-anchor-state'); }
    if (B.cardAt !== null || B.anchorAt === null) return;
    if (card.getAttribute('data-anchor-state') !== 'found' || !root.querySelector('[data-cloudexit="ring"]')) return;
    var r = card.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    B.cardAt = performance.now(); B.cardState = 'found'; B.cardStep = card.getAttribute('data-step-id');
  }
  function attach(host) {
    if (B.hostAt !== null || !host.shadowRoot) return;
    B.hostAt = performance.now();
    var root = host.shadowRoot;
    new MutationObserver(function () { check(root); }).observe(root, { childList: true, subtree: true, attributes: true });
    check(root);
  }
  var hostWatch = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) for (var j = 0; j < records[i].addedNodes.length; j++) {
      var n = records[i].addedNodes[j];
      if (n.localName === 'cloudexit-ui') { attach(n); hostWatch.disconnect(); return; }
    }
  });
  hostWatch.observe(document.body, { childList: true });
  setTimeout(function () {
    var manual = document.getElementById('tab-manual');
    var t = document.createElement('template');
    t.innerHTML = ${JSON.stringify(tab.trim())};
    B.hostBeforeAnchor = !!document.querySelector('cloudexit-ui');
    manual.after(t.content.firstChild);
    B.anchorAt = performance.now();
    var host = document.querySelector('cloudexit-ui');
    if (host && host.shadowRoot) check(host.shadowRoot);
  }, B.delay);
})();
</script>`;
  return injectBeforeBodyEnd(html, script);
}

/** `base` plus 10 000 extra elements and window.__benchBurst(): 20 000 mutations in back-to-back tasks. */
/**
 * A console page grown to OUTLINE_PAGE_ELEMENTS extra elements of the kinds the outline reads: a 500-row table
 * (6 elements a row), 1 000 navigation links (li > a) and 1 000 cards (div > h3 + p + button + span). No script.
 */
function outlinePage(base) {
  const rows = Array.from(
    { length: 500 },
    (_, i) =>
      `<tr><td>i-0bench${String(i).padStart(8, '0')}</td><td>10.0.${i % 255}.1</td><td>¥${i}.00</td><td><button>续费</button></td><td>运行中</td></tr>`,
  ).join('');
  const links = Array.from({ length: 1000 }, (_, i) => `<li><a href="/p/${i}">Product ${i % 40}</a></li>`).join('');
  const cards = Array.from(
    { length: 1000 },
    (_, i) => `<div class="card"><h3>Card ${i % 50}</h3><p>text ${i}</p><button>Open</button><span>${i}</span></div>`,
  ).join('');
  const extra = `<section id="bench-outline" aria-label="bench outline nodes"><table><thead><tr><th>ID</th><th>IP</th><th>Cost</th><th>Actions</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table><nav aria-label="bench links"><ul>${links}</ul></nav>${cards}</section>`;
  return injectBeforeBodyEnd(base, extra);
}

function burstPage(base) {
  const rows = BURST.extraElements / 5;
  const extra = `<section id="bench-extra" aria-label="bench extra nodes" style="font-size:11px;color:#888">${Array.from(
    { length: rows },
    (_, i) => `<div class="bx-row" data-i="${i}"><span>r${i}</span><span>a</span><span>b</span><span>c</span></div>`,
  ).join('')}</section>`;
  const script = `<script>
// The page's own burst: (total / chunk) back-to-back tasks (MessageChannel) of \`chunk\` mutations each, over
// static arrays (a live HTMLCollection indexed at random would make the page, not the mutations, the cost).
window.__benchBurst = function (total, chunk) {
  var box = document.getElementById('bench-extra');
  var spans = Array.prototype.slice.call(box.getElementsByTagName('span'));
  var counted = 0;
  var mo = new MutationObserver(function (r) { counted += r.length; });
  mo.observe(box, { subtree: true, childList: true, attributes: true });
  var done = 0, added = [], tasks = 0;
  var t0 = performance.now();
  return new Promise(function (resolve) {
    var ch = new MessageChannel();
    ch.port1.onmessage = function () {
      tasks++;
      var end = Math.min(total, done + chunk);
      for (var k = done; k < end; k++) {
        var op = k % 4;
        if (op === 0) spans[(k * 7) % spans.length].setAttribute('class', 'c' + (k & 7));
        else if (op === 1) spans[(k * 13) % spans.length].setAttribute('data-v', String(k));
        else if (op === 2) { var d = document.createElement('div'); d.className = 'bx-row'; d.textContent = 'n' + k; box.appendChild(d); added.push(d); }
        else { added.pop().remove(); }
      }
      done = end;
      if (done < total) { ch.port2.postMessage(0); return; }
      var t1 = performance.now();
      setTimeout(function () {
        counted += mo.takeRecords().length; mo.disconnect();
        resolve({ ms: t1 - t0, tasks: tasks, mutations: done, observed: counted, elements: document.getElementsByTagName('*').length });
      }, 0);
    };
    ch.port2.postMessage(0);
  });
};
</script>`;
  return injectBeforeBodyEnd(base.replace(/<\/main>/i, `${extra}</main>`), script);
}

// ---------------------------------------------------------------------------------------------- tracing
let traceCount = 0;
async function traced(cdp, fn, label = 'trace') {
  const events = [];
  const onData = (e) => {
    for (const ev of e.value) events.push(ev);
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
  let result;
  try {
    result = await fn();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  if (KEEP_TRACES) {
    const dir = path.join(RESULTS_DIR, 'traces');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `${String(++traceCount).padStart(3, '0')}-${label}.json`),
      JSON.stringify({ traceEvents: events }),
    );
  }
  return { events, result };
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.run']);
const urlOf = (e) => e.args?.data?.url ?? e.args?.fileName ?? '';
const isExt = (url) => url.startsWith('chrome-extension://');

/** What made the browser run an outermost extension event: the nearest enclosing scheduler event. */
const TRIGGERS = {
  TimerFire: 'timer callback',
  FireAnimationFrame: 'requestAnimationFrame',
  HandlePostMessage: 'postMessage (React scheduler)',
  EventDispatch: 'event listener',
  RunMicrotasks: 'microtask (MutationObserver / promise)',
  ParseHTML: 'during parsing',
  'IntersectionObserverController::computeIntersections': 'IntersectionObserver',
};
function triggerOf(it) {
  for (let p = it.parent; p; p = p.parent) if (TRIGGERS[p.e.name]) return TRIGGERS[p.e.name];
  if (it.e.name === 'EvaluateScript' || it.e.name === 'v8.compile') return 'script evaluation';
  return `task (${it.e.name})`;
}

/** Turns B/E pairs into complete (X) events so that everything below can work on intervals. */
function completeEvents(events) {
  const out = [];
  const open = new Map();
  for (const e of events) {
    if (e.ph === 'X') out.push(e);
    else if (e.ph === 'B') {
      const k = `${e.pid}:${e.tid}`;
      if (!open.has(k)) open.set(k, []);
      open.get(k).push(e);
    } else if (e.ph === 'E') {
      const b = open.get(`${e.pid}:${e.tid}`)?.pop();
      if (b) out.push({ ...b, ph: 'X', dur: e.ts - b.ts, tdur: e.tts && b.tts ? e.tts - b.tts : undefined });
    }
  }
  return out;
}

/**
 * Extension main-thread time in a trace of one tab. `pageHost` picks the renderer process(es) that served the
 * page (a navigation may swap processes); only their CrRendererMain threads count.
 */
function attribute(rawEvents, pageHost) {
  const threadNames = new Map();
  for (const e of rawEvents) if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name);
  const pids = new Set();
  for (const e of rawEvents) {
    if (threadNames.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
    const u = e.args?.data?.url ?? e.args?.beginData?.url ?? e.args?.data?.frames?.[0]?.url ?? '';
    if (typeof u === 'string' && u.includes(pageHost)) pids.add(e.pid);
  }
  // A script injected into a page that is already loaded (the outline, figure 7) leaves no event
  // naming the page: then the renderer is the one whose main thread ran extension script.
  if (pids.size === 0) {
    for (const e of rawEvents) {
      if (threadNames.get(`${e.pid}:${e.tid}`) !== 'CrRendererMain') continue;
      const u = e.args?.data?.url ?? e.args?.beginData?.url ?? '';
      if (typeof u === 'string' && u.startsWith('chrome-extension://')) pids.add(e.pid);
    }
  }
  const main = completeEvents(
    rawEvents.filter((e) => pids.has(e.pid) && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain'),
  ).sort((a, b) => a.ts - b.ts || b.dur - a.dur);

  // Parent links (events on one thread nest properly) → the top-level task of every event.
  const stacks = new Map();
  const info = main.map((e) => ({ e, top: null, parent: null, inExt: false, inForeign: false }));
  for (const it of info) {
    const k = `${it.e.pid}:${it.e.tid}`;
    const stack = stacks.get(k) ?? [];
    stacks.set(k, stack);
    while (stack.length && stack.at(-1).e.ts + stack.at(-1).e.dur <= it.e.ts) stack.pop();
    const parent = stack.at(-1);
    it.top = parent ? parent.top : it;
    it.parent = parent ?? null;
    it.inExt = parent ? parent.inExt || parent.ext : false;
    it.inForeign = parent ? parent.inForeign || parent.foreign : false;
    const scriptish = SCRIPT_EVENTS.has(it.e.name);
    it.ext = scriptish && isExt(urlOf(it.e));
    it.foreign = scriptish && !isExt(urlOf(it.e));
    stack.push(it);
  }
  const tasks = new Map();
  for (const it of info) {
    const t = tasks.get(it.top) ?? { ext: 0, foreign: 0 };
    if (it.ext) t.ext++;
    if (it.foreign) t.foreign++;
    tasks.set(it.top, t);
  }

  const strict = [];
  const micro = [];
  const unknownMicro = [];
  const perScript = {};
  const byTrigger = {};
  let extEvents = 0;
  for (const it of info) {
    const { e } = it;
    if (it.ext) {
      extEvents++;
      strict.push(it);
      if (!it.inExt) {
        const why = triggerOf(it);
        const t = entry(byTrigger, why, () => ({ calls: 0, ms: 0, maxMs: 0 }));
        t.calls++;
        t.ms += e.dur / 1000;
        t.maxMs = Math.max(t.maxMs, e.dur / 1000);
      }
      const script = urlOf(e).replace(/^chrome-extension:\/\/[a-p]+\//, '');
      const s = entry(perScript, script, () => ({ evaluateMs: 0, compileMs: 0, functionCallMs: 0, events: 0 }));
      s.events++;
      if (!it.inExt) {
        if (e.name === 'EvaluateScript') s.evaluateMs += e.dur / 1000;
        else if (e.name === 'FunctionCall') s.functionCallMs += e.dur / 1000;
      }
      if (e.name === 'v8.compile') s.compileMs += e.dur / 1000;
    } else if (e.name === 'RunMicrotasks' && !it.inExt && !it.inForeign) {
      const t = tasks.get(it.top);
      if (t.ext > 0 && t.foreign === 0) micro.push(it);
      else if (t.ext === 0 && t.foreign === 0) unknownMicro.push(it);
    }
  }
  const union = (items) => {
    const byThread = new Map();
    for (const { e } of items) {
      const k = `${e.pid}:${e.tid}`;
      if (!byThread.has(k)) byThread.set(k, []);
      byThread.get(k).push([e.ts, e.ts + e.dur, e.tdur ?? e.dur]);
    }
    let wall = 0;
    let cpu = 0;
    for (const iv of byThread.values()) {
      iv.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      let [s, end] = iv[0];
      cpu += iv[0][2];
      for (const [a, b, c] of iv.slice(1)) {
        if (a >= end) {
          wall += end - s;
          [s, end] = [a, b];
          cpu += c;
        } else if (b > end) {
          end = b; // partial overlap (should not happen on one thread): extend, CPU of the outer one only
        }
      }
      wall += end - s;
    }
    return { wallMs: wall / 1000, cpuMs: cpu / 1000 };
  };
  const empty = { wallMs: 0, cpuMs: 0 };
  const strictT = strict.length ? union(strict) : empty;
  const withMicroT = strict.length + micro.length ? union([...strict, ...micro]) : empty;
  const unknownT = unknownMicro.length ? union(unknownMicro) : empty;
  for (const s of Object.values(perScript))
    for (const k of ['evaluateMs', 'compileMs', 'functionCallMs']) s[k] = round(s[k], 2);
  if (micro.length)
    byTrigger['microtasks (promise continuations)'] = {
      calls: micro.length,
      ms: withMicroT.wallMs - strictT.wallMs,
      maxMs: Math.max(...micro.map((m) => m.e.dur / 1000)),
    };
  for (const t of Object.values(byTrigger)) [t.ms, t.maxMs] = [round(t.ms, 2), round(t.maxMs, 2)];
  return {
    ms: round(withMicroT.wallMs, 3), // headline: URL-attributed ∪ extension-only-task microtasks, wall time
    cpuMs: round(withMicroT.cpuMs, 3),
    strictMs: round(strictT.wallMs, 3), // URL-attributed events only
    unattributedMicrotaskMs: round(unknownT.wallMs, 3), // microtasks of tasks that ran no attributable script
    extEvents,
    extMicrotaskEvents: micro.length,
    pageScriptEvents: info.filter((it) => it.foreign).length,
    rendererPids: [...pids],
    traceEvents: rawEvents.length,
    perScript,
    byTrigger,
    evaluatedExtensionScripts: [
      ...new Set(info.filter((it) => it.ext && it.e.name === 'EvaluateScript').map((it) => urlOf(it.e))),
    ].map((u) => u.replace(/^chrome-extension:\/\/[a-p]+\//, '')),
  };
}

// ---------------------------------------------------------------------------------------------- page helpers
async function overlayState(page) {
  return page.evaluate(() => {
    const host = document.querySelector('cloudexit-ui');
    const root = host?.shadowRoot;
    const card = root?.querySelector('[data-cloudexit="card"]');
    return {
      hosts: document.querySelectorAll('cloudexit-ui').length,
      anchorState: card?.getAttribute('data-anchor-state') ?? null,
      stepId: card?.getAttribute('data-step-id') ?? null,
      rings: root?.querySelectorAll('[data-cloudexit="ring"]').length ?? 0,
    };
  });
}

async function waitForFoundCard(page, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await overlayState(page);
    if (s.anchorState === 'found' && s.rings > 0) return s;
    if (Date.now() > deadline) throw new Error(`card did not appear: ${JSON.stringify(s)}`);
    await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------- main
async function main() {
  const machine = machineInfo();
  log(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadavgAtStart.join(' ')}`);
  const { dir: extDir, manifest } = await snapshotBuild();
  const results = {
    date: new Date().toISOString(),
    machine,
    settings: { N, BUDGET, LATENCY_DELAY_MS, BURST, BURST_SHAPES, TRACE_CATEGORIES },
    method: {
      gzip: 'node:zlib gzipSync level 9 of the built file',
      extensionTime:
        'wall-clock union of trace events (EvaluateScript, FunctionCall, v8.compile, v8.run) with a chrome-extension:// url on the page renderer main thread, plus RunMicrotasks in top-level tasks where only extension script ran; cpuMs = thread time of the same intervals',
      latency:
        'performance.now() in the page: anchor inserted → card (data-anchor-state=found, non-empty box) + ring in the shadow root',
      popup:
        'performance.now() (0 = navigation start) when [data-cloudexit="checklist"] exists, via an init-script MutationObserver',
    },
  };

  // ----- 1. sizes
  const sizes = {};
  const csDir = path.join(extDir, 'content-scripts');
  for (const f of readdirSync(csDir)
    .filter((f) => f.endsWith('.js'))
    .sort()) {
    const buf = readFileSync(path.join(csDir, f));
    sizes[`content-scripts/${f}`] = { bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  }
  results.sizes = sizes;
  const gzipOf = (rel) => {
    if (sizes[rel]) return sizes[rel].gzip;
    const p = path.join(extDir, rel);
    return existsSync(p) ? gzipSync(readFileSync(p), { level: 9 }).length : 0;
  };

  // ----- browser
  const server = await startReplicaServer({
    routes: {
      'home.console.aliyun.com/': 'aliyun/console-home.zh.html',
      'www.example.com/bench/control': 'aliyun/console-home.zh.html',
      'billing-cost.console.aliyun.com/renew/manual': 'aliyun/renew-manual.zh.new.html',
    },
  });
  const browser = await launchChromiumWithExtension({ extensionDir: extDir, port: server.port });
  const { context, extensionId, serviceWorker } = browser;
  const chromium = context.browser()?.version() ?? 'unknown';
  results.machine.chromium = chromium;
  log(`Chromium ${chromium}, extension ${extensionId} (${manifest.version})`);

  // ----- 6. network recording, for the whole run
  const net = { playwright: [], cdp: [], serviceWorker: [], swAttached: false, navigations: new Set() };
  context.on('request', (r) => {
    let frameUrl = '';
    try {
      frameUrl = r.frame().url();
    } catch {}
    net.playwright.push({
      url: r.url(),
      type: r.resourceType(),
      navigation: r.isNavigationRequest(),
      serviceWorker: r.serviceWorker()?.url() ?? null,
      frameUrl,
      time: Date.now(),
    });
  });
  const watchNetwork = async (cdp, label) => {
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (e) => {
      const frames = [];
      for (let st = e.initiator?.stack; st; st = st.parent) for (const f of st.callFrames ?? []) frames.push(f.url);
      net.cdp.push({
        tab: label,
        url: e.request.url,
        type: e.type,
        initiatorType: e.initiator?.type,
        initiatorUrl: e.initiator?.url ?? null,
        fromExtension: frames.some(isExt) || isExt(e.initiator?.url ?? ''),
      });
    });
  };
  const goto = async (page, url, waitUntil = 'load') => {
    net.navigations.add(new URL(url).host + new URL(url).pathname);
    return page.goto(url, { waitUntil });
  };
  const clearStorage = () => serviceWorker.evaluate(() => chrome.storage.local.clear());
  // The service worker's own Network domain. Playwright's CDP sessions take pages only, so go through a browser
  // session and Target.sendMessageToTarget (non-flattened attach).
  try {
    const browserSession = await context.browser().newBrowserCDPSession();
    const { targetInfos } = await browserSession.send('Target.getTargets');
    const swTarget = targetInfos.find((t) => t.type === 'service_worker' && t.url === serviceWorker.url());
    const { sessionId } = await browserSession.send('Target.attachToTarget', {
      targetId: swTarget.targetId,
      flatten: false,
    });
    browserSession.on('Target.receivedMessageFromTarget', (e) => {
      const msg = JSON.parse(e.message);
      if (msg.method === 'Network.requestWillBeSent')
        net.serviceWorker.push({ url: msg.params.request.url, type: msg.params.type ?? null });
    });
    await browserSession.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Network.enable' }),
    });
    net.swAttached = true;
  } catch (error) {
    log(`could not attach CDP Network to the service worker (${error}); relying on Playwright's worker events`);
  }

  try {
    // ----- 2a. no-guide console page: per-load extension time + what was injected
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await watchNetwork(cdp, 'bench-tab');
    await clearStorage();
    /** `n` traced loads of `url`: in the bench tab (same renderer, warm), or each in a new tab (fresh renderer). */
    const loadSamples = async (label, url, n, settle, { freshTab = false } = {}) => {
      const host = new URL(url).host;
      const out = [];
      for (let i = 0; i < n; i++) {
        await clearStorage();
        const page = freshTab ? await context.newPage() : tab;
        const session = freshTab ? await context.newCDPSession(page) : cdp;
        if (freshTab) await watchNetwork(session, `fresh-tab-${label}-${i}`);
        const { events, result } = await traced(
          session,
          async () => {
            await goto(page, `${url}${url.includes('?') ? '&' : '?'}bench=${label}-${i}`);
            return settle(page);
          },
          `load-${label}-${i}`,
        );
        out.push({ ...attribute(events, host), ...result });
        if (freshTab) await page.close();
      }
      return out;
    };
    // The detector runs at document_idle; 600 ms covers it and anything it schedules.
    const settleNoGuide = async (page) => {
      await sleep(600);
      return overlayState(page);
    };
    const settleGuide = async (page) => {
      const s = await waitForFoundCard(page);
      await sleep(400); // floating-ui, trailing renders
      return s;
    };
    log(`no-guide page ${URLS.noGuide} × ${N.noGuideLoads} (same tab) + ${N.freshLoads} (new tab each)`);
    const noGuide = await loadSamples('noguide', URLS.noGuide, N.noGuideLoads, settleNoGuide);
    const noGuideFresh = await loadSamples('noguide-fresh', URLS.noGuide, N.freshLoads, settleNoGuide, {
      freshTab: true,
    });
    log(`control page ${URLS.control} (not a console host) × ${N.controlLoads}`);
    const control = await loadSamples('control', URLS.control, N.controlLoads, settleNoGuide);
    log(`guide page ${URLS.guide} × ${N.guideLoads} (same tab) + ${N.freshLoads} (new tab each)`);
    const guide = await loadSamples('guide', URLS.guide, N.guideLoads, settleGuide);
    const guideFresh = await loadSamples('guide-fresh', URLS.guide, N.freshLoads, settleGuide, { freshTab: true });
    results.loads = { noGuide, noGuideFresh, control, guide, guideFresh };

    // what a no-guide page got injected
    const injected = [...new Set([...noGuide, ...noGuideFresh].flatMap((s) => s.evaluatedExtensionScripts))];
    results.injectedOnNoGuide = {
      scripts: injected,
      gzip: injected.reduce((sum, s) => sum + gzipOf(s), 0),
      overlayHostsSeen: Math.max(...[...noGuide, ...noGuideFresh].map((s) => s.hosts)),
      loadsWithDetector: [...noGuide, ...noGuideFresh].filter((s) =>
        s.evaluatedExtensionScripts.includes('content-scripts/detector.js'),
      ).length,
    };

    // ----- 3. anchor-appears → card-visible latency
    server.serveHtml('billing-cost.console.aliyun.com/renew/manual', latencyPage());
    log(`latency: ${N.latencyTrials} trials (+1 warm-up), anchor inserted after ${LATENCY_DELAY_MS.join('–')} ms`);
    const trials = [];
    for (let i = -1; i < N.latencyTrials; i++) {
      await clearStorage();
      const delay = Math.round(LATENCY_DELAY_MS[0] + Math.random() * (LATENCY_DELAY_MS[1] - LATENCY_DELAY_MS[0]));
      await goto(tab, `${URLS.guide}?delay=${delay}&trial=${i}`, 'domcontentloaded');
      const b = await tab
        .waitForFunction(
          () => {
            const B = window.__bench;
            return B && (B.cardAt !== null || (B.anchorAt !== null && performance.now() - B.anchorAt > 5000)) && B;
          },
          null,
          { polling: 50, timeout: 15_000 },
        )
        .then((h) => h.jsonValue())
        .catch(async (e) => ({ error: String(e), ...(await tab.evaluate(() => window.__bench).catch(() => ({}))) }));
      const latency = b.cardAt !== null && b.anchorAt !== null ? b.cardAt - b.anchorAt : Number.POSITIVE_INFINITY;
      if (i >= 0) trials.push({ trial: i, delay, latencyMs: round(latency, 2), ...b });
    }
    results.latency = trials;

    // ----- 4. 20 000-mutation burst on a 10 000-element page
    const renewal = read('aliyun/renew-manual.zh.new.html');
    const home = read('aliyun/console-home.zh.html');
    server.serveHtml('billing-cost.console.aliyun.com/renew/manual', burstPage(renewal));
    server.serveHtml('home.console.aliyun.com/bench/burst', burstPage(renewal));
    server.serveHtml('billing-cost.console.aliyun.com/renew/auto', burstPage(home));
    const burstCases = [
      { key: 'guide', url: URLS.guide, needsCard: true },
      { key: 'noGuide', url: URLS.burstNoGuide, needsCard: false },
      // A guide URL whose DOM is not (yet) recognised: the detector's capped, mutation-driven wait is active.
      { key: 'unrecognised', url: 'https://billing-cost.console.aliyun.com/renew/auto', needsCard: false },
    ];
    results.bursts = {};
    for (const c of burstCases) {
      log(`burst: ${c.key} ${c.url} × ${N.bursts} loads, each with both burst shapes`);
      for (let i = 0; i < N.bursts; i++) {
        await clearStorage();
        await goto(tab, `${c.url}?burst=${i}`);
        if (c.needsCard) await waitForFoundCard(tab);
        await sleep(c.needsCard ? 500 : 800);
        // Alternate the order so neither shape always runs on the fresher page.
        const shapes = i % 2 ? [...BURST_SHAPES].reverse() : BURST_SHAPES;
        for (const shape of shapes) {
          const before = await overlayState(tab);
          const { events, result } = await traced(
            cdp,
            async () => {
              await sleep(50);
              const r = await tab.evaluate(([t, ch]) => window.__benchBurst(t, ch), [BURST.mutations, shape.chunk]);
              await sleep(BURST.settleMs); // the throttled observers fire ≥ 60 ms after a mutation, then render
              return r;
            },
            `burst-${c.key}-${shape.key}-${i}`,
          );
          const after = await overlayState(tab);
          const key = `${c.key}.${shape.key}`;
          entry(results.bursts, key, () => []).push({
            ...attribute(events, new URL(c.url).host),
            burst: result,
            before,
            after,
          });
          await sleep(100);
        }
      }
    }

    // ----- 5. popup first render
    const popupTab = await context.newPage();
    await watchNetwork(await context.newCDPSession(popupTab), 'popup-tab');
    await popupTab.addInitScript(() => {
      if (!location.protocol.startsWith('chrome-extension')) return;
      const rec = { checklistAt: null };
      window.__popupBench = rec;
      const check = () => {
        if (rec.checklistAt === null && document.querySelector('[data-cloudexit="checklist"]')) {
          rec.checklistAt = performance.now();
          mo.disconnect();
        }
      };
      const mo = new MutationObserver(check);
      mo.observe(document, { childList: true, subtree: true });
    });
    log(`popup × ${N.popupOpens}`);
    const popup = [];
    for (let i = 0; i < N.popupOpens; i++) {
      await popupTab.goto(
        `chrome-extension://${extensionId}/popup.html?provider=aliyun&guide=aliyun-renewal-off&open=${i}`,
        { waitUntil: 'commit' },
      );
      const r = await popupTab
        .waitForFunction(() => window.__popupBench?.checklistAt ?? null, null, { polling: 20, timeout: 10_000 })
        .then((h) => h.jsonValue())
        .catch(() => null);
      popup.push({ open: i, checklistMs: r === null ? Number.POSITIVE_INFINITY : round(r, 2) });
    }
    results.popup = popup;
    await sleep(300);

    // ----- 7. page outline on a 10 000-node page, injected on demand as the popup does
    server.serveHtml('home.console.aliyun.com/bench/outline', outlinePage(home));
    log(`page outline × ${N.outlineRuns} on a page with ${OUTLINE_PAGE_ELEMENTS} extra elements`);
    const outlineTab = await context.newPage();
    const outlineCdp = await context.newCDPSession(outlineTab);
    await watchNetwork(outlineCdp, 'outline-tab');
    await goto(outlineTab, URLS.outline);
    const elementCount = await outlineTab.evaluate(() => document.getElementsByTagName('*').length);
    const outlineTabId = await serviceWorker.evaluate(
      async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1,
      URLS.outline,
    );
    const outlineRuns = [];
    for (let i = -1; i < N.outlineRuns; i++) {
      const { events, result } = await traced(
        outlineCdp,
        () =>
          serviceWorker.evaluate(async (tabId) => {
            const [injection] = await chrome.scripting.executeScript({
              target: { tabId },
              files: ['/page-outline.js'],
            });
            const json = typeof injection?.result === 'string' ? injection.result : '';
            return { bytes: new TextEncoder().encode(json).length, stats: json ? JSON.parse(json).stats : null };
          }, outlineTabId),
        `outline-${i}`,
      );
      // Run -1 is the first injection in this tab (cold code): reported on its own line, as the user's one click is.
      outlineRuns.push({ run: i, elementCount, ...attribute(events, new URL(URLS.outline).host), ...result });
      await sleep(100);
    }
    results.outline = outlineRuns;

    // ----- 6. network audit
    const extPageOrigin = `chrome-extension://${extensionId}`;
    const isNet = (u) => /^(https?|wss?):/i.test(u);
    const pwExt = net.playwright.filter(
      (r) => r.serviceWorker?.startsWith(extPageOrigin) || (r.frameUrl.startsWith(extPageOrigin) && !r.navigation),
    );
    const serverUnexpected = server.requests.filter(
      (r) => !net.navigations.has(r.host + r.pathname) && r.pathname !== '/favicon.ico',
    );
    // One list, without counting a request twice: Playwright covers extension pages and the worker, CDP on the tabs
    // covers content scripts, CDP on the worker repeats Playwright's worker requests, and the server sees them all.
    const flagged = [
      ...pwExt.filter((r) => isNet(r.url)).map((r) => ({ source: 'playwright', url: r.url })),
      ...net.cdp.filter((r) => r.fromExtension && isNet(r.url)).map((r) => ({ source: 'cdp-tab', url: r.url })),
    ];
    const seen = (url) => flagged.filter((f) => f.url === url).length;
    for (const r of net.serviceWorker.filter((x) => isNet(x.url)))
      if (net.serviceWorker.filter((x) => x.url === r.url).length > seen(r.url))
        flagged.push({ source: 'cdp-service-worker', url: r.url });
    for (const r of serverUnexpected)
      if (!flagged.some((f) => new URL(f.url).host === r.host && new URL(f.url).pathname === r.pathname))
        flagged.push({ source: 'replica-server', url: `https://${r.host}${r.path}` });
    results.network = {
      serverRequests: server.requests.length,
      serverUnexpected,
      playwrightRequests: net.playwright.length,
      playwrightFromExtensionContexts: pwExt,
      cdpRequests: net.cdp.length,
      cdpFromExtensionInitiators: net.cdp.filter((r) => r.fromExtension),
      serviceWorkerCdpAttached: net.swAttached,
      serviceWorkerCdpRequests: net.serviceWorker,
      extensionNetworkRequests: flagged,
      extensionInternalLoads: [
        ...new Set(
          [...pwExt, ...net.cdp.filter((r) => r.fromExtension)].filter((r) => !isNet(r.url)).map((r) => r.url),
        ),
      ].map((u) => u.replace(extPageOrigin, '')),
    };
    results.extensionErrors = browser.extensionErrors();
  } finally {
    await browser.close();
    await server.close();
    rmSync(extDir, { recursive: true, force: true });
  }
  results.machine.loadavgAtEnd = os.loadavg().map((x) => round(x, 2));
  results.durationSeconds = round((Date.now() - started) / 1000, 1);
  report(results);
}

// ---------------------------------------------------------------------------------------------- report
function report(r) {
  const rows = [];
  const notes = [];
  const mark = (pass) => (pass === null ? '·' : pass ? '✓' : '✗');
  const row = (id, figure, value, budget, pass, note) => {
    rows.push({ id, figure, value, budget, pass: mark(pass) });
    if (note) notes.push([id, note]);
  };
  const range = (xs) => `${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}`;

  // 1 — sizes
  const injected = r.injectedOnNoGuide;
  for (const [f, s] of Object.entries(r.sizes)) {
    const everywhere = injected.scripts.includes(f);
    row(
      '1',
      `gzip ${f.replace('content-scripts/', '')}`,
      fmtKB(s.gzip),
      everywhere ? '≤ 12 KB' : 'guide pages only',
      everywhere ? s.gzip <= BUDGET.injectedGzipKB * 1024 : null,
      null,
    );
  }
  const nNoGuide = r.loads.noGuide.length + r.loads.noGuideFresh.length;
  const injectedOk = injected.overlayHostsSeen === 0 && injected.loadsWithDetector === nNoGuide;
  row(
    '1',
    'injected on a no-guide console page',
    fmtKB(injected.gzip),
    '≤ 12 KB',
    injectedOk && injected.gzip <= BUDGET.injectedGzipKB * 1024,
    `evaluated in the page (from the traces): ${injected.scripts.join(' + ') || 'nothing'}; detector seen in ${injected.loadsWithDetector}/${nNoGuide} loads; <cloudexit-ui> ${injected.overlayHostsSeen ? 'PRESENT (overlay injected!)' : 'absent in every load'}. Raw sizes: ${Object.entries(
      r.sizes,
    )
      .map(([f, s]) => `${f.replace('content-scripts/', '')} ${fmtKB(s.bytes)}`)
      .join(', ')}`,
  );

  // 2 — extension time per load
  const loadRow = (id, figure, samples, budget) => {
    const ms = samples.map((s) => s.ms);
    const ev = samples.map((s) => s.extEvents);
    const broken = ev.some((e) => e === 0);
    const med = median(ms);
    row(
      id,
      figure,
      `${fmtMs(med)} (CPU ${fmtMs(median(samples.map((s) => s.cpuMs)))})`,
      budget === null ? 'info' : `≤ ${budget} ms`,
      budget === null ? null : !broken && med <= budget,
      `median of ${ms.length}, range ${range(ms)}, first ${fmtMs(ms[0])}; url-attributed only ${fmtMs(median(samples.map((s) => s.strictMs)))}; extension events per load ${Math.min(...ev)}–${Math.max(...ev)}${broken ? ' — A LOAD WITH 0 EVENTS: BROKEN MEASUREMENT' : ''}; unattributed microtasks ${fmtMs(median(samples.map((s) => s.unattributedMicrotaskMs)))}`,
    );
  };
  loadRow('2a', 'ext time per load, no-guide page', r.loads.noGuide, BUDGET.noGuideLoadMs);
  loadRow('2a′', '… new tab per load (fresh renderer)', r.loads.noGuideFresh, BUDGET.noGuideLoadMs);
  loadRow('2b', 'ext time per load, guide page', r.loads.guide, null);
  loadRow('2b′', '… new tab per load (fresh renderer)', r.loads.guideFresh, null);
  {
    const c = r.loads.control;
    const ev = c.reduce((a, s) => a + s.extEvents, 0);
    row(
      '2c',
      'control: same page, non-console host',
      `${ev} ext events`,
      '0 events',
      ev === 0 && c.every((s) => s.pageScriptEvents > 0),
      `${c.length} loads; page script events per load ≥ ${Math.min(...c.map((s) => s.pageScriptEvents))} (the trace works); unattributed microtasks ${fmtMs(median(c.map((s) => s.unattributedMicrotaskMs)))} (noise floor)`,
    );
  }

  // 3 — latency
  {
    const lat = r.latency.map((t) => (t.latencyMs === null ? Number.POSITIVE_INFINITY : t.latencyMs));
    const p95 = percentile(lat, 95);
    const notMounted = r.latency.filter((t) => !t.hostBeforeAnchor).length;
    const timeouts = lat.filter((x) => !Number.isFinite(x)).length;
    row(
      '3',
      'anchor appears → card visible',
      `p50 ${fmtMs(percentile(lat, 50))}, p95 ${fmtMs(p95)}`,
      'p95 ≤ 100 ms',
      p95 <= BUDGET.latencyP95Ms,
      `${lat.length} trials, anchor inserted ${LATENCY_DELAY_MS.join('–')} ms after parsing; min ${fmtMs(Math.min(...lat))}, max ${fmtMs(Math.max(...lat))}; ${timeouts} timeouts; overlay not yet mounted when the anchor appeared in ${notMounted}; a fallback card shown first in ${r.latency.filter((t) => t.firstCardState === 'fallback').length}; step ${[...new Set(r.latency.map((t) => t.cardStep))].join(', ')}`,
    );
  }

  // 4 — bursts
  for (const [key, id, label] of [
    ['guide', '4a', 'burst, guide active'],
    ['noGuide', '4b', 'burst, no-guide console URL'],
    ['unrecognised', '4c', 'burst, guide URL, page not recognised'],
  ]) {
    for (const shape of BURST_SHAPES) {
      const s = r.bursts[`${key}.${shape.key}`];
      const ms = s.map((x) => x.ms);
      const med = median(ms);
      const ev = s.map((x) => x.extEvents);
      const valid = s.every((x) => x.burst.mutations === BURST.mutations && x.pageScriptEvents > 0);
      const expectsEvents = key !== 'noGuide';
      const state =
        key === 'guide' ? s.every((x) => x.after.anchorState === 'found') : s.every((x) => x.after.hosts === 0);
      row(
        `${id}${shape.key === '1task' ? '' : '′'}`,
        `${label} (${shape.label})`,
        `${fmtMs(med)} (CPU ${fmtMs(median(s.map((x) => x.cpuMs)))})`,
        `≤ ${BUDGET.burstMs} ms`,
        valid && med <= BUDGET.burstMs && (!expectsEvents || Math.min(...ev) > 0),
        `median of ${s.length}, range ${range(ms)}; extension events ${Math.min(...ev)}–${Math.max(...ev)}, page events ≥ ${Math.min(...s.map((x) => x.pageScriptEvents))}; ${s[0].burst.mutations} mutations (${s[0].burst.observed} records seen by the page) on ${s[0].burst.elements} elements, burst lasted ${fmtMs(median(s.map((x) => x.burst.ms)))}; ${key === 'guide' ? `card still shown after: ${state}` : `no overlay: ${state}`}`,
      );
    }
  }

  // 5 — popup
  {
    const ms = r.popup.map((p) => p.checklistMs);
    const warm = ms.slice(1);
    row(
      '5',
      'popup first render (checklist)',
      fmtMs(median(warm)),
      '≤ 150 ms',
      median(warm) <= BUDGET.popupMs,
      `median of ${warm.length} opens after the first, range ${range(warm)}; time from navigation start (performance.now() in the popup) to [data-cloudexit="checklist"] in the DOM`,
    );
    row('5′', '… first open in this browser (cold)', fmtMs(ms[0]), '≤ 150 ms', ms[0] <= BUDGET.popupMs, null);
  }

  // 7 — page outline (issue 19)
  {
    const all = r.outline ?? [];
    const cold = all.find((x) => x.run === -1);
    const s = all.filter((x) => x.run >= 0);
    const ms = s.map((x) => x.ms);
    const med = median(ms);
    const valid = s.length > 0 && s.every((x) => x.stats !== null && x.bytes > 0 && x.extEvents > 0);
    row(
      '7',
      `page outline, ${s[0]?.elementCount ?? '?'}-element page (on demand)`,
      `${fmtMs(med)} (CPU ${fmtMs(median(s.map((x) => x.cpuMs)))})`,
      `≤ ${BUDGET.outlineMs} ms`,
      valid && med <= BUDGET.outlineMs,
      `median of ${s.length} injections after the first, range ${range(ms)}; outline ${s[0] ? fmtKB(s[0].bytes) : 'n/a'} (≤ 200 KB), ${s[0]?.stats?.elements ?? '?'} elements looked at, ${s[0]?.stats?.nodes ?? '?'} nodes kept, caps hit: ${s[0]?.stats?.truncated?.join(', ') || 'none'}`,
    );
    row(
      '7′',
      '… first injection in the tab (cold)',
      cold ? fmtMs(cold.ms) : 'n/a',
      `≤ ${BUDGET.outlineMs} ms`,
      cold ? cold.ms <= BUDGET.outlineMs : null,
      null,
    );
  }

  // 6 — network
  {
    const n = r.network;
    row(
      '6',
      'network requests from extension contexts',
      String(n.extensionNetworkRequests.length),
      '0',
      n.extensionNetworkRequests.length === 0,
      `replica server saw ${n.serverRequests} requests, ${n.serverUnexpected.length} not a page the bench opened; Playwright saw ${n.playwrightRequests} (pages, extension pages, service worker), ${n.playwrightFromExtensionContexts.length} from extension pages/worker; CDP saw ${n.cdpRequests} on the bench tabs, ${n.cdpFromExtensionInitiators.length} initiated by extension script; CDP on the service worker ${n.serviceWorkerCdpAttached ? `saw ${n.serviceWorkerCdpRequests.length}` : 'COULD NOT ATTACH'}. Extension-internal loads (not network): ${n.extensionInternalLoads.join(', ') || 'none'}`,
    );
  }

  // ---- print
  const m = r.machine;
  const width = (str) =>
    [...str].reduce(
      (a, ch) => a + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1),
      0,
    );
  const pad = (str, n) => str + ' '.repeat(Math.max(0, n - width(str)));
  const cols = ['id', 'figure', 'value', 'budget'];
  const head = { id: '#', figure: 'Figure', value: 'Measured', budget: 'Budget', pass: '' };
  const w = Object.fromEntries(cols.map((c) => [c, Math.max(...[head, ...rows].map((x) => width(x[c])))]));
  const line = (x) => `${cols.map((c) => pad(x[c], w[c])).join('  ')}  ${x.pass}`;
  const out = [''];
  out.push(`CloudExit bench — ${r.date}`);
  out.push(
    `Machine: ${m.cpu} · ${m.cores} cores · ${m.memGB} GB RAM · ${m.os} · Node ${m.node} · Chromium ${m.chromium} headless`,
  );
  out.push(
    `Load average ${m.loadavgAtStart.join(' ')} at start, ${m.loadavgAtEnd.join(' ')} at end (wall-clock figures include time the main thread was descheduled)`,
  );
  out.push('');
  out.push(line(head));
  out.push('─'.repeat(cols.reduce((a, c) => a + w[c] + 2, 0) + 2));
  for (const x of rows) out.push(line(x));
  out.push('');
  out.push('Notes');
  for (const [id, note] of notes) out.push(`  ${pad(id, 4)}${note}`);
  out.push('');
  out.push('Where the extension time goes (outermost extension events by what ran them; median per load/burst)');
  const where = (samples) => {
    const agg = {};
    for (const s of samples)
      for (const [k, v] of Object.entries(s.byTrigger)) {
        const a = entry(agg, k, () => ({ ms: [], calls: [], max: [] }));
        a.ms.push(v.ms);
        a.calls.push(v.calls);
        a.max.push(v.maxMs);
      }
    return (
      Object.entries(agg)
        .sort((a, b) => median(b[1].ms) - median(a[1].ms))
        .map(([k, a]) => `${k} ${fmtMs(median(a.ms))} (×${median(a.calls)}, longest ${fmtMs(Math.max(...a.max))})`)
        .join('; ') || 'nothing'
    );
  };
  const perScript = (samples) => {
    const agg = {};
    for (const s of samples)
      for (const [k, v] of Object.entries(s.perScript)) {
        const a = entry(agg, k, () => ({ ev: [], co: [], fc: [] }));
        a.ev.push(v.evaluateMs);
        a.co.push(v.compileMs);
        a.fc.push(v.functionCallMs);
      }
    return Object.entries(agg)
      .map(
        ([k, a]) =>
          `${k.replace('content-scripts/', '')}: evaluate ${fmtMs(median(a.ev))} (compile ${fmtMs(median(a.co))}), calls ${fmtMs(median(a.fc))}`,
      )
      .join('; ');
  };
  for (const [id, samples] of [
    ['2a', r.loads.noGuide],
    ['2a′', r.loads.noGuideFresh],
    ['2b', r.loads.guide],
    ['2b′', r.loads.guideFresh],
    ...BURST_SHAPES.flatMap((sh) => [
      [`4a${sh.key === '1task' ? '' : '′'}`, r.bursts[`guide.${sh.key}`]],
      [`4c${sh.key === '1task' ? '' : '′'}`, r.bursts[`unrecognised.${sh.key}`]],
    ]),
  ]) {
    out.push(`  ${pad(id, 5)}${where(samples)}`);
    if (id.startsWith('2')) out.push(`  ${pad('', 5)}${perScript(samples)}`);
  }
  if (r.extensionErrors.length) out.push(`\nExtension errors logged by Chromium:\n  ${r.extensionErrors.join('\n  ')}`);
  const failed = rows.filter((x) => x.pass === '✗');
  out.push('');
  out.push(failed.length ? `OVER BUDGET: ${failed.map((x) => `${x.id} ${x.figure}`).join(' · ')}` : 'All budgets met.');

  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `bench-${r.date.replace(/[:.]/g, '-')}.json`);
  r.table = rows;
  writeFileSync(file, `${JSON.stringify(r, (_k, v) => (v === Number.POSITIVE_INFINITY ? 'Infinity' : v), 2)}\n`);
  out.push(`Raw samples: ${path.relative(ROOT, file)} · bench took ${r.durationSeconds} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

// Run when executed (`node scripts/bench.mjs`); importing it only exposes the page builders and the attribution.
export { attribute, burstPage, latencyPage };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`bench failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
