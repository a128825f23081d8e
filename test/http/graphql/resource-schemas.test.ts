// Each resource is described once, by its domain schema: GraphQL's types and inputs are its
// camelCase, field for field (a relation such as Did.provider is GraphQL's own addition).
import { buildSchema, type GraphQLInputObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ActivityView } from '../../../src/domain/activities/activities.schema.ts';
import { PermissionCreate, PermissionView } from '../../../src/domain/permissions/permissions.schema.ts';
import { RoleCreate, RoleUpdate, RoleView } from '../../../src/domain/roles/roles.schema.ts';
import { CallBlockCreate, CallBlockUpdate, CallBlockView } from '../../../src/domain/call-blocks/call-blocks.schema.ts';
import { CallerIdCreate, CallerIdUpdate, CallerIdView } from '../../../src/domain/caller-ids/caller-ids.schema.ts';
import { CountryView, RegionView } from '../../../src/domain/countries/countries.schema.ts';
import { DestinationCreate, DestinationUpdate, DestinationView } from '../../../src/domain/destinations/destinations.schema.ts';
import { DidCreate, DidUpdate, DidView } from '../../../src/domain/dids/dids.schema.ts';
import {
  DeviceCreate,
  DeviceLineCreate,
  DeviceLineUpdate,
  DeviceLineView,
  DeviceProfileCreate,
  DeviceProfileUpdate,
  DeviceProfileView,
  DeviceUpdate,
  DeviceVendorView,
  DeviceView,
} from '../../../src/domain/devices/devices.schema.ts';
import { DomainView } from '../../../src/domain/domains/domains.schema.ts';
import { InboundRouteCreate, InboundRouteUpdate, InboundRouteView } from '../../../src/domain/inbound-routes/inbound-routes.schema.ts';
import { FeatureCodeView } from '../../../src/domain/feature-codes/feature-codes.schema.ts';
import { ExtensionCreate, ExtensionUpdate, ExtensionView } from '../../../src/domain/extensions/extensions.schema.ts';
import { VoicemailCreate, VoicemailGreetingView, VoicemailMessageView, VoicemailUpdate, VoicemailView } from '../../../src/domain/voicemails/voicemails.schema.ts';
import { FollowMeCreate, FollowMeDestinationInput, FollowMeDestinationView, FollowMeUpdate, FollowMeView } from '../../../src/domain/follow-me/follow-me.schema.ts';
import { GatewayCreate, GatewayUpdate, GatewayView, ProviderCreate, ProviderUpdate, ProviderView } from '../../../src/domain/providers/providers.schema.ts';
import { ConferenceCreate, ConferenceUpdate, ConferenceView } from '../../../src/domain/conferences/conferences.schema.ts';
import { IvrMenuCreate, IvrMenuOptionInput, IvrMenuOptionView, IvrMenuUpdate, IvrMenuView } from '../../../src/domain/ivr-menus/ivr-menus.schema.ts';
import { CallQueueAgentInput, CallQueueAgentView, CallQueueCreate, CallQueueUpdate, CallQueueView } from '../../../src/domain/call-queues/call-queues.schema.ts';
import { RingGroupCreate, RingGroupMemberInput, RingGroupMemberView, RingGroupUpdate, RingGroupView } from '../../../src/domain/ring-groups/ring-groups.schema.ts';
import { RouteCreate, RouteUpdate, RouteView } from '../../../src/domain/routes/routes.schema.ts';
import type { TObject, TSchema } from '../../../src/domain/shared/schema.ts';
import { TenantCreate, TenantUpdate, TenantView } from '../../../src/domain/tenants/tenants.schema.ts';
import { CallFlowCreate, CallFlowUpdate, CallFlowView } from '../../../src/domain/call-flows/call-flows.schema.ts';
import { TimeConditionCreate, TimeConditionUpdate, TimeConditionView } from '../../../src/domain/time-conditions/time-conditions.schema.ts';
import { UserCreate, UserUpdate, UserView } from '../../../src/domain/users/users.schema.ts';
import { ConferenceMemberView, ConferenceRoomView, ParticipantControlAnswer } from '../../../src/freeswitch/control/conference-participants.schema.ts';
import { DialplanEntryView } from '../../../src/freeswitch/xml-curl/dialplan/dialplan-entries.ts';
import { CallControlAnswer, OriginateAnswer, RealtimeChannel, RealtimeRegistration, RealtimeSnapshot } from '../../../src/freeswitch/control/realtime.schema.ts';
import { schemaText } from '../../../src/http/graphql/index.ts';
import { MusicOnHoldCreate, MusicOnHoldFileView, MusicOnHoldUpdate, MusicOnHoldView } from '../../../src/domain/music-on-hold/music-on-hold.schema.ts';

