// Reading and forging JWTs by hand, as an attacker would, to prove that only RS256 tokens signed
// with Switchyard's key, unexpired, untampered and unrevoked, are accepted.
import { createHmac, createSign } from 'node:crypto';

const b64url = (value: object | Buffer) => (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export function decodeJwt(token: string): { header: Record<string, any>; payload: Record<string, any> } {
  const [header, payload] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString()), payload: JSON.parse(Buffer.from(payload, 'base64url').toString()) };
}

/** `alg: none`, no signature. */
export function unsignedJwt(payload: object): string {
  return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
}

/** HS256 with the given text (the server's public key, in the classic confusion attack) as the secret. */
export function hs256Jwt(payload: object, secret: string): string {
  const input = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** RS256 with the given private key: a genuinely signed token with whatever claims the test wants. */
export function rs256Jwt(payload: object, privateKeyPem: string): string {
  const input = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url')}`;
}

/** Replaces the payload and keeps the original signature. */
export function tamperedJwt(token: string, changes: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64url({ ...decodeJwt(token).payload, ...changes })}.${signature}`;
}
