// TOTP second factor (RFC 6238 through otplib): enrolment with an otpauth URI and QR code, then
// verification, either to confirm the enrolment or to finish an MFA-pending login. A code is
// accepted once: its time step must be newer than the last accepted one, claimed atomically.
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Config } from '../../config.ts';
import { requireActor, type Ctx } from '../../context.ts';
import { conflict, unauthorized } from '../../errors.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { UserRecord, UsersRepository } from '../users/users.repository.ts';
import type { AuthService, Session } from './auth.service.ts';
import { type Lockout } from './lockout.ts';
import type { SessionGrants } from './session-grants.ts';

/** One period either side, for phones whose clocks drift a little. */
const TOLERANCE_SECONDS = 30;

export interface Enrolment {
  secret: string;
  otpauthUrl: string;
  qrCodeUrl: string;
}

export type MfaCtx = Ctx & { mfaUserId?: number };

export type Verification = { kind: 'enrolled' } | ({ kind: 'session' } & Session);

export function createMfaService(deps: {
  config: Config;
  users: UsersRepository;
  lockout: Lockout;
  auth: Pick<AuthService, 'admit' | 'completeMfaLogin'>;
  secrets: SecretBox;
  activity: ActivityLog;
  grants: SessionGrants;
}) {
  const { users, activity } = deps;

  /** Checks the code against the user's secret and claims its time step; 401 otherwise. */
  async function accept(user: UserRecord, code: string, ctx: Ctx): Promise<void> {
    const subject = { userId: user.id, tenantId: user.tenantId, username: user.username };
    const account = await deps.auth.admit(user, user.username, ctx);
    if (!user.mfaSecret) throw conflict('No TOTP enrolment in progress; request /user/totpqrcode first');
    const secret = deps.secrets.open(user.mfaSecret);
    const result = await verify({ secret, token: code, epochTolerance: TOLERANCE_SECONDS, afterTimeStep: user.mfaLastStep });
    const step = result.valid && 'timeStep' in result ? result.timeStep : undefined;
    if (step === undefined || !(await users.claimTotpStep(user.id, step))) {
      // Wrong codes count towards the lockout like wrong passwords, so six digits cannot be guessed.
      await deps.lockout.failed(account, ctx.ip);
      await activity.record(ctx, 'mfa_failed', 'wrong or reused TOTP code', subject);
      throw unauthorized('Invalid or already used code');
    }
    await deps.lockout.succeeded(account, ctx.ip);
  }

  return {
    /** Starts (or restarts) enrolment for the caller: a new pending secret, shown once. */
    async enrol(ctx: Ctx): Promise<Enrolment> {
      requireActor(ctx);
      const user = await users.findById(ctx.actor.id);
      if (!user) throw unauthorized();
      if (user.mfaEnabled) throw conflict('MFA is already enabled for this user');
      const secret = generateSecret();
      const otpauthUrl = generateURI({ issuer: deps.config.jwt.issuer, label: user.username, secret });
      const qrCodeUrl = await QRCode.toDataURL(otpauthUrl);
      await users.update(user.id, { mfaSecret: deps.secrets.seal(secret) });
      await activity.record(ctx, 'mfa_enrolment_started', 'TOTP secret issued');
      return { secret, otpauthUrl, qrCodeUrl };
    },

    /**
     * With a full token: confirms the enrolment. With an MFA-pending token: completes the login,
     * answering a new session, and lets the pending token itself hold as that session from now on
     * (the ICTPBX client goes on with the token it logged in with).
     */
    async verify(input: { code: string }, ctx: MfaCtx): Promise<Verification> {
      if (ctx.actor) {
        const user = await users.findById(ctx.actor.id);
        if (!user) throw unauthorized();
        await accept(user, input.code, ctx);
        if (!user.mfaEnabled) {
          await users.update(user.id, { mfaEnabled: true });
          await activity.record(ctx, 'mfa_enabled', 'TOTP enrolment confirmed');
        }
        return { kind: 'enrolled' };
      }
      if (ctx.mfaUserId === undefined) throw unauthorized('Authentication required');
      const user = await users.findById(ctx.mfaUserId);
      if (!user || !user.mfaEnabled) throw unauthorized();
      await accept(user, input.code, ctx);
      if (ctx.token) await deps.grants.grant(ctx.token, user.id, user.tokenVersion);
      return { kind: 'session', ...(await deps.auth.completeMfaLogin(user.id, ctx)) };
    },
  };
}

export type MfaService = ReturnType<typeof createMfaService>;