const sdl = buildSchema(schemaText);
const fieldsOf = (name: string) => Object.keys((sdl.getType(name) as GraphQLObjectType | GraphQLInputObjectType).getFields()).sort();
/** What a client may write: the schema's fields but the read-only ones it only accepts back. */
const writable = (schema: TObject) => Object.entries(schema.properties).filter(([, s]) => (s as TSchema).readOnly !== true).map(([k]) => k);

const resources = [
  { type: 'Did', view: DidView, relations: ['provider'], create: ['DidCreateInput', DidCreate], update: ['DidUpdateInput', DidUpdate] },
  { type: 'InboundRoute', view: InboundRouteView, relations: [], create: ['InboundRouteCreateInput', InboundRouteCreate], update: ['InboundRouteUpdateInput', InboundRouteUpdate] },
  { type: 'CallBlock', view: CallBlockView, relations: [], create: ['CallBlockCreateInput', CallBlockCreate], update: ['CallBlockUpdateInput', CallBlockUpdate] },
  { type: 'CallerId', view: CallerIdView, relations: [], create: ['CallerIdCreateInput', CallerIdCreate], update: ['CallerIdUpdateInput', CallerIdUpdate] },
  { type: 'Extension', view: ExtensionView, relations: [], create: ['ExtensionCreateInput', ExtensionCreate], update: ['ExtensionUpdateInput', ExtensionUpdate] },
  { type: 'Provider', view: ProviderView, relations: [], create: ['ProviderCreateInput', ProviderCreate], update: ['ProviderUpdateInput', ProviderUpdate] },
  { type: 'Gateway', view: GatewayView, relations: [], create: ['GatewayCreateInput', GatewayCreate], update: ['GatewayUpdateInput', GatewayUpdate] },
  { type: 'PbxDomain', view: DomainView, relations: [], create: null, update: null },
  { type: 'Route', view: RouteView, relations: ['gateway'], create: ['RouteCreateInput', RouteCreate], update: ['RouteUpdateInput', RouteUpdate] },
  { type: 'RingGroup', view: RingGroupView, relations: [], create: ['RingGroupCreateInput', RingGroupCreate], update: ['RingGroupUpdateInput', RingGroupUpdate] },
  { type: 'RingGroupMember', view: RingGroupMemberView, relations: [], create: ['RingGroupMemberInput', RingGroupMemberInput], update: ['RingGroupMemberInput', RingGroupMemberInput] },
  { type: 'CallQueue', view: CallQueueView, relations: [], create: ['CallQueueCreateInput', CallQueueCreate], update: ['CallQueueUpdateInput', CallQueueUpdate] },
  { type: 'CallQueueAgent', view: CallQueueAgentView, relations: [], create: ['CallQueueAgentInput', CallQueueAgentInput], update: ['CallQueueAgentInput', CallQueueAgentInput] },
  { type: 'IvrMenu', view: IvrMenuView, relations: [], create: ['IvrMenuCreateInput', IvrMenuCreate], update: ['IvrMenuUpdateInput', IvrMenuUpdate] },
  { type: 'Conference', view: ConferenceView, relations: [], create: ['ConferenceCreateInput', ConferenceCreate], update: ['ConferenceUpdateInput', ConferenceUpdate] },
  { type: 'IvrMenuOption', view: IvrMenuOptionView, relations: [], create: ['IvrMenuOptionInput', IvrMenuOptionInput], update: ['IvrMenuOptionInput', IvrMenuOptionInput] },
  { type: 'FollowMe', view: FollowMeView, relations: [], create: ['FollowMeCreateInput', FollowMeCreate], update: ['FollowMeUpdateInput', FollowMeUpdate] },
  { type: 'Voicemail', view: VoicemailView, relations: [], create: ['VoicemailCreateInput', VoicemailCreate], update: ['VoicemailUpdateInput', VoicemailUpdate] },
  { type: 'VoicemailGreeting', view: VoicemailGreetingView, relations: [], create: null, update: null },
  { type: 'VoicemailMessage', view: VoicemailMessageView, relations: [], create: null, update: null },
  { type: 'FollowMeDestination', view: FollowMeDestinationView, relations: [], create: ['FollowMeDestinationInput', FollowMeDestinationInput], update: ['FollowMeDestinationInput', FollowMeDestinationInput] },
  { type: 'TimeCondition', view: TimeConditionView, relations: [], create: ['TimeConditionCreateInput', TimeConditionCreate], update: ['TimeConditionUpdateInput', TimeConditionUpdate] },
  { type: 'MusicOnHold', view: MusicOnHoldView, relations: [], create: ['MusicOnHoldCreateInput', MusicOnHoldCreate], update: ['MusicOnHoldUpdateInput', MusicOnHoldUpdate] },
  { type: 'MusicOnHoldFile', view: MusicOnHoldFileView, relations: [], create: null, update: null },
  { type: 'CallFlow', view: CallFlowView, relations: [], create: ['CallFlowCreateInput', CallFlowCreate], update: ['CallFlowUpdateInput', CallFlowUpdate] },
  { type: 'DeviceProfile', view: DeviceProfileView, relations: [], create: ['DeviceProfileCreateInput', DeviceProfileCreate], update: ['DeviceProfileUpdateInput', DeviceProfileUpdate] },
  { type: 'Device', view: DeviceView, relations: [], create: ['DeviceCreateInput', DeviceCreate], update: ['DeviceUpdateInput', DeviceUpdate] },
  { type: 'DeviceLine', view: DeviceLineView, relations: [], create: ['DeviceLineCreateInput', DeviceLineCreate], update: ['DeviceLineUpdateInput', DeviceLineUpdate] },
  { type: 'DeviceVendor', view: DeviceVendorView, relations: [], create: null, update: null },
  { type: 'Destination', view: DestinationView, relations: [], create: ['DestinationCreateInput', DestinationCreate], update: ['DestinationUpdateInput', DestinationUpdate] },
  // GraphQL's own additions: the tenant's users, its dates as DateTime.
  { type: 'Tenant', view: TenantView, relations: ['users', 'createdAt', 'updatedAt'], create: ['TenantCreateInput', TenantCreate], update: ['TenantUpdateInput', TenantUpdate] },
  // GraphQL's own additions: the user's tenant, its permissions as a list and its direct grants,
  // isTenantAdmin, its dates as DateTime (and `roles` as Role objects where REST has their names).
  {
    type: 'User',
    view: UserView,
    relations: ['tenant', 'permissions', 'directPermissions', 'isTenantAdmin', 'createdAt', 'updatedAt', 'lastLoginAt'],
    create: ['UserCreateInput', UserCreate],
    update: ['UserUpdateInput', UserUpdate],
  },
  { type: 'FeatureCode', view: FeatureCodeView, relations: [], create: null, update: null },
  { type: 'DialplanEntry', view: DialplanEntryView, relations: [], create: null, update: null },
  { type: 'Region', view: RegionView, relations: [], create: null, update: null },
  { type: 'Country', view: CountryView, relations: [], create: null, update: null },
  { type: 'Realtime', view: RealtimeSnapshot, relations: [], create: null, update: null },
  { type: 'RealtimeChannel', view: RealtimeChannel, relations: [], create: null, update: null },
  { type: 'RealtimeRegistration', view: RealtimeRegistration, relations: [], create: null, update: null },
  { type: 'CallControlResult', view: CallControlAnswer, relations: [], create: null, update: null },
  { type: 'OriginatedCall', view: OriginateAnswer, relations: [], create: null, update: null },
  { type: 'ConferenceRoom', view: ConferenceRoomView, relations: [], create: null, update: null },
  { type: 'ConferenceParticipant', view: ConferenceMemberView, relations: [], create: null, update: null },
  { type: 'ParticipantControlResult', view: ParticipantControlAnswer, relations: [], create: null, update: null },
  // Roles, permissions and activity entries answer as records (User.roles shares Role): GraphQL keeps its own id and dates beside.
  { type: 'Role', view: RoleView, relations: ['id', 'createdAt', 'updatedAt'], create: ['RoleCreateInput', RoleCreate], update: ['RoleUpdateInput', RoleUpdate] },
  { type: 'Permission', view: PermissionView, relations: ['id'], create: ['PermissionInput', PermissionCreate], update: ['PermissionInput', PermissionCreate] },
  { type: 'Activity', view: ActivityView, relations: ['detail', 'ip', 'createdAt'], create: null, update: null },
] as const;

describe('GraphQL follows the resource schemas', () => {
  it.each(resources)('$type has the fields of its view', ({ type, view, relations }) => {
    expect(fieldsOf(type)).toEqual([...Object.keys(view.properties), ...relations].sort());
  });

  it.each(resources.filter((r) => r.create !== null))('$type inputs take only what the schema lets a client write', ({ create, update }) => {
    for (const [input, schema] of [create!, update!] as const) {
      const unknown = fieldsOf(input).filter((f) => !writable(schema as TObject).includes(f));
      expect(unknown, input).toEqual([]);
    }
  });
});
