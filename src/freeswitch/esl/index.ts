// Switchyard's Event Socket layer: one inbound connection per FreeSWITCH node (FREESWITCH_ESL plus
// the enabled switch node rows), with typed results for the rest of the app. link.ts speaks the
// protocol itself (frame-reader.ts, event-parser.ts); no Event Socket library is used.
//
// For other modules (GraphQL subscriptions, CDR, dashboards) the surface is `app.esl`, the
// SwitchManager built here (also `app.services.esl`):
//
//   const stop = app.esl.events.subscribe((event) => { ... });   // returns the unsubscribe
//
// Events (SwitchEvent, event-stream.ts) arrive synchronously, in order, after the live state has
// applied them; each carries `node` (the FreeSWITCH node's name) and `at` (ms since epoch):
//   { kind: 'channel', action: 'update' | 'hangup', eventName: 'CHANNEL_ANSWER', domain, channel, hangupCause }
//   { kind: 'registration', action: 'register' | 'unregister' | 'expire', domain, registration }
//   { kind: 'gateway', gateway }                     sofia::gateway_state
//   { kind: 'conference', action, conference, domain, memberId, uuid }   conference::maintenance
//   { kind: 'job', jobUuid, command, ok, text }     BACKGROUND_JOB
//   { kind: 'node', state }                          connecting | connected | auth_failed | disconnected | stopped
//   { kind: 'resync', channels, registrations }      the node's state was replaced by a snapshot
//   { kind: 'voicemail_left', headers }              vm::maintenance leave-message (voicemail-mailer.ts)
// `domain` is the tenant domain (lower case) or null when the channel has none yet. A listener
// that throws is logged and skipped; slow consumers must queue (and bound) their own work.
//
// The live state (`app.esl.state`) answers without touching FreeSWITCH:
//   state.channels({ domain?, extensions?, node? })  LiveChannel[]
//   state.registrations({ domain?, extensions?, node? })  LiveRegistration[]
//   state.channel(uuid)  state.gateways(node?)  state.counts()
// Tenant scoping for a request's actor: `app.services.realtime.viewer(ctx)` answers predicates
// `channel(c)` and `registration(r)` (and the domain and extensions behind them).
//
// Commands: `app.esl.api(node, command)`, `app.esl.broadcast(command)`, and per node
// `app.esl.client(name)?.api(...)` / `.bgapi(...)` (jobs tracked in one Map, see client.ts).
// Build command strings with `commands` (commands.ts), which validates every argument.
export { readAclSources, type AclSources } from './acl-sources.ts';
export { callFlowPresence, createCallFlowToggles, type ToggledCallFlow } from './call-flow-toggles.ts';
export { createCacheFlusher, type FlushLookups, type GatewayRef } from './cache-flusher.ts';
export { createFollowMeToggles, type SetFollowMe } from './follow-me-toggles.ts';
export { createVoicemailMailer, leftMessage, type LeftMessage, type MailOutcome } from './voicemail-mailer.ts';
export { createCallQueueSync } from './call-queue-sync.ts';
export { apiResult, type ApiResult, type BackgroundJob, type EslLogger, type NodeClient, type NodeState, type NodeStatus, type NodeTarget } from './client.ts';
export { commands, InvalidArgumentError, isDestination, parseConferenceJson, parseConferenceList, type ConferenceMember } from './commands.ts';
export { EslAuthError, EslClosedError, EslCommandError, EslError, EslTimeoutError, EslUnavailableError } from './errors.ts';
export type { EventStream, SwitchEvent, SwitchEventListener } from './event-stream.ts';
export { createSwitchManager, SUBSCRIBED_EVENTS, SUBSCRIBED_SUBCLASSES, type EslSettings, type SwitchManager } from './manager.ts';
export type { GatewayStatus, LiveChannel, LiveRegistration } from './normalise.ts';
