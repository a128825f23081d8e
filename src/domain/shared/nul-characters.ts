// NUL cannot be stored in PostgreSQL's text, and no name, number or note needs it: input holding
// it is refused at the door (REST, GraphQL) on either database, naming where it was.
import { AppError } from '../../errors.ts';

/** Refuses input holding NUL, naming where it was (the path says where, so it is not a plain field). */
export function nulRefused(where: string): AppError {
  return new AppError(400, 'VALIDATION_FAILED', `${where} must not contain NUL characters`);
}

/** The first string (or key) holding NUL, as a field path under `path` (`body/name`), or null. */
export function nulIn(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = key.includes('\u0000') ? `${path}/${key}` : nulIn(inner, `${path}/${key}`);
    if (found) return found;
  }
  return null;
}
