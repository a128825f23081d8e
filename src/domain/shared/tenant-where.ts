// The database condition for "one of these tenants" where null stands for shared objects;
// repositories spread it into their where clause.
export function tenantWhere(tenantIds: readonly (number | null)[] | undefined) {
  if (!tenantIds) return {};
  const ids = tenantIds.filter((t): t is number => t !== null);
  const shared = tenantIds.includes(null);
  return { OR: [...(ids.length ? [{ tenantId: { in: ids } }] : []), ...(shared ? [{ tenantId: null }] : []), ...(!ids.length && !shared ? [{ tenantId: -1 }] : [])] };
}
