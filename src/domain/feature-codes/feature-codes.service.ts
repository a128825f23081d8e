// /feature_codes: the catalogue's codes (catalogue.ts) of the caller's tenant, read-only. A tenant
// admin or user reads its own tenant's; the super-admin one tenant's (tenant_id), or without it
// the core codes every tenant has.
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { parse } from '../shared/schema.ts';
import { queriedTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { CORE_FEATURE_CODES, type FeatureCatalogue, type FeatureCode } from './catalogue.ts';
import { FeatureCodeQuery, type FeatureCodeView } from './feature-codes.schema.ts';

export function featureCodeView(code: FeatureCode, context: string): FeatureCodeView {
  return {
    dialplanNumber: code.number,
    dialplanName: code.name,
    dialplanDescription: code.description,
    dialplanEnabled: code.enabled,
    dialplanExpression: code.expression,
    dialplanContext: context,
    featureAction: code.action,
    featureModule: code.module,
  };
}

export function createFeatureCodesService(deps: { catalogue: FeatureCatalogue; tenants: TenantsRepository }) {
  const { catalogue, tenants } = deps;
  const exists = async (id: number) => !!(await tenants.findById(id));

  return {
    async list(input: unknown, ctx: Ctx): Promise<FeatureCodeView[]> {
      authorize(ctx, 'feature_code_list');
      const { tenantId } = parse(FeatureCodeQuery, input ?? {});
      if (scopeOf(ctx.actor).kind === 'all' && tenantId === undefined && ctx.actor.tenantId === null) {
        return CORE_FEATURE_CODES.map((c) => featureCodeView(c, ''));
      }
      const id = await queriedTenant(ctx, tenantId, exists);
      const tenant = await tenants.findById(id);
      if (!tenant) throw notFound('Tenant');
      return (await catalogue.list(id)).map((c) => featureCodeView(c, tenant.domain));
    },
  };
}

export type FeatureCodesService = ReturnType<typeof createFeatureCodesService>;
