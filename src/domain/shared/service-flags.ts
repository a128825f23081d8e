// ICTCore service flags: a bit set of the services a provider or route carries (1 voice, 2 fax,
// 4 sms, 8 email, ...). Flags fit in 8 bits, so "has these bits" becomes a short list of values the
// database can filter and page on.
import { validationFailed } from '../../errors.ts';

export const SERVICE_FLAG_MAX = 255;

export function checkServiceFlag(flag: number, field: string): void {
  if (!Number.isInteger(flag) || flag < 1 || flag > SERVICE_FLAG_MAX) throw validationFailed(field, `must be a bit set from 1 to ${SERVICE_FLAG_MAX} (1 voice, 2 fax, ...)`);
}

/** Every flag value holding all bits of `mask`. */
export function flagsWith(mask: number, field = 'serviceFlag'): number[] {
  checkServiceFlag(mask, field);
  const values: number[] = [];
  for (let v = 1; v <= SERVICE_FLAG_MAX; v++) if ((v & mask) === mask) values.push(v);
  return values;
}
