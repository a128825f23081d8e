// Logging policy: what never reaches the log (credentials in headers and bodies, tokens, TOTP
// and SIP secrets), and the cheap request logger of the xml_curl hot path.
import type { FastifyBaseLogger } from 'fastify';
import { stdSerializers } from 'pino';

// What never reaches the log.
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  'token',
  'secret',
  'mfaSecret',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.token',
  '*.access_token',
  '*.mfaSecret',
  '*.mfa_secret',
  '*.secret',
  '*.code',
  // The otpauth URI and its QR code both carry the TOTP secret.
  '*.otpauth_url',
  '*.otpauthUrl',
  '*.qrCodeUrl',
  'body.password',
  'body.token',
  'body.code',
];

// What never reaches the log inside an error's text either: Prisma's messages can quote the
// arguments of the failed call, password hashes and sealed secrets among them.
const SECRETS_IN_TEXT = /scrypt\$[\w+/=$]+|\bv1:[\w+/=]+:[\w+/=]+:[\w+/=]+/g;
const scrub = (text: string) => (typeof text === 'string' ? text.replace(SECRETS_IN_TEXT, '[redacted]') : text);

export const serializers = {
  err(err: Error): { type: string; message: string; stack: string; [key: string]: unknown } {
    const out = stdSerializers.err(err);
    return { ...out, message: scrub(out.message), stack: scrub(out.stack) };
  },
};

type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildOptions = NonNullable<Parameters<FastifyBaseLogger['child']>[1]>;
type LevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
type AnyLogFn = (this: FastifyBaseLogger, ...args: unknown[]) => void;
const noop = () => {};

/** The part of a deferred logger of its own: where its child comes from, once one is needed. */
interface Deferred {
  parent: FastifyBaseLogger;
  bindings: Bindings;
  options: ChildOptions;
  built?: FastifyBaseLogger;
}

const LEVELS: readonly LevelName[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
function real(this: Deferred): FastifyBaseLogger {
  return (this.built ??= this.parent.child(this.bindings, this.options));
}

/** The methods shared by the deferred loggers of one pino logger at one level. */
const shared = new WeakMap<FastifyBaseLogger, Map<string, object>>();
function methodsOf(logger: FastifyBaseLogger, values: Record<string, number>, level: string): object {
  let byLevel = shared.get(logger);
  if (!byLevel) shared.set(logger, (byLevel = new Map()));
  let methods = byLevel.get(level);
  if (!methods) {
    const forward = (name: LevelName) =>
      function (this: Deferred, ...args: unknown[]) {
        const target = real.call(this);
        (target[name] as AnyLogFn).apply(target, args);
      };
    methods = {
      level,
      silent: noop,
      child(this: Deferred, more: Bindings, moreOptions?: ChildOptions) {
        return real.call(this).child(more, moreOptions);
      },
      ...Object.fromEntries(LEVELS.map((name) => [name, values[name] < values[level] ? noop : forward(name)])),
    };
    byLevel.set(level, methods);
  }
  return methods;
}

/**
 * A request logger whose pino child is built on its first enabled log call. Fastify builds a child
 * per request; with redaction configured that costs about 8 µs, a noticeable share of a cached
 * xml_curl answer that usually logs nothing. Calls below the level stay no-ops and build nothing,
 * and the methods live on a shared prototype, so a request that logs nothing costs one small object.
 */
export function deferredChildLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildOptions): FastifyBaseLogger {
  const values = (logger as { levels?: { values: Record<string, number> } }).levels?.values;
  // Not pino (logging off, or a logger of the caller's own): nothing to save.
  if (!values) return logger.child(bindings, options);
  const deferred: Deferred = Object.create(methodsOf(logger, values, options.level ?? logger.level));
  deferred.parent = logger;
  deferred.bindings = bindings;
  deferred.options = options;
  return deferred as unknown as FastifyBaseLogger;
}
