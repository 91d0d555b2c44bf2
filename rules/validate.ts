/**
 * Turns rule data into either typed rules or a list of plain-language problems that name the file
 * and the JSON path, e.g. `rules/aliyun/renew.json: steps[2].anchor.candidates[0].text: expected array`.
 * Used by the build (bad built-in rules fail it), the tests and the options page (user packs).
 */
import type * as z from 'zod/mini';
import { Guide, Provider } from './schema';

export interface RuleProblem {
  file: string;
  path: string;
  message: string;
}

export function formatProblem(problem: RuleProblem): string {
  return `${problem.file}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_union':
      // A discriminated union whose "type" is missing or unknown.
      return 'does not match any allowed shape (check its "type")';
    case 'invalid_format':
      if (issue.format === 'regex' && issue.message && issue.message !== 'Invalid input') return issue.message;
      return `expected ${issue.format === 'url' ? 'an https URL' : issue.format === 'date' ? 'a date like 2026-11-26' : issue.format}`;
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return issue.message || 'is invalid';
  }
}

export function problemsFromZod(file: string, error: { issues: readonly Issue[] }): RuleProblem[] {
  return error.issues.map((issue) => ({ file, path: formatPath(issue.path), message: describeIssue(issue) }));
}

/** Reference checks zod cannot express: unique ids, and every reference pointing at something real. */
export function crossCheck(
  providers: readonly { file: string; provider: Provider }[],
  guides: readonly { file: string; guide: Guide }[],
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const providerById = new Map<string, Provider>();
  const pageIds = new Set<string>();
  for (const { file, provider } of providers) {
    if (providerById.has(provider.id))
      problems.push({ file, path: 'id', message: `duplicate provider id "${provider.id}"` });
    providerById.set(provider.id, provider);
    for (const [index, page] of provider.pages.entries()) {
      if (pageIds.has(page.id))
        problems.push({ file, path: `pages[${index}].id`, message: `duplicate page id "${page.id}"` });
      pageIds.add(page.id);
    }
  }
  const guideIds = new Set<string>();
  for (const { file, guide } of guides) {
    if (guideIds.has(guide.id)) problems.push({ file, path: 'id', message: `duplicate guide id "${guide.id}"` });
    guideIds.add(guide.id);
    problems.push(...checkGuideReferences(file, guide, providerById));
  }
  const guideProvider = new Map(guides.map(({ guide }) => [guide.id, guide.provider]));
  for (const { file, provider } of providers) problems.push(...checkProviderReferences(file, provider, guideProvider));
  return problems;
}

/** Provider-level data (bill readers, bill services, Region lists) cites the provider's sources and real guides. */
export function checkProviderReferences(
  file: string,
  provider: Provider,
  guideProvider: ReadonlyMap<string, string>,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const sourceIds = new Set((provider.sources ?? []).map((source) => source.id));
  const checkSources = (path: string, ids: readonly string[]) => {
    for (const [index, sourceId] of ids.entries()) {
      if (!sourceIds.has(sourceId))
        problems.push({
          file,
          path: `${path}[${index}]`,
          message: `cites "${sourceId}", which is not in the provider's sources`,
        });
    }
  };
  for (const [index, page] of provider.pages.entries()) {
    if (page.bill) checkSources(`pages[${index}].bill.sources`, page.bill.sources);
  }
  for (const [index, service] of (provider.billServices ?? []).entries()) {
    checkSources(`billServices[${index}].sources`, service.sources);
    if (guideProvider.get(service.guide) !== provider.id)
      problems.push({
        file,
        path: `billServices[${index}].guide`,
        message: `unknown guide "${service.guide}" for provider "${provider.id}"`,
      });
  }
  const regionCodes = new Set<string>();
  for (const [index, partition] of (provider.regions ?? []).entries()) {
    checkSources(`regions[${index}].sources`, partition.sources);
    const sites = Object.entries(partition.listUrl);
    if (sites.length === 0) problems.push({ file, path: `regions[${index}].listUrl`, message: 'needs a site' });
    for (const [site, url] of sites) {
      if (!url.includes('{region}'))
        problems.push({
          file,
          path: `regions[${index}].listUrl.${site}`,
          message: 'needs "{region}" where the Region code goes',
        });
    }
    for (const [regionIndex, region] of partition.regions.entries()) {
      if (regionCodes.has(region.code))
        problems.push({
          file,
          path: `regions[${index}].regions[${regionIndex}].code`,
          message: `duplicate Region "${region.code}"`,
        });
      regionCodes.add(region.code);
    }
  }
  return problems;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: RuleProblem[] };

