// A role as the ICTPBX API shows it (the role schema, domain/roles/roles.schema.ts, in its words),
// with the permissions attached to it; `built_in` as 1/0 like ICTCore's other flags.
import type { RoleRecord } from '../../../domain/roles/roles.repository.ts';
import { RoleView } from '../../../domain/roles/roles.schema.ts';
import { roleView as domainRoleView } from '../../../domain/roles/roles.service.ts';
import { flag } from '../shared.ts';
import { toWire, wireAnswer } from '../wire.ts';

export const roleSchema = wireAnswer(RoleView, {
  built_in: { type: 'integer', enum: [0, 1], description: '1 for the built-in roles (user, admin, tenant), which cannot be renamed or deleted' },
});

export const roleView = (r: RoleRecord) => ({ ...toWire(domainRoleView(r)), built_in: flag(r.builtIn) });
