// Mapping GraphQL arguments to service input: null means "not given" for filters and most
// fields, list arguments become the services' ListQuery, and sort enums name the same sort
// fields as REST.
import { listLimits, type ListQuery } from '../../domain/shared/list.ts';
import { validationFailed } from '../../errors.ts';

type Given<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** The arguments that were given (not null), except `keepNull` ones, where null means "clear". */
export function given<T extends object>(args: T, keepNull: readonly string[] = []): Given<T> {
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => v !== undefined && (v !== null || keepNull.includes(k)))) as Given<T>;
}

export interface PageArgs {
  limit?: number | null;
  offset?: number | null;
  sort?: string | null;
  order?: 'asc' | 'desc' | null;
}

/** Splits paging from filters; `sorts` maps the GraphQL sort enum to the service's sort names. */
export function listArgs<T extends PageArgs>(args: T, sorts: Record<string, string>) {
  const { limit, offset, sort, order, ...filters } = args;
  if (limit != null && (limit < 1 || limit > listLimits.maxLimit)) throw validationFailed('limit', `must be between 1 and ${listLimits.maxLimit}`);
  if (offset != null && offset < 0) throw validationFailed('offset', 'must be >= 0');
  const query: ListQuery = given({ limit, offset, order, sort: sort == null ? undefined : sorts[sort] });
  return { ...given(filters as Omit<T, keyof PageArgs>), ...query };
}

export const userSorts = { id: 'user_id', username: 'username', email: 'email', firstName: 'first_name', lastName: 'last_name', createdAt: 'date_created' };
