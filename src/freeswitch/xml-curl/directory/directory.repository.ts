// The directory's read side, shaped for xml_curl's hot path: a user lookup is one statement that
// answers both "is the domain a live tenant" and "is the user an enabled extension of it", so a
// miss still knows which of the two it was. Lookups that arrive together (REGISTER storms after a
// restart) share one statement. Only active tenants and enabled extensions are seen.
import DataLoader from 'dataloader';
import type { Db } from '../../../db/database.ts';
import type { HotReads, Row } from '../../../db/hot-reads.ts';
import type { ExtensionRecord } from '../../../domain/extensions/extensions.repository.ts';

export interface DirectoryTenant {
  id: number;
  domain: string;
  domainUuid: string;
  maxConcurrentCalls: number;
}

/**
 * An enabled extension as the directory renders it: the stored extension less its bookkeeping,
 * with its voicemail box's e-mail settings (a box's defaults when it has none: attach, keep).
 */
export type DirectoryUser = Omit<
  ExtensionRecord,
  'tenantId' | 'userId' | 'enabled' | 'description' | 'followMeEnabled' | 'createdAt' | 'updatedAt' | 'domain' | 'domainUuid' | 'tenantName' | 'username'
> & { voicemailFile: string; voicemailKeepLocal: boolean };

/** What a listing shows of a user: no secrets. */
export type ListedUser = Pick<
  DirectoryUser,
  'id' | 'extension' | 'displayName' | 'effectiveCallerIdName' | 'effectiveCallerIdNumber' | 'callGroup' | 'cidr' | 'doNotDisturb'
>;

// SQLite hands booleans back as 0/1 and PostgreSQL as true/false; counts may come as bigint.
const bool = (v: unknown) => v === true || v === 1 || v === 1n || v === '1' || v === 't' || v === 'true';
const int = (v: unknown) => Number(v ?? 0);

const tenantSelect = { id: true, domain: true, domainUuid: true, maxConcurrentCalls: true } as const;
const listedSelect = {
  id: true,
  extension: true,
  displayName: true,
  effectiveCallerIdName: true,
  effectiveCallerIdNumber: true,
  callGroup: true,
  cidr: true,
  doNotDisturb: true,
} as const;

function userOf(r: Row): DirectoryUser {
  return {
    id: String(r.id),
    extension: String(r.extension),
    numberAlias: String(r.numberAlias ?? ''),
    passwordEnc: String(r.passwordEnc ?? ''),
    displayName: String(r.displayName ?? ''),
    effectiveCallerIdName: String(r.effectiveCallerIdName ?? ''),
    effectiveCallerIdNumber: String(r.effectiveCallerIdNumber ?? ''),
    outboundCallerIdName: String(r.outboundCallerIdName ?? ''),
    outboundCallerIdNumber: String(r.outboundCallerIdNumber ?? ''),
    emergencyCallerIdName: String(r.emergencyCallerIdName ?? ''),
    emergencyCallerIdNumber: String(r.emergencyCallerIdNumber ?? ''),
    directoryFirstName: String(r.directoryFirstName ?? ''),
    directoryLastName: String(r.directoryLastName ?? ''),
    directoryVisible: bool(r.directoryVisible),
    directoryExtenVisible: bool(r.directoryExtenVisible),
    accountcode: String(r.accountcode ?? ''),
    tollAllow: String(r.tollAllow ?? ''),
    callTimeout: int(r.callTimeout),
    callGroup: String(r.callGroup ?? ''),
    userRecord: String(r.userRecord ?? ''),
    holdMusic: String(r.holdMusic ?? ''),
    absoluteCodecString: String(r.absoluteCodecString ?? ''),
    authAcl: String(r.authAcl ?? ''),
    cidr: String(r.cidr ?? ''),
    doNotDisturb: bool(r.doNotDisturb),
    forwardAllEnabled: bool(r.forwardAllEnabled),
    forwardAllDestination: String(r.forwardAllDestination ?? ''),
    forwardBusyEnabled: bool(r.forwardBusyEnabled),
    forwardBusyDestination: String(r.forwardBusyDestination ?? ''),
    forwardNoAnswerEnabled: bool(r.forwardNoAnswerEnabled),
    forwardNoAnswerDestination: String(r.forwardNoAnswerDestination ?? ''),
    forwardUserNotRegisteredEnabled: bool(r.forwardUserNotRegisteredEnabled),
    forwardUserNotRegisteredDestination: String(r.forwardUserNotRegisteredDestination ?? ''),
    voicemailEnabled: bool(r.voicemailEnabled),
    voicemailPasswordEnc: String(r.voicemailPasswordEnc ?? ''),
    voicemailMailTo: String(r.voicemailMailTo ?? ''),
    voicemailFile: r.voicemailFile == null ? 'attach' : String(r.voicemailFile),
    voicemailKeepLocal: r.voicemailKeepLocal == null ? true : bool(r.voicemailKeepLocal),
  };
}