function parseWith<T>(schema: z.ZodMiniType<T>, file: string, data: unknown): Parsed<T> {
  const result = schema.safeParse(data);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, problems: problemsFromZod(file, result.error) };
}

export const parseProvider = (file: string, data: unknown) => parseWith(Provider, file, data);
export const parseGuide = (file: string, data: unknown) => parseWith(Guide, file, data);

/** Every reference inside one guide points at something real: its provider, pages and sources. */
export function checkGuideReferences(
  file: string,
  guide: Guide,
  providerById: ReadonlyMap<string, Provider>,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const provider = providerById.get(guide.provider);
  if (!provider) {
    problems.push({ file, path: 'provider', message: `unknown provider "${guide.provider}"` });
    return problems;
  }
  const providerPages = new Set(provider.pages.map((page) => page.id));
  const sourceIds = new Set(guide.sources.map((source) => source.id));
  const checkSources = (path: string, ids: readonly string[] | undefined) => {
    for (const [index, sourceId] of (ids ?? []).entries()) {
      if (!sourceIds.has(sourceId))
        problems.push({
          file,
          path: `${path}[${index}]`,
          message: `cites "${sourceId}", which is not in the guide's sources`,
        });
    }
  };
  // Steps, checklist items and deadlines are separate namespaces (a step and an item may share a name).
  const seenIds = new Map<string, Set<string>>();
  const unique = (path: string, value: string) => {
    const kind = path.slice(0, path.indexOf('['));
    const seen = seenIds.get(kind) ?? new Set<string>();
    seenIds.set(kind, seen);
    if (seen.has(value)) problems.push({ file, path, message: `duplicate id "${value}"` });
    seen.add(value);
  };
  for (const [index, step] of guide.steps.entries()) {
    unique(`steps[${index}].id`, step.id);
    checkSources(`steps[${index}].sources`, step.sources);
    for (const [pageIndex, pageId] of step.pages.entries()) {
      if (!providerPages.has(pageId))
        problems.push({
          file,
          path: `steps[${index}].pages[${pageIndex}]`,
          message: `unknown page "${pageId}" for provider "${provider.id}"`,
        });
    }
    if (step.pages.length > 0 && !step.anchor && !step.menuPath)
      problems.push({
        file,
        path: `steps[${index}]`,
        message: 'a step shown on a page needs an anchor or a menu path',
      });
    if (step.readsBill && !step.pages.every((pageId) => provider.pages.find((page) => page.id === pageId)?.bill))
      problems.push({
        file,
        path: `steps[${index}].readsBill`,
        message: 'every page of a step that reads the bill needs a bill reader ("bill")',
      });
    if (step.advanceOn?.type === 'page' && !providerPages.has(step.advanceOn.page))
      problems.push({
        file,
        path: `steps[${index}].advanceOn.page`,
        message: `unknown page "${step.advanceOn.page}"`,
      });
  }
  for (const [index, item] of guide.checklist.entries()) {
    unique(`checklist[${index}].id`, item.id);
    checkSources(`checklist[${index}].sources`, item.sources);
  }
  for (const [index, deadline] of guide.deadlines.entries()) {
    unique(`deadlines[${index}].id`, deadline.id);
    checkSources(`deadlines[${index}].sources`, deadline.sources);
    try {
      new Intl.DateTimeFormat('en', { timeZone: deadline.timeZone });
    } catch {
      problems.push({
        file,
        path: `deadlines[${index}].timeZone`,
        message: `unknown time zone "${deadline.timeZone}"`,
      });
    }
  }
  return problems;
}
