// What makes an extension's fields valid, checked by the service for REST and GraphQL alike.
// SIP password policy: at least 6 characters (the reference's worked example uses the
// 7-character "S3cret!"), at most 64, no spaces or control characters, at least one letter and
// one digit, and not containing the extension number. Voicemail PINs are 4 to 10 digits, other
// than the extension number. Omitted secrets are generated.
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import { validationFailed } from '../../errors.ts';
import { checkNoExpansion, checkPlainText } from '../shared/switch-syntax.ts';
import type { ExtensionFields } from './extensions.repository.ts';

export const EXTENSION_NUMBER = /^[0-9]{2,10}$/;
export const SIP_PASSWORD_MIN_LENGTH = 6;
const SIP_PASSWORD_MAX_LENGTH = 64;
const DIALABLE = /^[+0-9*#]{1,32}$/;
const CALLER_ID_NUMBER = /^[+0-9*#]{0,32}$/;
const TOLL_ALLOW = /^([a-z_]+(,[a-z_]+)*)?$/;
const CALL_GROUP = /^([A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*)?$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
export const USER_RECORD_VALUES = ['', 'all', 'local', 'inbound', 'outbound'];

export function checkExtensionNumber(number: string, field = 'extension'): void {
  if (!EXTENSION_NUMBER.test(number)) throw validationFailed(field, 'must be 2 to 10 digits');
}

export function checkSipPassword(password: string, extension: string): void {
  const field = 'password';
  if (password.length < SIP_PASSWORD_MIN_LENGTH || password.length > SIP_PASSWORD_MAX_LENGTH) {
    throw validationFailed(field, `must be ${SIP_PASSWORD_MIN_LENGTH} to ${SIP_PASSWORD_MAX_LENGTH} characters`);
  }
  if (/[\s\p{Cc}]/u.test(password)) throw validationFailed(field, 'must not contain spaces or control characters');
  if (!/\p{L}/u.test(password) || !/[0-9]/.test(password)) throw validationFailed(field, 'must contain at least one letter and one digit');
  if (password.includes(extension)) throw validationFailed(field, 'must not contain the extension number');
  checkNoExpansion(field, password);
}

export function checkVoicemailPin(pin: string, extension: string): void {
  if (!/^[0-9]{4,10}$/.test(pin)) throw validationFailed('voicemailPassword', 'must be 4 to 10 digits');
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

/** Free text that reaches the directory FreeSWITCH reads. */
function text(field: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) throw validationFailed(`${field}`, `must be at most ${max} characters`);
  checkPlainText(`${field}`, value);
}

function pattern(field: string, value: string | undefined, re: RegExp, problem: string): void {
  if (value !== undefined && !re.test(value)) throw validationFailed(`${field}`, problem);
}

/**
 * Checks the fields of an extension as it will be once written (`state` merges the stored row
 * with the change), so "forwarding enabled without a destination" is caught on any update.
 */
export function checkExtensionFields(state: ExtensionFields): void {
  text('display_name', state.displayName, 64);
  text('effective_caller_id_name', state.effectiveCallerIdName, 64);
  text('outbound_caller_id_name', state.outboundCallerIdName, 64);
  pattern('effective_caller_id_number', state.effectiveCallerIdNumber, CALLER_ID_NUMBER, 'must be digits, *, # or + (at most 32)');
  pattern('outbound_caller_id_number', state.outboundCallerIdNumber, CALLER_ID_NUMBER, 'must be digits, *, # or + (at most 32)');
  text('accountcode', state.accountcode, 64);
  pattern('toll_allow', state.tollAllow, TOLL_ALLOW, 'must be comma-separated toll classes (e.g. local,domestic,international)');
  pattern('call_group', state.callGroup, CALL_GROUP, 'must be comma-separated group names (letters, digits, _ and -)');
  if (state.callTimeout !== undefined && (!Number.isInteger(state.callTimeout) || state.callTimeout < 1 || state.callTimeout > 600)) {
    throw validationFailed('callTimeout', 'must be an integer from 1 to 600 seconds');
  }
  if (state.userRecord !== undefined && !USER_RECORD_VALUES.includes(state.userRecord)) {
    throw validationFailed('userRecord', `must be one of ${USER_RECORD_VALUES.map((v) => `'${v}'`).join(', ')}`);
  }
  text('hold_music', state.holdMusic, 255);
  pattern('auth_acl', state.authAcl, /^[A-Za-z0-9_.-]{0,64}$/, 'must be an ACL list name');
  if (state.cidr && !state.cidr.split(',').every((c) => isCidr(c.trim()))) {
    throw validationFailed('cidr', 'must be comma-separated IP addresses or CIDR ranges');
  }
  for (const [kind, enabled, destination] of [
    ['all', state.forwardAllEnabled, state.forwardAllDestination],
    ['busy', state.forwardBusyEnabled, state.forwardBusyDestination],
    ['no_answer', state.forwardNoAnswerEnabled, state.forwardNoAnswerDestination],
  ] as const) {
    if (destination && !DIALABLE.test(destination)) throw validationFailed(`forward_${kind}_destination`, 'must be a number to dial (digits, *, # or +)');
    if (enabled && !destination) throw validationFailed(`forward_${kind}_destination`, `is required when forward_${kind}_enabled is true`);
  }
  if (state.voicemailMailTo && !EMAIL.test(state.voicemailMailTo)) throw validationFailed('voicemailMailTo', 'must be an email address');
  checkPlainText('voicemailMailTo', state.voicemailMailTo);
  if (state.description !== undefined && state.description.length > 1024) throw validationFailed('description', 'must be at most 1024 characters');
}
