// A FreeSWITCH domain as FusionPBX's v_domains and ICTPBX's server (/fpbx_domains) name it: one per
// tenant here, read-only (a tenant's domain is set through /tenants). The ICTPBX client has no
// domain screen; these are the names ICTPBX's server answers.
import { Flag, Input, Nullable, Text, Type, type Static } from '../shared/schema.ts';

export const DomainFilter = Input({
  domainName: Type.Optional(Text(253)),
  domainEnabled: Type.Optional(Flag()),
});

export const DomainView = Type.Object({
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  domainUuid: Type.String(),
  domainName: Type.String(),
  domainEnabled: Type.Boolean({ description: 'The tenant is active' }),
  domainDescription: Type.String(),
});

export type DomainView = Static<typeof DomainView>;
