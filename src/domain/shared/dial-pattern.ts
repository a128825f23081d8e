// Dial patterns: the regular expressions users write for routes (call block's, caller-pattern.ts,
// are built, then checked here). FreeSWITCH runs them with PCRE on every call and Switchyard with JavaScript on every
// dialplan fetch; both backtrack, so a pattern such as ^9(\d+)+$ takes time exponential in the
// number dialled and a caller picks that number. Only a subset both engines read alike is
// accepted, and only shapes whose matching stays polynomial with a small exponent:
// - literals, ., \d \D \w \W, escaped punctuation, classes [...] without nested brackets, ^ and $;
// - groups ( ) and (?: ), alternation |, quantifiers ? * + {n} {n,} {n,m} (counts up to 100),
//   optionally lazy;
// - no back-references, lookaround, named groups, \b, \u, \x, \p or POSIX classes;
// - a group repeated by anything but ? holds a fixed-width sequence of single characters (no
//   alternation, no quantifier but {n}): the repetition then has one way to match each length;
// - at most MAX_UNBOUNDED open-ended quantifiers (* + {n,}) in the whole pattern.
// A number longer than MAX_DIALLED never matches (JavaScript side): with the rules above a match
// then costs at most about MAX_DIALLED^MAX_UNBOUNDED steps.

export const MAX_PATTERN_LENGTH = 256;
export const MAX_DIALLED = 128;
const MAX_UNBOUNDED = 2;
const MAX_COUNT = 100;

export class PatternError extends Error {}

interface Node {
  /** Matches exactly one character (literal, class, escape, dot). */
  single: boolean;
  /** A group: whether its body is a fixed-width sequence of single characters. */
  fixedWidth?: boolean;
  /** Anchors and the like match no character and must not be repeated. */
  zeroWidth?: boolean;
}

const ESCAPABLE = new Set('\\^$.|?*+()[]{}/-#'.split(''));
const CLASS_ESCAPES = new Set('dDwWs'.split(''));

class Parser {
  private i = 0;
  private unbounded = 0;
  constructor(private readonly src: string) {}

  private fail(problem: string): never {
    throw new PatternError(`${problem} (at character ${this.i + 1})`);
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  parse(): void {
    this.alternation();
    if (this.i < this.src.length) this.fail(`unexpected "${this.peek()}"`);
  }

  /** Returns whether the alternation is a fixed-width run of single characters. */
  private alternation(): boolean {
    let fixed = this.sequence();
    let branches = 1;
    while (this.peek() === '|') {
      this.i++;
      this.sequence();
      branches++;
    }
    if (branches > 1) fixed = false;
    return fixed;
  }

  private sequence(): boolean {
    let fixed = true;
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      const quantifier = this.quantifier();
      if (!quantifier) {
        if (!atom.single) fixed = false;
        continue;
      }
      if (atom.zeroWidth) this.fail('an anchor cannot be repeated');
      if (quantifier.kind !== 'exact' || !atom.single) fixed = false;
      if (quantifier.kind === 'unbounded' && ++this.unbounded > MAX_UNBOUNDED) {
        this.fail(`at most ${MAX_UNBOUNDED} open-ended repetitions (*, +, {n,}) are allowed`);
      }
      // A repeated group must have one way to match each length: no inner choice or repetition.
      if (!atom.single && quantifier.kind !== 'optional' && !atom.fixedWidth) {
        this.fail('a repeated group may hold only single characters (no |, *, + or ? inside)');
      }
    }
    return fixed;
  }

