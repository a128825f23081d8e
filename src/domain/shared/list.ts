import { validationFailed } from '../../errors.ts';

// List conventions shared by every resource: limit/offset (or ICTCore's pageIndex/pageSize, the
// ICTPBX client's users list spelling it `pagesize`), sort and order, and the total reported
// beside the page. ICTCore counts pages from 1 and takes 0 as the first page too; the ICTPBX client
// starts its DID, caller-id and activity lists at pageIndex=0 and its users list at 1.

export interface ListQuery {
  limit?: number;
  offset?: number;
  pageIndex?: number;
  pageSize?: number;
  pagesize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Paging {
  skip: number;
  take: number;
  sortField: string;
  order: 'asc' | 'desc';
}

export const listLimits = { defaultLimit: 50, maxLimit: 500 };

/** JSON schema properties for the list query, merged into each list route's querystring. */
export const listQueryProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 500, description: 'Page size (default 50, at most 500)' },
  offset: { type: 'integer', minimum: 0, description: 'Rows to skip' },
  pageIndex: { type: 'integer', minimum: 0, description: 'ICTCore paging: 1-based page number (0 is the first page too; with pageSize)' },
  pageSize: { type: 'integer', minimum: 1, maximum: 500, description: 'ICTCore paging: page size' },
  pagesize: { type: 'integer', minimum: 1, maximum: 500, description: 'pageSize, as the ICTPBX users list spells it' },
  totalrows: { type: 'string', maxLength: 0, description: 'Present (no value): answer only the number of matching rows, as a bare number (ICTCore)' },
  order: { type: 'string', enum: ['asc', 'desc'], description: 'Sort direction (default asc)' },
} as const;

/**
 * Resolves paging; `sortable` maps API field names to model fields, and a `-field` sort means
 * descending. An unknown sort field is the caller's mistake, so it is reported, not ignored.
 */
export function paging(query: ListQuery, sortable: Record<string, string>, defaultSort: string): Paging {
  const take = Math.min(query.limit ?? query.pageSize ?? query.pagesize ?? listLimits.defaultLimit, listLimits.maxLimit);
  const skip = query.offset ?? (query.pageIndex ? (query.pageIndex - 1) * take : 0);
  let sort = query.sort ?? defaultSort;
  let order = query.order ?? 'asc';
  if (sort.startsWith('-')) {
    sort = sort.slice(1);
    order = 'desc';
  }
  const sortField = sortable[sort];
  if (!sortField) throw validationFailed('sort', `must be one of ${Object.keys(sortable).join(', ')}`);
  return { skip, take, sortField, order };
}

/** A list query's paging fields apart from its filters (and `totalrows`, which the adapter answers). */
export function splitList(query: ListQuery & Record<string, unknown>): { list: ListQuery; filters: Record<string, unknown> } {
  const { limit, offset, pageIndex, pageSize, pagesize, sort, order, totalrows: _count, ...filters } = query;
  return { list: { limit, offset, pageIndex, pageSize, pagesize, sort, order }, filters };
}

export function page<T>(items: T[], total: number, p: Paging): Page<T> {
  return { items, total, limit: p.take, offset: p.skip };
}
