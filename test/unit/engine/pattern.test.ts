import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern, execPattern, MAX_PROGRAM_SIZE, testPattern } from '../../../engine/pattern';

/** Generated patterns over a small alphabet, so that matches are frequent. */
const atom = fc.constantFrom('a', 'b', '/', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '[a-c-]', '\\/', '\\.', '-', 'x');
const pattern: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => a + b),
    fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a}|${b})`),
    fc
      .tuple(tie('node'), fc.constantFrom('*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?', '??'))
      .map(([a, q]) => `(?:${a})${q}`),
    tie('node').map((a) => `^${a}`),
    tie('node').map((a) => `${a}$`),
    tie('node').map((a) => `\\b${a}`),
  ),
})).node;
const text = fc.stringMatching(/^[ab/.x1 -]{0,10}$/);

describe('linear-time patterns agree with JavaScript regular expressions', () => {
  it('property: the same answer as RegExp.test, and the same leftmost match, for generated patterns', () => {
    let accepted = 0;
    fc.assert(
      fc.property(pattern, text, (source, input) => {
        const compiled = compilePattern(source);
        if (!compiled.ok) {
          expect(compiled.reason).toMatch(/can match nothing/); // the only refusal these patterns can meet
          return;
        }
        accepted++;
        const native = new RegExp(source).exec(input);
        const ours = execPattern(compiled.pattern, input);
        expect(ours !== null).toBe(native !== null);
        if (native && ours) expect(ours).toEqual([native.index, native.index + native[0].length]);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(1500);
  });

  it('matches every built-in style of URL pattern as RegExp does', () => {
    const cases: [string, string, boolean][] = [
      ['^/renew(/(manual|auto))?/?$', '/renew/manual', true],
      ['^/renew(/(manual|auto))?/?$', '/renew/other', false],
      ['^/disk(/region(/[a-z0-9-]+)?)?/?$', '/disk/region/cn-hangzhou/', true],
      ['^Instances:', 'Instances:v=3', true],
      ['^/subscriptions/?(\\?.*)?$', '/subscriptions?x=1', true],
      ['(^|/)zabbix\\.php$', '/monitor/zabbix.php', true],
      ['(^|/)zabbix\\.php$', '/monitor/xzabbix.php', false],
      ['\\bi-[a-z0-9]{10,}\\b', 'see i-bp1a2b3c4d5e now', true],
      ['^host\\.list$', 'host.list', true],
      ['^(?<route>a|b)c$', 'bc', true],
      ['[\\b]', '\b', true],
      ['\\u0041\\x42', 'AB', true],
    ];
    for (const [source, input, expected] of cases) {
      expect(new RegExp(source).test(input)).toBe(expected);
      expect(testPattern(source, input), `${source} on ${input}`).toBe(expected);
    }
  });
});

describe('what cannot run in linear time is refused, with a reason', () => {
  it.each([
    ['(a)\\1', /back-reference/],
    ['(?<x>a)\\k<x>', /back-reference/],
    ['a(?=b)', /lookahead/],
    ['a(?!b)', /lookahead/],
    ['(?<=a)b', /lookahead or lookbehind/],
    ['(?<!a)b', /lookahead or lookbehind/],
    ['a{1001}', /repeat count/],
    ['(a{30}){100}', /too large/],
    ['(.*)*(.*)*x', /can match nothing/],
    ['(a|)+', /can match nothing/],
    ['\\cA', /control escape/],
  ])('%s', (source, reason) => {
    const compiled = compilePattern(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.reason).toMatch(reason);
  });

  it('refuses what JavaScript itself refuses', () => {
    expect(compilePattern('(').ok).toBe(false);
    expect(compilePattern('a**').ok).toBe(false);
  });
});

/** Steps the matcher takes, counted by wrapping every character test (no clocks in unit tests). */
function countSteps(source: string, input: string): number {
  const compiled = compilePattern(source);
  if (!compiled.ok) throw new Error(compiled.reason);
  let steps = 0;
  const program = compiled.pattern.program.map((inst) =>
    inst.op === 'char'
      ? {
          ...inst,
          test: (code: number) => {
            steps++;
            return inst.test(code);
          },
        }
      : inst,
  );
  execPattern({ source, program }, input);
  return steps;
}

describe('the patterns of issue 16 run in linear time', () => {
  // Exponential in a backtracking engine: ~10 s on a page, >150 s in the service worker.
  const hostile: [string, (n: number) => string][] = [
    ['^(.|.|.|.|.)*!$', (n) => 'x'.repeat(n)],
    ['^/(a+)+$', (n) => `/${'a'.repeat(n)}!`],
    ['(a|a)*b', (n) => 'a'.repeat(n)],
    ['(.|..)+z', (n) => 'y'.repeat(n)],
  ];
  it.each(hostile)('%s: work grows linearly with the input (n → 2n at most doubles it)', (source, input) => {
    expect(testPattern(source, input(34))).toBe(false);
    const small = countSteps(source, input(200));
    const large = countSteps(source, input(400));
    expect(large).toBeLessThanOrEqual(2.1 * small);
    expect(large).toBeLessThan(400 * MAX_PROGRAM_SIZE);
  });

  it('property: any accepted pattern costs at most (text length + 1) × program size character tests', () => {
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[ab/.x1 -]{0,200}$/), (source, input) => {
        const compiled = compilePattern(source);
        if (!compiled.ok) return;
        expect(countSteps(source, input)).toBeLessThanOrEqual((input.length + 1) * compiled.pattern.program.length);
      }),
      { numRuns: 300 },
    );
  });
});
