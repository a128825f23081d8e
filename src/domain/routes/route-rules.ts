// What makes an outbound route valid beyond its schema (routes.schema.ts): it names a destination
// or a pattern, not both; a pattern is a safe dial pattern (shared/dial-pattern.ts), a regular
// expression PCRE and JavaScript read alike whose matching cannot run away; a service flag is a
// bit set of known width.
import { validationFailed } from '../../errors.ts';
import { dialPatternProblem } from '../shared/dial-pattern.ts';
import { checkServiceFlag } from '../shared/service-flags.ts';

export function checkPattern(pattern: string, field = 'pattern'): void {
  const problem = dialPatternProblem(pattern);
  if (problem) throw validationFailed(field, problem);
}

/** The route as it will be written. */
export function checkRoute(state: { destinationId: string | null; pattern: string; serviceFlag: number }): void {
  if (state.destinationId !== null && state.pattern !== '') throw validationFailed('pattern', 'must be empty for a route to a destination (destination_id)');
  if (state.destinationId === null && state.pattern === '') throw validationFailed('destinationId', 'is required: a route names a destination or a pattern');
  if (state.pattern !== '') checkPattern(state.pattern);
  checkServiceFlag(state.serviceFlag, 'serviceFlag');
}