  private atom(): Node {
    const c = this.src[this.i++];
    switch (c) {
      case '^':
      case '$':
        return { single: false, zeroWidth: true };
      case '.':
        return { single: true };
      case '\\':
        return this.escape();
      case '[':
        return this.charClass();
      case '(': {
        if (this.peek() === '?') {
          if (this.src[this.i + 1] !== ':') this.fail('lookaround and named groups are not allowed');
          this.i += 2;
        }
        const fixedWidth = this.alternation();
        if (this.peek() !== ')') this.fail('unclosed group');
        this.i++;
        return { single: false, fixedWidth };
      }
      case ')':
        return this.fail('unmatched )');
      case '*':
      case '+':
      case '?':
      case '{':
        return this.fail(`"${c}" has nothing to repeat`);
      case ']':
      case '}':
        return this.fail(`a literal "${c}" must be escaped`);
      default:
        return { single: true };
    }
  }

  private escape(): Node {
    const c = this.src[this.i++];
    if (c === undefined) this.fail('the pattern ends with \\');
    if (CLASS_ESCAPES.has(c) || ESCAPABLE.has(c)) return { single: true };
    return this.fail(`\\${c} is not allowed (use \\d, \\w, a class or an escaped punctuation mark)`);
  }

  private charClass(): Node {
    if (this.peek() === '^') this.i++;
    // PCRE reads a leading ] as a literal, JavaScript as the end of an empty class.
    if (this.peek() === ']') this.fail('a class may not be empty or start with "]" (escape it)');
    while (this.i < this.src.length && this.peek() !== ']') {
      const c = this.src[this.i++];
      if (c === '[') this.fail('a class may not hold "[" (POSIX classes read differently in PCRE)');
      if (c === '\\') this.escape();
    }
    if (this.peek() !== ']') this.fail('unclosed [');
    this.i++;
    return { single: true };
  }

  private quantifier(): { kind: 'optional' | 'exact' | 'bounded' | 'unbounded' } | null {
    const c = this.peek();
    let kind: 'optional' | 'exact' | 'bounded' | 'unbounded';
    if (c === '?') kind = 'optional';
    else if (c === '*' || c === '+') kind = 'unbounded';
    else if (c === '{') {
      const m = /^\{(\d{1,3})(,(\d{0,3}))?\}/.exec(this.src.slice(this.i));
      if (!m) this.fail('a { must start a count such as {3}, {2,} or {1,4} (escape a literal \\{)');
      const min = Number(m[1]);
      const max = m[3] === undefined || m[3] === '' ? undefined : Number(m[3]);
      if (min > MAX_COUNT || (max !== undefined && (max > MAX_COUNT || max < min))) this.fail(`counts must be at most ${MAX_COUNT}, smallest first`);
      kind = m[2] === undefined ? 'exact' : max === undefined ? 'unbounded' : 'bounded';
      this.i += m[0].length - 1;
    } else return null;
    this.i++;
    if (this.peek() === '?') this.i++;
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{') this.fail('a quantifier cannot be repeated (possessive forms differ between PCRE and JavaScript)');
    return { kind };
  }
}

/** Why `pattern` is refused, or null when it is a safe dial pattern. */
export function dialPatternProblem(pattern: string): string | null {
  if (pattern.length < 1 || pattern.length > MAX_PATTERN_LENGTH) return `must be 1 to ${MAX_PATTERN_LENGTH} characters`;
  if (/[\s\p{Cc}]/u.test(pattern)) return 'must not contain spaces, line breaks or control characters';
  if (pattern.includes('${')) return 'must not contain "${" (FreeSWITCH would expand it)';
  try {
    new Parser(pattern).parse();
    new RegExp(pattern);
  } catch (err) {
    return err instanceof PatternError ? `is not a safe dial pattern: ${err.message}` : 'is not a valid regular expression';
  }
  return null;
}

/** The JavaScript reading of a safe pattern, or null for one that is not (never run). */
export function compileDialPattern(pattern: string): RegExp | null {
  return dialPatternProblem(pattern) === null ? new RegExp(pattern) : null;
}

/** Runs a compiled dial pattern with the length bound that keeps its work small. */
export const matchesDialled = (re: RegExp, dialled: string) => dialled.length <= MAX_DIALLED && re.test(dialled);
