// The labels FreeSWITCH answers rendered by Switchyard carry (freeswitch/xml-curl caches them):
// an answer is labelled with the data it shows, and a change names the labels it touches. Modules
// say which of them a change of theirs touches (module.ts: changeLabels).
export const labels = {
  tenant: (tenantId: number) => `tenant:${tenantId}`,
  /** Any tenant came, went or changed: lists of domains and misses for unknown domains. */
  tenants: 'tenants',
  extension: (id: string) => `extension:${id}`,
  /** The set of a tenant's extensions (aggregates, and misses for unknown users). */
  extensionsOf: (tenantId: number) => `extensions:${tenantId}`,
  /** Every tenant's extensions (the whole directory). */
  extensions: 'extensions',
  provider: (id: number | string) => `provider:${id}`,
  providers: 'providers',
  routesOf: (tenantId: number | null) => (tenantId === null ? 'routes:global' : `routes:${tenantId}`),
  dids: 'dids',
  /** Every tenant's call blocks (the public context renders them ahead of the DIDs). */
  callBlocks: 'call_blocks',
  ringGroupsOf: (tenantId: number) => `ring_groups:${tenantId}`,
  callerIdsOf: (tenantId: number) => `caller_ids:${tenantId}`,
  timeConditionsOf: (tenantId: number) => `time_conditions:${tenantId}`,
  callFlowsOf: (tenantId: number) => `call_flows:${tenantId}`,
  ivrMenusOf: (tenantId: number) => `ivr_menus:${tenantId}`,
  /** Any tenant's IVR menus (ivr.conf answers for a menu not found). */
  ivrMenus: 'ivr_menus',
  /** A tenant's follow-me (its extensions' rendered entries ring them). */
  followMeOf: (tenantId: number) => `follow_me:${tenantId}`,
  /** A tenant's voicemail boxes (the chosen greetings its extensions' entries set). */
  voicemailsOf: (tenantId: number) => `voicemails:${tenantId}`,
  /** Every tenant's voicemail boxes (the public context's DIDs to voicemail set their greetings). */
  voicemails: 'voicemails',
  /** Every tenant's music-on-hold classes (local_stream.conf lists them all). */
  musicOnHold: 'music_on_hold',
  sipProfiles: 'sip_profiles',
  /** What the trunks' host names resolve to. */
  trunkAddresses: 'trunk_addresses',
  callQueuesOf: (tenantId: number) => `call_queues:${tenantId}`,
  /** Every tenant's call queues (callcenter.conf). */
  callQueues: 'call_queues',
  /** Every rendered dialplan context (for a provider change that names no provider). */
  dialplans: 'dialplans',
  conferencesOf: (tenantId: number) => `conferences:${tenantId}`,
  /** Any tenant's conference rooms (conference.conf answers for a profile not found). */
  conferences: 'conferences',
};
