// Event Socket failures as the catalogue's errors: no node or a lost connection is 503, no reply
// in time 504, an argument a command cannot carry 400 naming the field.
import { AppError, switchFailed, switchTimeout, switchUnavailable, validationFailed } from '../../errors.ts';
import { EslClosedError, EslCommandError, EslTimeoutError, EslUnavailableError, InvalidArgumentError } from '../esl/index.ts';

export function asAppError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof InvalidArgumentError) return validationFailed(`${err.field}`, 'has characters FreeSWITCH cannot take');
  if (err instanceof EslUnavailableError || err instanceof EslClosedError) return switchUnavailable(err.message);
  if (err instanceof EslTimeoutError) return switchTimeout(`FreeSWITCH did not answer in time (${err.what})`);
  if (err instanceof EslCommandError) return switchFailed(`FreeSWITCH refused ${err.command}: ${err.reply}`);
  return err;
}

/** Runs `fn`, rethrowing Event Socket errors as AppErrors. */
export async function onSwitch<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asAppError(err);
  }
}
