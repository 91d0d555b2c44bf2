/**
 * URL and id patterns from rules run here, never in the browser's backtracking RegExp engine: a
 * pattern from an imported pack such as `^(.|.|.|.|.)*!$` or `^/(a+)+$` takes exponential time
 * there and freezes the page or the service worker. This is a Thompson-NFA (Pike VM) matcher for
 * the part of JavaScript's regex syntax that can run in linear time; its results are those of
 * `new RegExp(source)` (no flags) for every pattern it accepts (a property test compares them).
 *
 * Accepted: literals, `.`, classes `[a-z0-9-]` / `[^/]`, escapes `\d \D \w \W \s \S \t \n \r \v \f \0
 * \xHH \uHHHH` and escaped punctuation, anchors `^ $ \b \B`, groups `( )` `(?: )` `(?<name> )`,
 * alternation, quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy).
 * Refused: back-references, lookarounds, `\c`, `\k`, repeated parts that can match nothing ("(a*)*"),
 * and patterns whose program would be too large.
 * Cost: O(text length × pattern size), with the pattern size capped.
 */

/** Larger patterns are refused: rule patterns are a line long; this bounds the cost per character. */
export const MAX_PROGRAM_SIZE = 2_000;
const MAX_REPEAT = 1_000;

type CharTest = (code: number) => boolean;
type Assertion = 'start' | 'end' | 'word' | 'notWord';

type Node =
  | { kind: 'char'; test: CharTest }
  | { kind: 'assert'; what: Assertion }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number; lazy: boolean };

type Inst =
  | { op: 'char'; test: CharTest }
  | { op: 'assert'; what: Assertion }
  | { op: 'split'; first: number; second: number }
  | { op: 'jmp'; to: number }
  | { op: 'match' };

export interface Pattern {
  source: string;
  program: Inst[];
}

export type CompileResult = { ok: true; pattern: Pattern } | { ok: false; reason: string };

class Unsupported extends Error {}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || isDigit(c) || c === 95;
// ECMAScript WhiteSpace and LineTerminator.
const SPACES = new Set([
  9, 10, 11, 12, 13, 32, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239,
  8287, 12288, 65279,
]);
const isSpace = (c: number) => SPACES.has(c);
const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 8232 || c === 8233;
const not =
  (test: CharTest): CharTest =>
  (c) =>
    !test(c);
const exactly =
  (code: number): CharTest =>
  (c) =>
    c === code;

const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  D: not(isDigit),
  w: isWord,
  W: not(isWord),
  s: isSpace,
  S: not(isSpace),
};
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

