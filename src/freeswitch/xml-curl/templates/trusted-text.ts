// A template refuses to place a value that carries FreeSWITCH's expansion syntax (`${...}`,
// `$${...}`): text from the database is a user's, and FreeSWITCH would run what it names. Text
// Switchyard writes itself (a bridge to `${destination_number}`, the configured dial-string, a
// SIP profile setting checked against the stock globals) is wrapped in TrustedText instead.

export class TrustedText {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export const trusted = (text: string) => new TrustedText(text);

/** A value reached a template carrying FreeSWITCH syntax: nothing of the document is served. */
export class UnsafeValueError extends Error {
  constructor(
    readonly template: string,
    readonly placeholder: string,
  ) {
    super(`${template}: refused to place {{${placeholder}}}: its value carries FreeSWITCH syntax ("\${")`);
    this.name = 'UnsafeValueError';
  }
}
