// What the extension schema cannot say: the secrets policy, and the rules that span fields
// (checked on the extension as it will be once written, so an update cannot break them either).
// SIP password policy: at least 6 characters (the reference's worked example uses the 7-character
// "S3cret!"), at most 64, no spaces or control characters, at least one letter and one digit, and
// not containing the extension number. A voicemail PIN (4 to 10 digits, the schemas say) is
// neither the extension number nor one digit repeated (1111): the first PINs anyone tries.
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

/** The PIN rules an extension's voicemail PIN and a voicemail box's PIN share (the same secret). */
export function voicemailPinProblem(pin: string, extension: string): string | null {
  if (pin === extension) return 'must differ from the extension number';
  if (/^(\d)\1*$/.test(pin)) return 'must not be one digit repeated';
  return null;
}

export function checkVoicemailPin(pin: string, extension: string, field = 'voicemailPassword'): void {
  const problem = voicemailPinProblem(pin, extension);
  if (problem !== null) throw validationFailed(field, problem);
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
    if (voicemailPinProblem(pin, extension) === null) return pin;
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
