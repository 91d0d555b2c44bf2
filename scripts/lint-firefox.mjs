#!/usr/bin/env node
// Mozilla's addons-linter (through web-ext, as AMO runs it on upload) on the BUILT Firefox extension.
// Fails on any error OR warning, so what we ship would pass AMO review without "unsafe innerHTML",
// "eval", or manifest-compatibility flags. Notices are printed but do not fail.
//
//   node scripts/lint-firefox.mjs                  # lints .output/firefox-mv3 (run `npm run build` first)
//   node scripts/lint-firefox.mjs --source-dir DIR # another unpacked build
//   node scripts/lint-firefox.mjs --json           # the linter's full JSON report on stdout
//
// Exit codes: 0 clean · 1 errors or warnings · 2 could not lint (no build, linter crashed).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import webExt from 'web-ext';

const REPO = fileURLToPath(new URL('..', import.meta.url));

const { values: args } = parseArgs({
  options: {
    'source-dir': { type: 'string', default: path.join(REPO, '.output', 'firefox-mv3') },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (args.help) {
  console.log('usage: node scripts/lint-firefox.mjs [--source-dir DIR] [--json]');
  process.exit(0);
}

const sourceDir = path.resolve(args['source-dir'] ?? '');
const manifestPath = path.join(sourceDir, 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`lint:firefox: no manifest.json in ${sourceDir}. Build first: \`npm run build\`.`);
  process.exit(2);
}
/**
 * @typedef {{ code: string, message: string, description?: string | string[], file?: string,
 *   line?: number, column?: number, _type?: string }} LintMessage
 * @typedef {{ errors: LintMessage[], warnings: LintMessage[], notices: LintMessage[],
 *   summary: { errors: number, warnings: number, notices: number } }} LintReport
 */

/** @type {LintReport} */
let report;
try {
  report = await webExt.cmd.lint(
    {
      sourceDir,
      output: 'none', // we print our own summary (or the JSON below)
      pretty: false,
      boring: true,
      warningsAsErrors: false,
      selfHosted: false,
      privileged: false,
      metadata: false,
      verbose: false,
    },
    { shouldExitProgram: false },
  );
} catch (error) {
  console.error(`lint:firefox: addons-linter failed: ${/** @type {Error} */ (error).stack ?? error}`);
  process.exit(2);
}

if (args.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const where = (/** @type {LintMessage} */ m) =>
    m.file ? `${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '';
  const describe = (/** @type {LintMessage} */ m) => {
    const text = Array.isArray(m.description) ? m.description.join(' ') : (m.description ?? '');
    return text
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  };
  for (const [kind, list] of /** @type {const} */ ([
    ['ERROR', report.errors],
    ['WARNING', report.warnings],
    ['NOTICE', report.notices],
  ])) {
    for (const m of list) {
      console.log(`${kind} ${m.code} ${where(m)}\n  ${m.message}${describe(m) ? `\n  ${describe(m)}` : ''}`);
    }
  }
  const { errors, warnings, notices } = report.summary;
  const rel = path.relative(process.cwd(), sourceDir) || '.';
  console.log(`addons-linter on ${rel}: ${errors} error(s), ${warnings} warning(s), ${notices} notice(s)`);
}

process.exit(report.summary.errors + report.summary.warnings > 0 ? 1 : 0);
