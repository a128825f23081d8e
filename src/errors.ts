// The one error catalogue. REST renders an AppError as { error: { code, message } } with `code`
// the HTTP status (as the ICTPBX reference shows); GraphQL puts the same code in extensions.code.
// `reason` is a stable name for clients that prefer one. A refused field is named plainly (the
// camelCase of the client's name: `callerIdPrefix`, `settings/0/value`); each adapter says it in
// its own words (REST `body/caller_id_prefix`, GraphQL `input.callerIdPrefix`).

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
  /** The refused field, plainly named, and what is wrong with it (validationFailed). */
  field?: string;
  problem?: string;
}

/** `display_name` and `displayName` alike as `displayName`, in each segment of a path. */
export const camelField = (field: string) => field.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** `settings/0/value` as the ICTPBX client writes it: `caller_id_prefix`. */
export const wireField = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const badRequest = (message: string) => new AppError(400, 'BAD_REQUEST', message);
export function validationFailed(field: string, problem: string): AppError {
  const plain = camelField(field);
  return Object.assign(new AppError(400, 'VALIDATION_FAILED', `${plain} ${problem}`), { field: plain, problem });
}
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
/**
 * An MFA-pending token used before its second factor is given. Not 401 or 403: on those the ICTPBX
 * client sends the user back to its login page, which would undo its own move to the MFA page
 * while the screen it left is still loading.
 */
export const mfaRequired = () => new AppError(428, 'MFA_REQUIRED', 'Give the second factor first (POST /user/totp/verify)');
/** ICTCore's answer to a login whose password outlived the policy's passwd_exp_limit. */
export const passwordExpired = () => new AppError(426, 'PASSWORD_EXPIRED', 'User password has expired; reset it');
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

export const errorEnvelope = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'integer' },
        reason: { type: 'string' },
        message: { type: 'string' },
        errors: {
          type: 'array',
          description: 'Per-item problems of a batch (bulk create, CSV import)',
          items: {
            type: 'object',
            properties: { index: { type: 'integer' }, line: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      required: ['code', 'message'],
    },
  },
} as const;

const prismaCodes: Record<string, () => AppError> = {
  P2002: () => new AppError(409, 'CONFLICT', 'A record with the same unique value already exists'),
  P2025: () => new AppError(404, 'NOT_FOUND', 'Record not found'),
  P2003: () => new AppError(409, 'CONFLICT', 'The record is still referenced or references a missing record'),
  P2020: () => new AppError(400, 'VALUE_NOT_STORABLE', 'A value is out of range'),
};

type KnownError = Error & { validation?: unknown; code?: string; statusCode?: number };
type DatabaseError = { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } };

/** What any thrown error means to a client, or null for a fault of Switchyard's own (a 500). */
export function toAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as KnownError;
  if (e?.validation) return new AppError(400, 'VALIDATION_FAILED', e.message);
  if (typeof e?.code === 'string' && Object.hasOwn(prismaCodes, e.code)) return prismaCodes[e.code]();
  // PostgreSQL's data exceptions (class 22: NUL in text, a number out of range, ...) are the
  // caller's values; every adapter checks them first, so this is the net under those checks.
  const cause = (err as DatabaseError)?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode?.startsWith('22')) return new AppError(400, 'VALUE_NOT_STORABLE', `A value cannot be stored: ${cause.originalMessage ?? cause.originalCode}`);
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode, e.code ?? 'BAD_REQUEST', e.message);
  }
  return null;
}
