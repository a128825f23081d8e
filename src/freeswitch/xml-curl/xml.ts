// Cached answers are kept as UTF-8 bytes: half the memory of V8's two-byte strings, and nothing
// left to encode when one is sent again.
export type Xml = Buffer;

export const toXml = (document: string): Xml => Buffer.from(document, 'utf8');

/** A document for FreeSWITCH and the labels of the data it shows (answer-cache.ts, change-tags.ts). */
export interface XmlAnswer {
  readonly xml: Xml | string;
  readonly tags: readonly string[];
}

/** The labels of an answer that read no data; one array shared by all of them. */
export const NO_TAGS: readonly string[] = Object.freeze([]);
