// The one error catalogue. REST renders an AppError as { error: { code, message } } with `code`
// the HTTP status (as the ICTPBX reference shows); GraphQL puts the same code in extensions.code.
// `reason` is a stable name for clients that prefer one.

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
    /** Extra headers for the HTTP rendering (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Structured detail rendered beside the message (e.g. the per-row problems of an import). */
  details?: Record<string, unknown>;
}

export const badRequest = (message: string) => new AppError(400, 'BAD_REQUEST', message);
export const validationFailed = (field: string, problem: string) =>
  new AppError(400, 'VALIDATION_FAILED', `${field} ${problem}`);
export const unauthorized = (message = 'Invalid or expired token') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = 'Not permitted to perform this action') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'CONFLICT', message);

/** One problem of a batch (bulk create, CSV import), naming its item by index or line. */
export interface ItemError {
  index?: number;
  line?: number;
  field?: string;
  message: string;
}
/** A batch with invalid items: 400, the items' problems under error.errors. */
export const invalidItems = (message: string, errors: ItemError[]) =>
  Object.assign(new AppError(400, 'VALIDATION_FAILED', message), { details: { errors } });
export const unprocessable = (message: string) => new AppError(422, 'UNPROCESSABLE', message);
export const locked = (message: string, retryAfterSeconds: number) =>
  new AppError(423, 'LOCKED', message, { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) });
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'TOO_MANY_REQUESTS', 'Too many requests, slow down', {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
/** FreeSWITCH answered `-ERR` to a command Switchyard sent on the caller's behalf. */
export const switchFailed = (message: string) => new AppError(502, 'SWITCH_ERROR', message);
/** No FreeSWITCH node is connected that could do it. */
export const switchUnavailable = (message: string) => new AppError(503, 'SWITCH_UNAVAILABLE', message);
/** A FreeSWITCH node did not answer in time. */
export const switchTimeout = (message: string) => new AppError(504, 'SWITCH_TIMEOUT', message);
export const editionGated = (feature: string) =>
  new AppError(403, 'EDITION_GATED', `${feature} is available in the Enterprise edition only`);

export function errorBody(err: AppError) {
  return { error: { code: err.statusCode, reason: err.reason, message: err.message, ...err.details } };
}
