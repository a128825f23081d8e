// The feature codes of a tenant's dial plan: one catalogue, the single source of what is rendered
// (freeswitch/xml-curl/dialplan/feature-codes.ts renders the core codes by their `action`), of the
// /feature_codes answer and of the numbers no extension, ring group or other dialable object may
// take (it is registered with the dialable numbers as `feature_code`).
//
// The core codes are below. A module contributes its own through its descriptor's `featureCodes`
// (domain/module.ts): they are listed and reserved here like the core's, and rendered by the
// module's own dialplan piece (docs/adding-a-module.md).
import type { DialableSource } from '../dialable/numbers.ts';

export interface FeatureCode {
  /** What a caller dials: the code ('*78'), or with its variable part named ('**<extension>'). */
  number: string;
  /**
   * The destination_number expression FreeSWITCH matches: written here by Switchyard (never by a
   * user), anchored, and safe to run in Node too (the collision check tests numbers against it).
   */
  expression: string;
  name: string;
  description: string;
  /** What it does: a core action (below) or the contributing module's own word. */
  action: string;
  /** Who provides it: 'core', or the contributing module's name. */
  module: string;
  enabled: boolean;
}

/** What a module contributes (its descriptor's `featureCodes`): its codes in a tenant. */
export interface FeatureCodeSource {
  codes(tenantId: number): Promise<Omit<FeatureCode, 'module'>[]>;
}

/** The core codes' actions, each rendered by the feature-codes dialplan piece. */
export type CoreAction =
  | 'voicemail_own'
  | 'voicemail_any'
  | 'voicemail_direct'
  | 'forward_on'
  | 'forward_off'
  | 'dnd_on'
  | 'dnd_off'
  | 'group_pickup'
  | 'directed_pickup'
  | 'echo'
  | 'time';

export interface CoreFeatureCode extends FeatureCode {
  action: CoreAction;
}

const core = (number: string, expression: string, action: CoreAction, name: string, description: string): CoreFeatureCode => ({
  number,
  expression,
  action,
  name,
  description,
  module: 'core',
  enabled: true,
});

/** An extension number as extensions take them (extensions.schema.ts EXTENSION_NUMBER). */
const EXT = '([0-9]{2,10})';

// The numbers are FusionPBX's (app/dialplans/resources/switch/conf/dialplan/: 320_vmain *98,
// 330_vmain_user *97, 500_call-forward *72/*73, 490_do-not-disturb *78/*79,
// 230_group-intercept *8, 290_intercept-ext **<ext>, 350_echo 9196) and FreeSWITCH's vanilla
// default.xml (echo 9196, vmain *98, group-intercept *8, intercept-ext **<ext>). *99<ext> is
// voicemail straight to a box (as ring groups' timeout destinations already write it), *60 the
// speaking clock (Switchyard's choice: neither FusionPBX nor vanilla ships one).
export const CORE_FEATURE_CODES: readonly CoreFeatureCode[] = [
  core('*97', '^\\*97$', 'voicemail_own', 'Voicemail', "Check the caller's own voicemail box"),
  core('*98', '^\\*98$', 'voicemail_any', 'Voicemail main', 'Check any voicemail box: asks for the box and its password'),
  core('*99<extension>', `^\\*99${EXT}$`, 'voicemail_direct', 'Voicemail direct', "Leave a message in an extension's box without ringing it"),
  core('*72', '^\\*72$', 'forward_on', 'Call forward on', 'Forward all calls of the caller’s extension: asks for the number'),
  core('*73', '^\\*73$', 'forward_off', 'Call forward off', 'Stop forwarding the caller’s extension'),
  core('*78', '^\\*78$', 'dnd_on', 'Do not disturb on', 'Calls to the caller’s extension go to busy handling (busy forward, voicemail) without ringing'),
  core('*79', '^\\*79$', 'dnd_off', 'Do not disturb off', 'The caller’s extension rings again'),
  core('*8', '^\\*8$', 'group_pickup', 'Group pickup', 'Answer the call last ringing an extension of the caller’s call group'),
  core('**<extension>', `^\\*\\*${EXT}$`, 'directed_pickup', 'Call pickup', 'Answer the call ringing an extension'),
  core('9196', '^9196$', 'echo', 'Echo test', 'Hear yourself: audio comes back as sent'),
  core('*60', '^\\*60$', 'time', 'Time', 'Hear the current time'),
];

export interface FeatureCatalogue {
  /** A module's contribution (domain/module.ts `featureCodes`). */
  register(module: string, source: FeatureCodeSource): void;
  /** Every code of the tenant: the core's, then each module's in src/modules.ts order. */
  list(tenantId: number): Promise<FeatureCode[]>;
  /** The codes as dialable numbers (`feature_code`): a number one of them matches is taken. */
  dialable: DialableSource;
}

export function createFeatureCatalogue(): FeatureCatalogue {
  const contributed: { module: string; source: FeatureCodeSource }[] = [];

  async function list(tenantId: number): Promise<FeatureCode[]> {
    const theirs = await Promise.all(contributed.map(async ({ module, source }) => (await source.codes(tenantId)).map((c) => ({ ...c, module }))));
    return [...CORE_FEATURE_CODES, ...theirs.flat()];
  }

  return {
    register(module, source) {
      contributed.push({ module, source });
    },
    list,
    dialable: {
      type: 'feature_code',
      async holding(tenantId, numbers) {
        const codes = (await list(tenantId)).filter((c) => c.enabled);
        return numbers.flatMap((n) => {
          const code = codes.find((c) => new RegExp(c.expression).test(n));
          return code ? [{ number: n, id: code.number }] : [];
        });
      },
      // Only whole numbers (next_available scans these); a code with a variable part takes
      // numbers no extension can have (they start with *).
      all: async (tenantId) => (await list(tenantId)).filter((c) => c.enabled && /^[0-9*#]+$/.test(c.number)).map((c) => c.number),
    },
  };
}