export interface UserLookup {
  tenant: DirectoryTenant | null;
  user: DirectoryUser | null;
}

const tenantOf = (row: Row): DirectoryTenant => ({
  id: int(row.tenantId),
  domain: String(row.domain),
  domainUuid: String(row.domainUuid),
  maxConcurrentCalls: int(row.maxConcurrentCalls),
});

/**
 * One row per asked-for key whose domain is a live tenant, with the extension's columns when it is
 * an enabled extension of it (NULL otherwise). The keys are a VALUES list, so a batch of n keys is
 * one SQL text whatever they are: a statement prepared once per batch size.
 */
function userLookupSql(keys: number): string {
  const wanted = Array.from({ length: keys }, () => '(CAST(? AS TEXT), CAST(? AS TEXT))').join(', ');
  return `
    WITH wanted(domain, extension) AS (VALUES ${wanted})
    SELECT w.domain AS "wantedDomain", w.extension AS "wantedUser",
           t.id AS "tenantId", t.domain AS "domain", t.domain_uuid AS "domainUuid",
           t.max_concurrent_calls AS "maxConcurrentCalls",
           e.id AS "id", e.extension AS "extension", e.number_alias AS "numberAlias", e.password_enc AS "passwordEnc",
           e.display_name AS "displayName",
           e.effective_caller_id_name AS "effectiveCallerIdName", e.effective_caller_id_number AS "effectiveCallerIdNumber",
           e.outbound_caller_id_name AS "outboundCallerIdName", e.outbound_caller_id_number AS "outboundCallerIdNumber",
           e.emergency_caller_id_name AS "emergencyCallerIdName", e.emergency_caller_id_number AS "emergencyCallerIdNumber",
           e.directory_first_name AS "directoryFirstName", e.directory_last_name AS "directoryLastName",
           e.directory_visible AS "directoryVisible", e.directory_exten_visible AS "directoryExtenVisible",
           e.absolute_codec_string AS "absoluteCodecString",
           e.accountcode AS "accountcode", e.toll_allow AS "tollAllow", e.call_timeout AS "callTimeout",
           e.call_group AS "callGroup", e.user_record AS "userRecord", e.hold_music AS "holdMusic",
           e.auth_acl AS "authAcl", e.cidr AS "cidr", e.do_not_disturb AS "doNotDisturb",
           e.forward_all_enabled AS "forwardAllEnabled", e.forward_all_destination AS "forwardAllDestination",
           e.forward_busy_enabled AS "forwardBusyEnabled", e.forward_busy_destination AS "forwardBusyDestination",
           e.forward_no_answer_enabled AS "forwardNoAnswerEnabled", e.forward_no_answer_destination AS "forwardNoAnswerDestination",
           e.forward_user_not_registered_enabled AS "forwardUserNotRegisteredEnabled",
           e.forward_user_not_registered_destination AS "forwardUserNotRegisteredDestination",
           e.voicemail_enabled AS "voicemailEnabled", e.voicemail_password_enc AS "voicemailPasswordEnc",
           e.voicemail_mail_to AS "voicemailMailTo",
           v.file AS "voicemailFile", v.keep_local_after_email AS "voicemailKeepLocal"
    FROM wanted w
    JOIN tenants t ON t.domain = w.domain AND t.active = TRUE
    LEFT JOIN extensions e ON e.tenant_id = t.id AND e.extension = w.extension AND e.enabled = TRUE
    LEFT JOIN voicemails v ON v.extension_id = e.id`;
}

