// The caller pattern language (domain/shared/caller-pattern.ts): what users write for call block
// and the regular expression FreeSWITCH is given. Every expression is a safe dial pattern, anything
// outside the language is refused with the reason, and FreeSWITCH's syntax never gets through.
import { describe, expect, it } from 'vitest';
import { callerNameExpression, callerNumberExpression, callerPatternProblem } from '../../../src/domain/shared/caller-pattern.ts';
import { dialPatternProblem } from '../../../src/domain/shared/dial-pattern.ts';

describe('caller number patterns', () => {
  it.each([
    ['1800', '', '^\\+?1800$'],
    ['+1800', '', '^\\+?1800$'],
    ['^1800', '', '^\\+?1800'],
    ['^1800$', '', '^\\+?1800$'],
    ['+1.*', '', '^\\+?1'],
    ['1800*', '', '^\\+?1800'],
    ['NXXNXXXXXX', '', '^\\+?[2-9]\\d\\d[2-9]\\d\\d\\d\\d\\d\\d$'],
    ['z.x', '', '^\\+?[1-9].\\d$'],
    ['5550100', '1', '^\\+?(?:1)?5550100$'],
  ])('%s (country code %j) reads as %s', (pattern, countryCode, expression) => {
    expect(callerNumberExpression(pattern, countryCode)).toBe(expression);
    expect(dialPatternProblem(expression)).toBeNull();
  });

  it('matches as documented', () => {
    const re = new RegExp(callerNumberExpression('5550100', '1'));
    expect(['5550100', '15550100', '+15550100'].every((n) => re.test(n))).toBe(true);
    expect(['25550100', '555010', '55501000'].some((n) => re.test(n))).toBe(false);
  });

  it.each(['', '*', '.*', '^', '+', '1${x}', '1{2}', '(1+)+', '1|2', '[0-9]', '1\\d', '12*3', 'abc', '1'.repeat(33)])('refuses %j', (pattern) => {
    expect(callerPatternProblem(() => callerNumberExpression(pattern))).toEqual(expect.any(String));
  });

  it('refuses a country code that is not 1 to 4 digits', () => {
    expect(callerPatternProblem(() => callerNumberExpression('1', '12345'))).toMatch(/country code/);
  });
});

describe('caller name patterns', () => {
  it.each([
    ['Spam', '^[Ss][Pp][Aa][Mm]$'],
    ['spam*', '^[Ss][Pp][Aa][Mm]'],
    ['*spam', '[Ss][Pp][Aa][Mm]$'],
    ['*spam likely*', '[Ss][Pp][Aa][Mm]\\s[Ll][Ii][Kk][Ee][Ll][Yy]'],
    ["O'Brien & Co. (1)", "^[Oo]'[Bb][Rr][Ii][Ee][Nn]\\s&\\s[Cc][Oo]\\.\\s\\(1\\)$"],
  ])('%s reads as %s', (pattern, expression) => {
    expect(callerNameExpression(pattern)).toBe(expression);
    expect(dialPatternProblem(expression)).toBeNull();
  });

  it.each(['', '*', '**', ' * ', 'a*b', '${system(id)}', 'a{1}', 'a$', 'a|b', '[a]', 'a\\d', 'x'.repeat(65)])('refuses %j', (pattern) => {
    expect(callerPatternProblem(() => callerNameExpression(pattern))).toEqual(expect.any(String));
  });
});
