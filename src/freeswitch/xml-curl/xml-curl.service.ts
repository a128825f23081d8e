// Everything behind POST /freeswitch/xml: the section dispatcher, the answer cache and what keeps
// it true (the change bus), and the read-side repositories of each section.
import type { FastifyBaseLogger } from 'fastify';
import type { XmlCurlConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import type { HotReads } from '../../db/hot-reads.ts';
import type { Change } from '../../infra/change-bus.ts';
import { createMediaStore } from '../../infra/media-store.ts';
import { storageSegments } from '../../domain/voicemails/voicemail-storage.ts';
import type { SecretBox } from '../../security/secrets.ts';
import { createAnswerCache } from './answer-cache.ts';
import { applyChange, type ChangeLabels } from './change-tags.ts';
import { configurationRepository } from './configuration/configuration.repository.ts';
import { createTrunkAddresses } from './configuration/trunk-addresses.ts';
import { CONFIGURATION_PARAMS, createConfigurationAnswers } from './configuration/configuration.answers.ts';
import { createDialplanAnswers, DIALPLAN_PARAMS } from './dialplan/dialplan.answers.ts';
import { dialplanRepository, type DialplanRepository } from './dialplan/dialplan.repository.ts';
import type { PublicProvider, TenantProvider } from './dialplan/extension-provider.ts';
import { createDirectoryAnswers, DIRECTORY_PARAMS } from './directory/directory.answers.ts';
import { directoryRepository } from './directory/directory.repository.ts';
import { FormFields, type FetchParams } from './form-body.ts';
import { loadTemplates } from './templates/template-store.ts';
import { trusted, UnsafeValueError } from './templates/trusted-text.ts';
import { NO_TAGS, toXml, type XmlAnswer } from './xml.ts';

/** Every field the sections read; the rest of a fetch's body is not decoded. */
export const FETCH_PARAMS = new FormFields(['section', ...DIRECTORY_PARAMS, ...DIALPLAN_PARAMS, ...CONFIGURATION_PARAMS]);

export interface XmlCurlDeps {
  config: XmlCurlConfig;
  db: Db;
  reads: HotReads;
  secrets: SecretBox;
  log: FastifyBaseLogger;
  /** Announces what Switchyard learns on its own (a trunk name's new addresses) as writes are announced. */
  publish(change: Change): void;
  /** The labels a change touches (change-tags.ts, from the modules' descriptors). */
  labelsOf: ChangeLabels;
  /** The modules' pieces of each dialplan context (src/modules.ts). */
  dialplan: DialplanPieces;
  /** MEDIA_DIR: voicemail.conf's storage-dir, the greetings the dialplan names and the music-on-hold files are under it. */
  mediaDir: string;
  /** Who e-mails new voicemail messages (VOICEMAIL_MAILER): what the directory tells mod_voicemail. */
  voicemailMailer: 'switchyard' | 'freeswitch';
}

/** What modules add to the dialplan: extensions in each tenant's context, and in `public`. */
export interface DialplanPieces {
  tenant: ((repo: DialplanRepository) => TenantProvider)[];
  public: ((repo: DialplanRepository) => PublicProvider)[];
}

export function createXmlCurl({ config, db, reads, secrets, log, publish, labelsOf, dialplan, mediaDir, voicemailMailer }: XmlCurlDeps) {
  const templates = loadTemplates(config.templatesDir);
  const cache = createAnswerCache({ enabled: config.cache, maxEntries: config.cacheMaxEntries });
  // With the listener thread (XML_CURL_PORT), the thread keeps every directory answer whole and
  // dedups the fetches it asks for; keeping them here too held each user twice (RSS after every
  // one of 10,000 users was fetched once: 350–355 MB, 306–316 without). What several answers share
  // (a dialplan context) is still kept here. FreeSWITCH pointed at the API's port instead then
  // gets its directory answers uncached (freeswitch/xml_curl.conf.xml points at the thread's port).
  const directoryCache = config.listen ? createAnswerCache({ enabled: false, maxEntries: 0 }) : cache;
  const notFound = toXml(templates.get('not-found.xml').render({}));
  const nothing: XmlAnswer = { xml: notFound, tags: NO_TAGS };
  const dialplans = dialplanRepository(db, mediaDir);

  const dialplanAnswers = createDialplanAnswers({
    repo: dialplans,
    cache,
    templates,
    tenantProviders: dialplan.tenant.map((make) => make(dialplans)),
    publicProviders: dialplan.public.map((make) => make(dialplans)),
  });

  const sections: Record<string, (p: FetchParams) => Promise<XmlAnswer>> = {
    directory: createDirectoryAnswers({
      repo: directoryRepository(db, reads),
      cache: directoryCache,
      templates,
      secrets,
      settings: { directoryAuth: config.directoryAuth, dialString: trusted(config.dialString), userCacheableMs: config.userCacheableMs, voicemailMailer },
    }),
    dialplan: dialplanAnswers.dialplan,
    configuration: createConfigurationAnswers({
      repo: configurationRepository(db),
      cache,
      templates,
      secrets,
      trustedNetworks: config.trustedNetworks,
      log,
      voicemailStorageDir: createMediaStore(mediaDir).pathOf(...storageSegments()),
      trunkAddresses: createTrunkAddresses({ log, onChange: () => publish({ entity: 'trunk_addresses', tenantId: null }) }),
      mediaDir,
    }),
  };

  return {
    templates,
    cache,
    /** The "not found" document: FreeSWITCH falls back to its own files (or refuses the lookup). */
    notFound,
    /**
     * The document for a fetch of `section` and the labels of the data it shows (the cache entry's
     * own, not a copy); sections Switchyard does not render answer not found.
     */
    answer(section: string, params: FetchParams): Promise<XmlAnswer> {
      // Own keys only: a fetch may name any section, "constructor" included.
      const answer = Object.hasOwn(sections, section) ? sections[section] : undefined;
      if (!answer) return Promise.resolve(nothing);
      return answer(params).catch((err: unknown) => {
        // Data written before the write-time checks existed: FreeSWITCH gets nothing rather than syntax it would run.
        if (!(err instanceof UnsafeValueError)) throw err;
        log.error({ template: err.template, placeholder: err.placeholder, section }, 'xml_curl: refused to render a value carrying FreeSWITCH syntax');
        return nothing;
      });
    },
    /** A tenant's rendered context, entry by entry (the /dialplans view). */
    dialplanEntries: dialplanAnswers.entries,
    labelsOf,
    onChange(change: Change): void {
      applyChange(labelsOf(change), cache);
    },
  };
}

export type XmlCurl = ReturnType<typeof createXmlCurl>;