function canMatchEmpty(node: Node): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'assert':
      return true;
    case 'seq':
      return node.items.every(canMatchEmpty);
    case 'alt':
      return node.options.some(canMatchEmpty);
    case 'repeat':
      return node.min === 0 || canMatchEmpty(node.node);
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.source.length) throw new Unsupported(`unexpected "${this.source[this.pos]}"`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.pos + offset];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return { kind: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const bounds = this.quantifier();
    if (!bounds) return atom;
    if (atom.kind === 'assert') throw new Unsupported('a quantifier on an anchor');
    // JavaScript rejects empty iterations of a loop, which changes where a match ends; such loops
    // ("(a*)*", "(a|)+") are also the classic slow patterns, so they are refused outright.
    if (canMatchEmpty(atom)) throw new Unsupported('a repeated part that can match nothing (such as "(a*)*")');
    let lazy = false;
    if (this.peek() === '?') {
      lazy = true;
      this.pos++;
    }
    return { kind: 'repeat', node: atom, min: bounds[0], max: bounds[1], lazy };
  }

  private quantifier(): [number, number] | null {
    const char = this.peek();
    if (char === '*' || char === '+' || char === '?') {
      this.pos++;
      return char === '*' ? [0, Infinity] : char === '+' ? [1, Infinity] : [0, 1];
    }
    if (char !== '{') return null;
    // In patterns without the u flag a "{" that does not form a quantifier is a literal.
    const found = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.pos));
    if (!found) return null;
    const min = Number(found[1]);
    const max = found[2] === undefined ? min : found[3] ? Number(found[3]) : Infinity;
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) throw new Unsupported('a repeat count over 1000');
    this.pos += found[0].length;
    return [min, max];
  }

  private atom(): Node {
    const char = this.peek()!;
    this.pos++;
    switch (char) {
      case '^':
        return { kind: 'assert', what: 'start' };
      case '$':
        return { kind: 'assert', what: 'end' };
      case '.':
        return { kind: 'char', test: not(isLineTerminator) };
      case '[':
        return { kind: 'char', test: this.characterClass() };
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw new Unsupported('nothing to repeat');
      default:
        return { kind: 'char', test: exactly(char.charCodeAt(0)) };
    }
  }

  private group(): Node {
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.pos += 2;
      else if (next === '<' && /^[A-Za-z_$]/.test(this.peek(2) ?? '')) {
        const close = this.source.indexOf('>', this.pos);
        if (close < 0) throw new Unsupported('an unclosed group name');
        this.pos = close + 1;
      } else throw new Unsupported('a lookahead or lookbehind ("(?=", "(?!", "(?<=", "(?<!")');
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw new Unsupported('an unclosed group');
    this.pos++;
    return inner;
  }

  /** After a backslash, outside a class. */
  private escape(): Node {
    const char = this.peek();
    if (char === 'b' || char === 'B') {
      this.pos++;
      return { kind: 'assert', what: char === 'b' ? 'word' : 'notWord' };
    }
    const classEscape = char !== undefined ? CLASS_ESCAPES[char] : undefined;
    if (classEscape) {
      this.pos++;
      return { kind: 'char', test: classEscape };
    }
    return { kind: 'char', test: exactly(this.characterEscape()) };
  }

  /** A single character after a backslash (inside or outside a class). */
  private characterEscape(): number {
    const char = this.peek();
    if (char === undefined) throw new Unsupported('a trailing backslash');
    this.pos++;
    if (char in CONTROL_ESCAPES) return CONTROL_ESCAPES[char]!;
    if (char === '0') {
      if (isDigit(this.source.charCodeAt(this.pos))) throw new Unsupported('an octal escape');
      return 0;
    }
    if (/[1-9]/.test(char)) throw new Unsupported('a back-reference ("\\1")');
    if (char === 'k') throw new Unsupported('a named back-reference ("\\k<name>")');
    if (char === 'c') throw new Unsupported('a control escape ("\\c")');
    if (char === 'x' || char === 'u') {
      const digits = char === 'x' ? 2 : 4;
      const hex = this.source.slice(this.pos, this.pos + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new Unsupported(`a short "\\${char}" escape`);
      this.pos += digits;
      return Number.parseInt(hex, 16);
    }
    if (/[A-Za-z]/.test(char) && !'pPq'.includes(char)) throw new Unsupported(`an unknown escape "\\${char}"`);
    if (/[pPq]/.test(char)) throw new Unsupported(`"\\${char}", which means something else with the u flag`);
    return char.charCodeAt(0);
  }

  private characterClass(): CharTest {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const parts: CharTest[] = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.source.length) throw new Unsupported('an unclosed class');
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const to = this.classAtom();
        if (typeof from !== 'number' || typeof to !== 'number') throw new Unsupported('a range with a class escape');
        if (from > to) throw new Unsupported('a range out of order');
        parts.push((c) => c >= from && c <= to);
      } else parts.push(typeof from === 'number' ? exactly(from) : from);
    }
    this.pos++;
    const test: CharTest = (c) => parts.some((part) => part(c));
    return negated ? not(test) : test;
  }

  private classAtom(): number | CharTest {
    const char = this.peek()!;
    this.pos++;
    if (char !== '\\') return char.charCodeAt(0);
    const next = this.peek();
    if (next === 'b') {
      this.pos++;
      return 8; // backspace, inside a class
    }
    if (next === '-') {
      this.pos++;
      return 45;
    }
    const classEscape = next !== undefined ? CLASS_ESCAPES[next] : undefined;
    if (classEscape) {
      this.pos++;
      return classEscape;
    }
    return this.characterEscape();
  }
}

class Compiler {
  readonly program: Inst[] = [];

  private emit(inst: Inst): number {
    if (this.program.length >= MAX_PROGRAM_SIZE) throw new Unsupported('a pattern too large to run quickly');
    this.program.push(inst);
    return this.program.length - 1;
  }

