// What the extension schema cannot say: the secrets policy, and the rules that span fields
// (checked on the extension as it will be once written, so an update cannot break them either).
// SIP password policy: at least 6 characters (the reference's worked example uses the 7-character
// "S3cret!"), at most 64, no spaces or control characters, at least one letter and one digit, and
// not containing the extension number. A voicemail PIN differs from the extension number.
// Omitted secrets are generated.
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import { validationFailed } from '../../errors.ts';
import { checkNoExpansion } from '../shared/switch-syntax.ts';
import type { ExtensionFields } from './extensions.repository.ts';

const SIP_PASSWORD_MIN_LENGTH = 6;

export function checkSipPassword(password: string, extension: string): void {
  const field = 'password';
  if (password.length < SIP_PASSWORD_MIN_LENGTH) throw validationFailed(field, `must be at least ${SIP_PASSWORD_MIN_LENGTH} characters`);
  if (/[\s\p{Cc}]/u.test(password)) throw validationFailed(field, 'must not contain spaces or control characters');
  if (!/\p{L}/u.test(password) || !/[0-9]/.test(password)) throw validationFailed(field, 'must contain at least one letter and one digit');
  if (password.includes(extension)) throw validationFailed(field, 'must not contain the extension number');
  checkNoExpansion(field, password);
}

export function checkVoicemailPin(pin: string, extension: string): void {
  if (pin === extension) throw validationFailed('voicemailPassword', 'must differ from the extension number');
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function generateSipPassword(): string {
  for (;;) {
    const password = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (/[A-Za-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

export function generateVoicemailPin(extension: string): string {
  for (;;) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (pin !== extension) return pin;
  }
}

function isCidr(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || !address) return false;
  const version = isIP(address);
  if (!version) return false;
  if (prefix === undefined) return true;
  if (!/^[0-9]{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

const FORWARDS = [
  ['forwardAllEnabled', 'forwardAllDestination'],
  ['forwardBusyEnabled', 'forwardBusyDestination'],
  ['forwardNoAnswerEnabled', 'forwardNoAnswerDestination'],
  ['forwardUserNotRegisteredEnabled', 'forwardUserNotRegisteredDestination'],
] as const;

/** The extension as it will be once written (`state` merges the stored row with the change). */
export function checkExtensionState(state: ExtensionFields): void {
  if (state.cidr && !state.cidr.split(',').every((c) => isCidr(c.trim()))) {
    throw validationFailed('cidr', 'must be comma-separated IP addresses or CIDR ranges');
  }
  for (const [enabled, destination] of FORWARDS) {
    if (state[enabled] && !state[destination]) throw validationFailed(destination, 'is required while this forwarding is enabled');
  }
  if (state.numberAlias && state.numberAlias === state.extension) throw validationFailed('numberAlias', 'must differ from the extension number');
}
