// Reading GraphQL answers in tests.
import { expect } from 'vitest';

export interface GqlResult {
  data?: any;
  errors?: any[];
}

/** The first error of an answer that must have failed. */
export function firstError(res: GqlResult): { message: string; path?: string[]; extensions: { code: number; reason: string } } {
  expect(res.errors, JSON.stringify(res)).toBeDefined();
  return res.errors![0];
}

export const codeOf = (res: GqlResult): number => firstError(res).extensions.code;

/** The data of an answer that must have succeeded. */
export function dataOf(res: GqlResult): any {
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data;
}
