// Devices, device profiles and device lines as the ICTPBX client has them
// (src/app/pages/devices/: device.ts, device-profile.ts, device-line.ts are the models; the forms
// PUT back the object they loaded). The form sends nulls for empty text, JS booleans, and a line's
// numbers as text ('1', '5060', '3600'). Switchyard's extras: the allowlists a phone may fetch its
// configuration from (`device_allowed_addresses`, `device_profile_allowed_addresses`).
import { Blank, Flag, Id, Input, Int, Matching, Nullable, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

/**
 * Text that reaches a phone's configuration file: no control character at all, so that a value
 * cannot end a Yealink `key = value` line and start another key.
 */
export const LineText = (maxLength: number, options: { description?: string; minLength?: number } = {}) =>
  Type.String({ maxLength, pattern: '^[^\\u0000-\\u001F\\u007F]*$', patternMessage: 'must not contain control characters (line breaks included)', ...options });

/** Comma-separated IPv4/IPv6 addresses or CIDRs (checked one by one by the service). */
const Cidrs = (description: string) => Blank(Matching('^[0-9A-Fa-f:./, ]{0,1024}$', 'must be IP addresses or CIDRs separated by commas', { description }));

/** A number the form sends as text ('5060') or a number input's number. */
const Count = (minimum: number, maximum: number, description: string) =>
  Type.Optional(
    Type.Transform(Type.Union([Int(minimum, maximum), Matching('^[0-9]{1,6}$', `must be a whole number from ${minimum} to ${maximum}`)], { description, typeMessage: `must be a whole number from ${minimum} to ${maximum}` }))
      .Decode((v) => Number(v))
      .Encode((n) => n),
  );

// ---------------------------------------------------------------------------------------------
// Profiles

const profileWritable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  deviceProfileDescription: Blank(Text(1024)),
  deviceProfileEnabled: Type.Optional(Flag({ description: "Off: its devices' configuration is not served" })),
  deviceProfileAllowedAddresses: Cidrs("Where its devices may fetch their configuration from (CIDRs), for devices that name none of their own; '' for anywhere"),
};
const profileEchoed = { deviceProfileUuid: ReadOnly(), domainUuid: ReadOnly(), domainName: ReadOnly(), tenantName: ReadOnly(), deviceCount: ReadOnly(), dateCreated: ReadOnly(), lastUpdated: ReadOnly() };
const profileName = LineText(64, { minLength: 1, description: 'Its name' });

export const DeviceProfileCreate = Input({ deviceProfileName: profileName, ...profileWritable, ...profileEchoed });
export const DeviceProfileUpdate = Input({ deviceProfileName: Type.Optional(profileName), ...profileWritable, ...profileEchoed });
export const DeviceProfileFilter = Input({ tenantId: Type.Optional(Id()), deviceProfileName: Type.Optional(Text(64, { description: 'Part of the name' })), deviceProfileEnabled: Type.Optional(Flag()) });

