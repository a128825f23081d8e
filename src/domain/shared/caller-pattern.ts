// Caller patterns: what a user writes to name callers (call block), and the FreeSWITCH regular
// expression Switchyard builds from it. Users never write the regex: a small language is read
// here, everything in it is escaped or mapped to a fixed piece, so the result can neither carry
// FreeSWITCH syntax (`$`, `{`, `}`) nor take a backtracking engine long (no nested or repeated
// groups; at most one open-ended `.*`). Each built expression is checked once more as a safe dial
// pattern (dial-pattern.ts), the subset PCRE and JavaScript read alike.
//
// A number pattern (matched against caller_id_number):
//   digits            themselves
//   X  N  Z           one digit: 0-9, 2-9, 1-9 (either case)
//   .                 any one character
//   *  (or .*, last)  anything after: the pattern is a prefix; without it the whole number matches
//   +  (first)        accepted and ignored: a caller number matches with or without its leading +
//   ^ (first), $ (last, without *)   accepted for those who write regular expressions: the pattern
//                     is anchored anyway; a leading ^ without $ or * reads as a prefix, as it
//                     would in a regular expression
// A country code (1 to 4 digits) may precede the number, or not: 5551234 with country code 1
// matches 5551234, 15551234 and +15551234.
//
// A name pattern (matched against caller_id_name): letters, digits, spaces and . , ' & _ @ ( ) -
// matched literally (ASCII letters in either case), with a * at the start and/or the end for
// "anything there": Spam* (begins with), *Spam (ends with), *Spam* (contains), Spam (exactly).
import { dialPatternProblem } from './dial-pattern.ts';

export const MAX_NUMBER_PATTERN = 32;
export const MAX_NAME_PATTERN = 64;

export class CallerPatternError extends Error {}

const DIGIT_CLASSES: Record<string, string> = { X: '\\d', N: '[2-9]', Z: '[1-9]' };

/** The checked expression, or an error for the language's own rules (never expected here). */
function checked(expression: string): string {
  const problem = dialPatternProblem(expression);
  if (problem) throw new Error(`caller pattern rendered an unsafe expression ${expression}: ${problem}`);
  return expression;
}

/** The regular expression for a number pattern (and an optional country code); throws CallerPatternError. */
export function callerNumberExpression(pattern: string, countryCode = ''): string {
  if (pattern.length > MAX_NUMBER_PATTERN) throw new CallerPatternError(`must be at most ${MAX_NUMBER_PATTERN} characters`);
  if (!/^[0-9]{0,4}$/.test(countryCode)) throw new CallerPatternError('country code must be 1 to 4 digits');
  let body = pattern;
  const regexStart = body.startsWith('^');
  if (regexStart) body = body.slice(1);
  body = body.replace(/^\+/, '');
  let prefix = false;
  if (body.endsWith('.*')) [body, prefix] = [body.slice(0, -2), true];
  else if (body.endsWith('*')) [body, prefix] = [body.slice(0, -1), true];
  else if (body.endsWith('$')) body = body.slice(0, -1);
  else if (regexStart) prefix = true;
  if (body === '') throw new CallerPatternError('must hold at least one digit or wildcard (a pattern matching every caller is refused)');
  let out = '';
  for (const c of body) {
    const upper = c.toUpperCase();
    if (/[0-9]/.test(c)) out += c;
    else if (DIGIT_CLASSES[upper]) out += DIGIT_CLASSES[upper];
    else if (c === '.') out += '.';
    else throw new CallerPatternError(`"${c}" is not allowed: use digits, X, N, Z, "." and a final "*"`);
  }
  const country = countryCode ? `(?:${countryCode})?` : '';
  return checked(`^\\+?${country}${out}${prefix ? '' : '$'}`);
}

const NAME_LITERAL = /^[\p{L}\p{N} .,'&_@()-]$/u;
const NAME_ESCAPE = new Set(['.', '(', ')', '-']);

/** The regular expression for a name pattern; throws CallerPatternError. */
export function callerNameExpression(pattern: string): string {
  if (pattern.length > MAX_NAME_PATTERN) throw new CallerPatternError(`must be at most ${MAX_NAME_PATTERN} characters`);
  let body = pattern;
  const open = { start: body.startsWith('*'), end: false };
  if (open.start) body = body.slice(1);
  if (body.endsWith('*')) [body, open.end] = [body.slice(0, -1), true];
  if (body.trim() === '') throw new CallerPatternError('must hold at least one letter or digit besides "*"');
  let out = '';
  for (const c of body) {
    if (!NAME_LITERAL.test(c)) throw new CallerPatternError(`"${c}" is not allowed: use letters, digits, spaces, . , ' & _ @ ( ) - and "*" at the start or end`);
    if (/[A-Za-z]/.test(c)) out += `[${c.toUpperCase()}${c.toLowerCase()}]`;
    else if (c === ' ') out += '\\s';
    else out += NAME_ESCAPE.has(c) ? `\\${c}` : c;
  }
  return checked(`${open.start ? '' : '^'}${out}${open.end ? '' : '$'}`);
}

/** Why a pattern is refused, or null. */
export function callerPatternProblem(read: () => string): string | null {
  try {
    read();
    return null;
  } catch (err) {
    if (err instanceof CallerPatternError) return err.message;
    throw err;
  }
}
