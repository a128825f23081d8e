// ICTCore answers times as unix seconds.
export function unixSeconds(d: Date): number;
export function unixSeconds(d: Date | null | undefined): number | null;
export function unixSeconds(d: Date | null | undefined): number | null {
  return d ? Math.floor(d.getTime() / 1000) : null;
}
