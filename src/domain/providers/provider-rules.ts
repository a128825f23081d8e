// What makes a provider's fields valid (checked by the service for REST and GraphQL alike).
import { isIP } from 'node:net';
import { validationFailed } from '../../errors.ts';
import { checkServiceFlag } from '../shared/service-flags.ts';
import { checkNoExpansion, checkPlainText } from '../shared/switch-syntax.ts';
import type { ProviderFields } from './providers.repository.ts';

export const TRANSPORTS = ['udp', 'tcp', 'tls'];
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const NO_SPACE = /^[^\s\p{Cc}]*$/u;

export const isHost = (value: string) => HOSTNAME.test(value) || isIP(value) !== 0;

function range(field: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw validationFailed(`${field}`, `must be an integer from ${min} to ${max}`);
  }
}

export function checkProviderFields(f: ProviderFields, password?: string): void {
  if (f.name !== undefined && (f.name.trim() === '' || f.name.length > 64)) throw validationFailed('name', 'must be 1 to 64 characters');
  if (f.host !== undefined && !isHost(f.host)) throw validationFailed('host', 'must be a host name or an IP address');
  range('port', f.port, 1, 65535);
  if (f.username !== undefined && (f.username.length > 64 || !NO_SPACE.test(f.username))) throw validationFailed('username', 'must be at most 64 characters without spaces');
  checkPlainText('username', f.username);
  if (password !== undefined && (password.length > 128 || /\p{Cc}/u.test(password))) throw validationFailed('password', 'must be at most 128 characters without control characters');
  checkNoExpansion('password', password);
  if (f.realm && !isHost(f.realm)) throw validationFailed('realm', 'must be a host name or an IP address');
  if (f.fromDomain && !isHost(f.fromDomain)) throw validationFailed('fromDomain', 'must be a host name or an IP address');
  range('expire_seconds', f.expireSeconds, 1, 86400);
  range('retry_seconds', f.retrySeconds, 1, 86400);
  range('ping', f.pingSeconds, 0, 86400);
  if (f.transport !== undefined && !TRANSPORTS.includes(f.transport)) throw validationFailed('transport', `must be one of ${TRANSPORTS.join(', ')}`);
  if (f.serviceFlag !== undefined) checkServiceFlag(f.serviceFlag, 'serviceFlag');
  if (f.prefix !== undefined && !/^[0-9*#+]{0,16}$/.test(f.prefix)) throw validationFailed('prefix', 'must be at most 16 digits, *, # or +');
  if (f.profile !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(f.profile)) throw validationFailed('profile', 'must be a sofia profile name');
  if (f.description !== undefined && f.description.length > 1024) throw validationFailed('description', 'must be at most 1024 characters');
}
