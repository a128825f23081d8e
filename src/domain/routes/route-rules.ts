// What makes an outbound route valid. Patterns are safe dial patterns (shared/dial-pattern.ts):
// regular expressions PCRE and JavaScript read alike, whose matching cannot run away.
import { validationFailed } from '../../errors.ts';
import { checkServiceFlag } from '../shared/service-flags.ts';
import { dialPatternProblem } from '../shared/dial-pattern.ts';
import type { RouteFields } from './routes.repository.ts';

export const TOLL_TYPES = ['', 'local', 'domestic', 'international'];

export function checkPattern(pattern: string, field = 'pattern'): void {
  const problem = dialPatternProblem(pattern);
  if (problem) throw validationFailed(field, problem);
}

function int(field: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw validationFailed(`${field}`, `must be an integer from ${min} to ${max}`);
  }
}

export function checkRouteFields(f: RouteFields): void {
  if (f.name !== undefined && (f.name.trim() === '' || f.name.length > 64)) throw validationFailed('name', 'must be 1 to 64 characters');
  if (f.pattern !== undefined) checkPattern(f.pattern);
  int('strip', f.strip, 0, 32);
  if (f.prepend !== undefined && !/^[0-9*#+]{0,16}$/.test(f.prepend)) throw validationFailed('prepend', 'must be at most 16 digits, *, # or +');
  int('priority', f.priority, 0, 10000);
  if (f.serviceFlag !== undefined) checkServiceFlag(f.serviceFlag, 'serviceFlag');
  if (f.tollType !== undefined && !TOLL_TYPES.includes(f.tollType)) throw validationFailed('tollType', "must be '', local, domestic or international");
  if (f.cost !== undefined && (!Number.isFinite(f.cost) || f.cost < 0 || f.cost > 1e6)) throw validationFailed('cost', 'must be a number from 0 to 1000000');
  if (f.description !== undefined && f.description.length > 1024) throw validationFailed('description', 'must be at most 1024 characters');
}
