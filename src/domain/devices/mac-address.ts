// A phone's MAC address as Switchyard keeps it: 12 lowercase hex digits, whatever spelling it was
// given in (`00:15:65:AA:BB:CC`, `00-15-65-aa-bb-cc`, `0015.65aa.bbcc`, `001565aabbcc`). Phones
// name their files with it in lowercase (Yealink `<mac>.cfg`, Polycom `<mac>.cfg`, Grandstream
// `cfg<mac>.xml`), so the stored form is also what the provisioning routes look up.

/** The usual spellings: bare, or in pairs split by `:` or `-`, or Cisco's dotted groups of four. */
const SPELLINGS = [/^[0-9a-f]{12}$/i, /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i, /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i];

/** The normalised address, or null when `given` is no MAC address in a usual spelling. */
export function normaliseMac(given: string): string | null {
  const text = given.trim();
  if (!SPELLINGS.some((s) => s.test(text))) return null;
  return text.replace(/[^0-9a-f]/gi, '').toLowerCase();
}

/** A normalised address with colons, as the client's list shows it. */
export const spelledMac = (mac: string) => mac.match(/.{2}/g)!.join(':');
