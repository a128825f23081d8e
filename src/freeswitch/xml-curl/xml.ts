// Cached answers are kept as UTF-8 bytes: half the memory of V8's two-byte strings, and nothing
// left to encode when one is sent again.
export type Xml = Buffer;

export const toXml = (document: string): Xml => Buffer.from(document, 'utf8');