  compile(node: Node): void {
    switch (node.kind) {
      case 'char':
        this.emit({ op: 'char', test: node.test });
        return;
      case 'assert':
        this.emit({ op: 'assert', what: node.what });
        return;
      case 'seq':
        for (const item of node.items) this.compile(item);
        return;
      case 'alt': {
        const jumps: Inst[] = [];
        node.options.forEach((option, index) => {
          if (index === node.options.length - 1) {
            this.compile(option);
            return;
          }
          const split = { op: 'split', first: 0, second: 0 } as Extract<Inst, { op: 'split' }>;
          this.emit(split);
          split.first = this.program.length;
          this.compile(option);
          const jump = { op: 'jmp', to: 0 } as Extract<Inst, { op: 'jmp' }>;
          this.emit(jump);
          jumps.push(jump);
          split.second = this.program.length;
        });
        for (const jump of jumps) (jump as { to: number }).to = this.program.length;
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) this.compile(node.node);
        if (node.max === Infinity) {
          const split = { op: 'split', first: 0, second: 0 } as Extract<Inst, { op: 'split' }>;
          const loop = this.emit(split);
          const body = this.program.length;
          this.compile(node.node);
          this.emit({ op: 'jmp', to: loop });
          const out = this.program.length;
          [split.first, split.second] = node.lazy ? [out, body] : [body, out];
          return;
        }
        // Optional copies, each one reachable only after the previous: "a{0,3}" = (a(a(a)?)?)?
        const splits: Extract<Inst, { op: 'split' }>[] = [];
        for (let i = node.min; i < node.max; i++) {
          const split = { op: 'split', first: 0, second: 0 } as Extract<Inst, { op: 'split' }>;
          this.emit(split);
          split.first = this.program.length;
          splits.push(split);
          this.compile(node.node);
        }
        const out = this.program.length;
        for (const split of splits) {
          split.second = out;
          if (node.lazy) [split.first, split.second] = [split.second, split.first];
        }
        return;
      }
    }
  }
}

const cache = new Map<string, CompileResult>();

/** Parses and compiles `source`; a pattern outside the linear-time subset is refused with a reason. */
export function compilePattern(source: string): CompileResult {
  const cached = cache.get(source);
  if (cached) return cached;
  let result: CompileResult;
  try {
    new RegExp(source); // what JavaScript refuses is refused here too
    const compiler = new Compiler();
    compiler.compile(new Parser(source).parse());
    compiler.program.push({ op: 'match' });
    result = { ok: true, pattern: { source, program: compiler.program } };
  } catch (error) {
    result = {
      ok: false,
      reason: error instanceof Unsupported ? error.message : 'not a valid regular expression',
    };
  }
  if (cache.size > 500) cache.clear();
  cache.set(source, result);
  return result;
}

function assertionHolds(what: Assertion, text: string, pos: number): boolean {
  switch (what) {
    case 'start':
      return pos === 0;
    case 'end':
      return pos === text.length;
    default: {
      const before = pos > 0 && isWord(text.charCodeAt(pos - 1));
      const after = pos < text.length && isWord(text.charCodeAt(pos));
      return (before !== after) === (what === 'word');
    }
  }
}

/**
 * The leftmost match at or after `from`, with the extent JavaScript's engine would give it
 * (threads kept in priority order), or null. One pass over the text.
 */
export function execPattern(pattern: Pattern, text: string, from = 0): [number, number] | null {
  const { program } = pattern;
  const marks = new Int32Array(program.length).fill(-1);
  let current: { pc: number; start: number }[] = [];
  let matched: [number, number] | null = null;
  const stack: number[] = [];

  const add = (list: { pc: number; start: number }[], entry: number, start: number, pos: number) => {
    stack.push(entry);
    while (stack.length) {
      const pc = stack.pop()!;
      if (marks[pc] === pos) continue;
      marks[pc] = pos;
      const inst = program[pc]!;
      if (inst.op === 'jmp') stack.push(inst.to);
      else if (inst.op === 'split') stack.push(inst.second, inst.first);
      else if (inst.op === 'assert') {
        if (assertionHolds(inst.what, text, pos)) stack.push(pc + 1);
      } else list.push({ pc, start });
    }
  };

  for (let pos = from; pos <= text.length; pos++) {
    if (!matched) add(current, 0, pos, pos);
    if (current.length === 0) {
      if (matched) break;
      continue; // e.g. "\bid" before a word boundary: a later start may still match
    }
    const next: { pc: number; start: number }[] = [];
    const code = pos < text.length ? text.charCodeAt(pos) : -1;
    for (const thread of current) {
      const inst = program[thread.pc]!;
      if (inst.op === 'match') {
        matched = [thread.start, pos];
        break; // lower-priority threads lose to this one
      }
      if (inst.op === 'char' && code >= 0 && inst.test(code)) add(next, thread.pc + 1, thread.start, pos + 1);
    }
    current = next;
  }
  return matched;
}

/** `new RegExp(source).test(text)`, in linear time; false for a pattern outside the subset. */
export function testPattern(source: string, text: string): boolean {
  const compiled = compilePattern(source);
  return compiled.ok && execPattern(compiled.pattern, text) !== null;
}