/**
 * DataLoader scheduling that lets batches grow while the database is busy. A batch leaves at the
 * end of the event-loop turn if fewer than `limit` are running, else when one finishes, and the
 * lookups that arrive meanwhile join it. Otherwise a burst of registrations (every request handled
 * in a turn of its own) became a queue of one-key queries waiting for a pool connection.
 */
function batchWhileBusy(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const start = (dispatch: () => void) => {
    running++;
    dispatch();
  };
  return {
    schedule: (dispatch: () => void) => void setImmediate(() => (running < limit ? start(dispatch) : waiting.push(dispatch))),
    finished() {
      running--;
      const next = waiting.shift();
      if (next) start(next);
    },
  };
}

export function directoryRepository(db: Db, reads: HotReads) {
  const lookupSql: string[] = [];
  const batching = batchWhileBusy(reads.connections);

  async function tenant(domain: string): Promise<DirectoryTenant | null> {
    return db.tenant.findFirst({ where: { domain, active: true }, select: tenantSelect });
  }

  /** Each asked-for (domain, user) with its live tenant, and the enabled extension when there is one. */
  async function lookup(keys: readonly { domain: string; user: string }[]): Promise<UserLookup[]> {
    let rows: Row[];
    try {
      rows = await reads.all((lookupSql[keys.length] ??= userLookupSql(keys.length)), keys.flatMap((k) => [k.domain, k.user]));
    } finally {
      batching.finished();
    }
    const found = new Map(rows.map((r) => [`${r.wantedDomain}\n${r.wantedUser}`, r]));
    return keys.map(({ domain, user }) => {
      const row = found.get(`${domain}\n${user}`);
      if (!row) return { tenant: null, user: null };
      return { tenant: tenantOf(row), user: row.id == null ? null : userOf(row) };
    });
  }

  const users = new DataLoader(lookup, { cache: false, maxBatchSize: 64, batchScheduleFn: batching.schedule });

  return {
    tenant,

    /** The live tenant of `domain` and its enabled extension `user` (null when either is not). */
    user(domain: string, user: string): Promise<UserLookup> {
      return users.load({ domain, user });
    },

    /** Every live tenant's domain, in a stable order. */
    async domains(): Promise<string[]> {
      const rows = await db.tenant.findMany({ where: { active: true }, select: { domain: true }, orderBy: { domain: 'asc' } });
      return rows.map((r) => r.domain);
    },

    /** The tenant's enabled extensions that carry a CIDR (network lists). */
    async usersWithCidr(domain: string): Promise<{ tenant: DirectoryTenant; users: ListedUser[] } | null> {
      const found = await db.tenant.findFirst({
        where: { domain, active: true },
        select: { ...tenantSelect, extensions: { where: { enabled: true, NOT: { cidr: '' } }, select: listedSelect, orderBy: { extension: 'asc' } } },
      });
      if (!found) return null;
      const { extensions, ...t } = found;
      return { tenant: t, users: extensions };
    },

    /** The tenant's enabled extensions in call group `group` (a comma-separated list on each). */
    async groupMembers(domain: string, group: string): Promise<{ tenant: DirectoryTenant; users: ListedUser[] } | null> {
      const found = await db.tenant.findFirst({
        where: { domain, active: true },
        select: { ...tenantSelect, extensions: { where: { enabled: true, callGroup: { contains: group } }, select: listedSelect, orderBy: { extension: 'asc' } } },
      });
      if (!found) return null;
      const { extensions, ...t } = found;
      const members = extensions.filter((e) => e.callGroup.split(',').some((g) => g.trim() === group));
      return { tenant: t, users: members };
    },

    /** The whole directory without secrets: every live tenant with its enabled extensions. */
    async everything(): Promise<{ tenant: DirectoryTenant; users: ListedUser[] }[]> {
      const found = await db.tenant.findMany({
        where: { active: true },
        select: { ...tenantSelect, extensions: { where: { enabled: true }, select: listedSelect, orderBy: { extension: 'asc' } } },
        orderBy: { domain: 'asc' },
      });
      return found.map(({ extensions, ...t }) => ({ tenant: t, users: extensions }));
    },
  };
}

export type DirectoryRepository = ReturnType<typeof directoryRepository>;
