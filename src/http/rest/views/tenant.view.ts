// A tenant as the ICTPBX API shows it: the tenant view in the client's words, `active` as '1'/'0'
// (the form's radios hold the strings '1' and '0' and Angular matches them strictly).
import { TenantView } from '../../../domain/tenants/tenants.schema.ts';
import { toWire, wireAnswer } from '../wire.ts';

export const tenantSchema = wireAnswer(TenantView, { active: { type: 'string', enum: ['0', '1'] } });

export const tenantAnswer = (view: TenantView) => ({ ...toWire(view), active: view.active ? '1' : '0' });
