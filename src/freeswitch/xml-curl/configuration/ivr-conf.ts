// ivr.conf for the menu the `ivr` application names (Menu-Name: the menu's uuid, as the dialplan
// renders it). Every entry runs inside the menu's tenant: transfers go to numbers of its context,
// and direct dial is one regex entry listing the tenant's extension numbers, so a caller reaches
// those and nothing else (no feature code, no outbound route). FreeSWITCH runs every entry whose
// digits match (switch_ivr_menu.c switch_ivr_menu_execute does not stop at the first), so the
// direct dial list leaves out the options' own keys. Values come from write-time checked fields
// (sounds: ivr-menus.schema.ts SOUND); the template refuses `${` again.
import type { IvrConfMenu } from './configuration.repository.ts';

export interface IvrEntry {
  action: string;
  digits: string;
  param: string;
}

/** The check_voicemail option: the tenant's "any mailbox" feature code (dialplan/feature-codes.ts). */
const CHECK_VOICEMAIL_CODE = '*98';
/** Seconds between keys of a longer entry; FreeSWITCH's default would be half the timeout (switch_ivr_menu_init). */
const INTER_DIGIT_MS = 2000;

function entryOf(option: IvrConfMenu['options'][number], domain: string): IvrEntry {
  const { digits } = option;
  const exec = (param: string) => ({ action: 'menu-exec-app', digits, param });
  switch (option.action) {
    case 'playback':
      return { action: 'menu-play-sound', digits, param: option.param };
    case 'hangup':
      return exec(option.param ? `hangup ${option.param}` : 'hangup');
    case 'check_voicemail':
      return exec(`transfer ${CHECK_VOICEMAIL_CODE} XML ${domain}`);
    default:
      // transfer, menu and voicemail name a destination of the tenant.
      return option.destinationType === 'voicemail'
        ? exec(`voicemail default ${domain} ${option.destinationValue}`)
        : exec(`transfer ${option.destinationValue} XML ${domain}`);
  }
}

export function ivrConfMenu(menu: IvrConfMenu, extensions: readonly string[]) {
  const domain = menu.tenant.domain;
  const entries = menu.options.map((o) => entryOf(o, domain));
  const taken = new Set(menu.options.map((o) => o.digits));
  const dialled = menu.directDial ? extensions.filter((n) => /^[0-9]+$/.test(n) && !taken.has(n)) : [];
  if (dialled.length) entries.push({ action: 'menu-exec-app', digits: `/^(${dialled.join('|')})$/`, param: `transfer $1 XML ${domain}` });
  const longest = Math.max(1, ...menu.options.map((o) => o.digits.length), ...dialled.map((n) => n.length));
  const sound = (s: string) => s || undefined;
  return {
    name: menu.id,
    greetLong: sound(menu.greetLong),
    greetShort: sound(menu.greetShort),
    invalidSound: sound(menu.invalidSound),
    exitSound: sound(menu.exitSound),
    timeout: menu.timeout,
    interDigitTimeout: longest > 1 ? INTER_DIGIT_MS : undefined,
    maxFailures: menu.maxFailures,
    maxTimeouts: menu.maxTimeouts,
    digitLen: longest,
    entries,
  };
}
