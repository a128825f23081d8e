// What /feature_codes answers: FusionPBX's dialplan names, as the ICTPBX client's feature codes
// screen reads them (pages/feature_codes: dialplan_number, dialplan_name, dialplan_description,
// dialplan_enabled compared with 'true'); the rest are Switchyard's additions.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Input } from '../shared/schema.ts';

export const FeatureCodeQuery = Input({ tenantId: Type.Optional(Id({ description: "Super-admin: the tenant whose codes (default: the core codes every tenant has)" })) });

export const FeatureCodeView = Type.Object({
  dialplanNumber: Type.String({ description: "What a caller dials ('*78'; '**<extension>' names a variable part)" }),
  dialplanName: Type.String(),
  dialplanDescription: Type.String(),
  dialplanEnabled: Type.Boolean(),
  dialplanExpression: Type.String({ description: 'The destination_number expression FreeSWITCH matches' }),
  dialplanContext: Type.String({ description: "The tenant's context (its domain); '' for the core codes every tenant has" }),
  featureAction: Type.String({ description: 'What it does (voicemail_own, dnd_on, ... or a module’s own)' }),
  featureModule: Type.String({ description: "Who provides it: 'core' or a module" }),
});

export type FeatureCodeView = Static<typeof FeatureCodeView>;
