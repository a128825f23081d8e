// The configuration section: sofia.conf and acl.conf are rendered from the database; every other
// .conf answers "not found" so FreeSWITCH reads its own file until a later module renders it.
import { isIP } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { profileValueProblem } from '../../../domain/shared/switch-syntax.ts';
import type { SecretBox } from '../../../security/secrets.ts';
import type { AnswerCache } from '../answer-cache.ts';
import { tags } from '../change-tags.ts';
import type { FetchParams } from '../form-body.ts';
import { toXml, type Xml } from '../xml.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import { trusted } from '../templates/trusted-text.ts';
import type { ConfigurationRepository, ProfileSetting, Trunk } from './configuration.repository.ts';
import type { TrunkAddresses } from './trunk-addresses.ts';

/** The fields of a configuration fetch the answers read. */
export const CONFIGURATION_PARAMS = ['key_name', 'key_value', 'profile'];

/** The profile whose registrations span every tenant: it aliases all directory domains. */
export const DOMAINS_PROFILE = 'internal';

export interface ConfigurationDeps {
  repo: ConfigurationRepository;
  cache: AnswerCache;
  templates: TemplateStore;
  secrets: SecretBox;
  trustedNetworks: readonly string[];
  log: FastifyBaseLogger;
  /** The trunks' addresses (acl.conf needs addresses), names resolved in the background. */
  trunkAddresses: TrunkAddresses;
}

const asCidr = (address: string) => (address.includes('/') ? address : `${address}/${isIP(address) === 6 ? 128 : 32}`);

function gateway(trunk: Trunk, secrets: SecretBox) {
  const realm = trunk.realm || trunk.host;
  return {
    name: trunk.gatewayUuid,
    providerId: trunk.id,
    // sofia drops a gateway without both; trunks that authenticate by address carry none.
    username: trunk.username || 'switchyard',
    password: (trunk.passwordEnc && secrets.open(trunk.passwordEnc)) || 'switchyard',
    realm,
    proxy: trunk.port && trunk.port !== 5060 ? `${trunk.host}:${trunk.port}` : trunk.host,
    fromDomain: trunk.fromDomain,
    register: trunk.register,
    expireSeconds: trunk.expireSeconds,
    retrySeconds: trunk.retrySeconds,
    callerIdInFrom: trunk.callerIdInFrom,
    transport: trunk.transport || 'udp',
    // sofia ignores pings under 5 s.
    ping: trunk.pingSeconds >= 5 ? trunk.pingSeconds : undefined,
  };
}

export function createConfigurationAnswers({ repo, cache, templates, secrets, trustedNetworks, log, trunkAddresses }: ConfigurationDeps) {
  const notFound = toXml(templates.get('not-found.xml').render({}));

  /**
   * Settings may name FreeSWITCH variables (checked when written); one that fails the check again
   * here (written before the check existed) is left out rather than take the profile down.
   */
  function profileSettings(settings: ProfileSetting[]) {
    return settings.flatMap((s) => {
      const problem = profileValueProblem(s.value);
      if (problem === null) return [{ name: s.name, value: trusted(s.value) }];
      log.error({ profile: s.profile, setting: s.name, problem }, 'sofia.conf: setting left out');
      return [];
    });
  }

  function sofia(profile: string, seen?: string[]): Promise<Xml | null> {
    return cache.get<Xml | null>(`cfg:sofia:${profile}`, async () => {
      const [settings, trunks] = await Promise.all([repo.profileSettings(), repo.activeTrunks()]);
      const names = [...new Set(settings.map((s) => s.profile))].filter((name) => !profile || name === profile);
      const dependsOn = [tags.sipProfiles, tags.providers];
      if (names.length === 0) return { value: null, tags: dependsOn };
      const profiles = names.map((name) => ({
        name,
        aliasDomains: name === DOMAINS_PROFILE,
        settings: profileSettings(settings.filter((s) => s.profile === name)),
        gateways: trunks.filter((t) => t.profile === name).map((t) => gateway(t, secrets)),
      }));
      return { value: toXml(templates.get('sofia.conf.xml').render({ profiles })), tags: dependsOn };
    }, seen);
  }

  function acl(seen?: string[]): Promise<Xml> {
    return cache.get('cfg:acl', async () => {
      const [trunks, domains] = await Promise.all([repo.activeTrunks(), repo.activeDomains()]);
      const addresses = trunkAddresses.addressesOf(trunks.map((t) => t.host));
      const providers = [...new Set([...addresses, ...trustedNetworks].map(asCidr))];
      return { value: toXml(templates.get('acl.conf.xml').render({ providers, domains })), tags: [tags.providers, tags.tenants, tags.trunkAddresses] };
    }, seen);
  }

  return async function configuration(p: FetchParams, seen?: string[]): Promise<Xml> {
    const name = p.key_name === 'name' || !p.key_name ? p.key_value : '';
    if (name === 'sofia.conf') return (await sofia(p.profile ?? '', seen)) || notFound;
    if (name === 'acl.conf') return acl(seen);
    return notFound;
  };
}