export const DeviceProfileView = Type.Object({
  deviceProfileUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  deviceProfileName: Type.String(),
  deviceProfileDescription: Type.String(),
  deviceProfileEnabled: Type.Boolean(),
  deviceProfileAllowedAddresses: Type.String(),
  deviceCount: Type.Integer({ description: 'Devices using it' }),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

// ---------------------------------------------------------------------------------------------
// Devices

const deviceWritable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  deviceLabel: Blank(LineText(64, { description: 'Its label' })),
  deviceVendor: Blank(Text(32, { description: 'A vendor of /device_vendors (yealink, polycom, grandstream)' })),
  deviceModel: Blank(Text(32, { description: "One of the vendor's models in /device_vendors" })),
  deviceTemplate: Blank(Matching('^[A-Za-z0-9._/-]{0,64}$', 'must be vendor/model', { description: 'What the form fills in as vendor/model; kept as given (the vendor picks the template)' })),
  deviceFirmwareVersion: Blank(LineText(32)),
  deviceSerialNumber: Blank(LineText(64)),
  deviceLocation: Blank(LineText(128)),
  deviceUsername: Blank(
    Matching('^[A-Za-z0-9._@+-]{0,64}$', 'must be letters, digits and . _ @ + - (at most 64)', {
      description: "The HTTP username the phone fetches its configuration with (Basic or Digest); '' for none",
    }),
  ),
  devicePassword: Blank(LineText(128, { description: "The HTTP password; never answered. '' or null on update keeps the one stored" })),
  deviceAllowedAddresses: Cidrs("Where the phone may fetch its configuration from (CIDRs); '' for its profile's (or anywhere)"),
  deviceProfileUuid: Type.Optional(Nullable(Text(64, { description: 'Its profile (null for none)' }))),
  deviceDescription: Blank(Text(1024)),
  deviceEnabled: Type.Optional(Flag({ description: 'Off: its configuration is not served' })),
};
const deviceEchoed = { deviceUuid: ReadOnly(), domainUuid: ReadOnly(), domainName: ReadOnly(), tenantName: ReadOnly(), deviceProfileName: ReadOnly(), deviceLineCount: ReadOnly(), dateCreated: ReadOnly(), lastUpdated: ReadOnly() };
const address = Text(32, { minLength: 1, description: 'Its MAC address: 001565aabbcc, 00:15:65:AA:BB:CC or 00-15-65-aa-bb-cc (stored as 12 lowercase hex digits)' });

export const DeviceCreate = Input({ deviceAddress: address, ...deviceWritable, ...deviceEchoed });
export const DeviceUpdate = Input({ deviceAddress: Type.Optional(address), ...deviceWritable, ...deviceEchoed });
export const DeviceFilter = Input({
  tenantId: Type.Optional(Id()),
  deviceAddress: Type.Optional(Text(32)),
  deviceVendor: Type.Optional(Text(32)),
  deviceProfileUuid: Type.Optional(Text(64)),
  deviceEnabled: Type.Optional(Flag()),
});

export const DeviceView = Type.Object({
  deviceUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  deviceAddress: Type.String({ description: '12 lowercase hex digits' }),
  deviceLabel: Type.String(),
  deviceVendor: Type.String(),
  deviceModel: Type.String(),
  deviceTemplate: Type.String(),
  deviceFirmwareVersion: Type.String(),
  deviceSerialNumber: Type.String(),
  deviceLocation: Type.String(),
  deviceUsername: Type.String(),
  devicePassword: Type.String({ description: "Always '': the password is never answered" }),
  deviceAllowedAddresses: Type.String(),
  deviceProfileUuid: Nullable(Type.String()),
  deviceProfileName: Type.String(),
  deviceDescription: Type.String(),
  deviceEnabled: Type.Boolean(),
  deviceLineCount: Type.Integer(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

// ---------------------------------------------------------------------------------------------
// Lines

export const TRANSPORTS = ['udp', 'tcp', 'tls'] as const;

const lineWritable = {
  lineNumber: Count(1, 99, 'Its key on the phone (account number), from 1'),
  serverAddress: Blank(Matching('^[A-Za-z0-9.:\\[\\]-]{0,255}$', 'must be a host name or an IP address', { description: "The SIP server the phone registers with; '' for the tenant's domain" })),
  displayName: Blank(LineText(64, { description: "The name the phone shows and sends; '' for the extension's caller id name" })),
  sipPort: Count(1, 65535, 'The SIP server’s port'),
  sipTransport: Type.Optional(Type.Union(TRANSPORTS.map((t) => Type.Literal(t)), { description: TRANSPORTS.join(', ') })),
  registerExpires: Count(60, 86400, 'Seconds a registration lasts'),
  enabled: Type.Optional(Flag()),
  userId: ReadOnly("the extension's number"),
  authId: ReadOnly("the extension's number"),
  password: ReadOnly("the extension's SIP password, put in the phone's file only"),
};
const lineEchoed = { deviceLineUuid: ReadOnly(), extension: ReadOnly(), tenantId: ReadOnly(), dateCreated: ReadOnly(), lastUpdated: ReadOnly() };
const deviceRef = Text(64, { minLength: 1, description: 'The device' });
const extensionRef = Text(64, { minLength: 1, description: "The tenant's extension the line registers as (its SIP credentials)" });

export const DeviceLineCreate = Input({ deviceUuid: deviceRef, extensionUuid: extensionRef, ...lineWritable, ...lineEchoed });
export const DeviceLineUpdate = Input({ deviceUuid: Type.Optional(deviceRef), extensionUuid: Type.Optional(extensionRef), ...lineWritable, ...lineEchoed });
export const DeviceLineFilter = Input({ tenantId: Type.Optional(Id()), deviceUuid: Type.Optional(Text(64)), extensionUuid: Type.Optional(Text(64)) });

export const DeviceLineView = Type.Object({
  deviceLineUuid: Type.String(),
  deviceUuid: Type.String(),
  extensionUuid: Type.String(),
  extension: Type.String({ description: "The extension's number" }),
  tenantId: Type.Integer(),
  lineNumber: Type.Integer(),
  serverAddress: Type.String(),
  userId: Type.String(),
  authId: Type.String(),
  password: Type.String({ description: "Always '': the SIP password goes into the phone's file only" }),
  displayName: Type.String(),
  sipPort: Type.Integer(),
  sipTransport: Type.String(),
  registerExpires: Type.Integer(),
  enabled: Type.Boolean(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

// ---------------------------------------------------------------------------------------------
// Vendors

export const DeviceVendorView = Type.Object({
  name: Type.String(),
  label: Type.String(),
  models: Type.Array(Type.String()),
  maxLines: Type.Integer(),
  files: Type.Array(Type.String({ description: 'The file names its phones ask for, with <mac> for the address' })),
});

export type DeviceProfileCreateInput = StaticDecode<typeof DeviceProfileCreate>;
export type DeviceProfileUpdateInput = StaticDecode<typeof DeviceProfileUpdate>;
export type DeviceCreateInput = StaticDecode<typeof DeviceCreate>;
export type DeviceUpdateInput = StaticDecode<typeof DeviceUpdate>;
export type DeviceLineCreateInput = StaticDecode<typeof DeviceLineCreate>;
export type DeviceLineUpdateInput = StaticDecode<typeof DeviceLineUpdate>;
export type DeviceProfileView = Static<typeof DeviceProfileView>;
export type DeviceView = Static<typeof DeviceView>;
export type DeviceLineView = Static<typeof DeviceLineView>;
export type DeviceVendorView = Static<typeof DeviceVendorView>;
