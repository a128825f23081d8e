// Subscription.channelEvents / registrationEvents: the Event Socket's event stream, filtered to
// what the subscriber may see (the same tenant scoping as GET /realtime) and to the domain or
// node it asked for. The connection authenticated once (subscriptions.ts); its token's expiry
// ends every subscription on it.
import { requireActor, type Actor, type Ctx } from '../../context.ts';
import { unauthorized } from '../../errors.ts';
import type { SwitchEvent } from '../../freeswitch/esl/index.ts';
import type { GqlContext } from './context.ts';
import { eventFeed } from './event-feed.ts';

export interface SubscriptionContext extends GqlContext {
  /** The actor of the token connection_init carried, over the upgrade request's. */
  bearer?: Actor;
  /** When the connection's token expires (ms since the epoch). */
  expiresAt: number;
}

interface EventArgs {
  domain?: string | null;
  node?: string | null;
}

type ChannelEvent = Extract<SwitchEvent, { kind: 'channel' }>;
type RegistrationEvent = Extract<SwitchEvent, { kind: 'registration' }>;

const epoch = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000));

async function feed<T extends SwitchEvent>(
  kind: T['kind'],
  args: EventArgs,
  context: SubscriptionContext,
  visible: (event: T, viewer: Awaited<ReturnType<GqlContext['services']['realtime']['viewer']>>) => boolean,
) {
  const { services, expiresAt } = context;
  const ctx: Ctx = { ...context.ctx, actor: context.bearer ?? context.ctx.actor };
  requireActor(ctx);
  const viewer = await services.realtime.viewer(ctx);
  const domain = args.domain?.toLowerCase();
  return eventFeed(
    services.esl.events,
    (event: SwitchEvent) => {
      if (event.kind !== kind) return undefined;
      if (Date.now() >= expiresAt) throw unauthorized('Token has expired');
      const e = event as T & { domain: string | null };
      if ((domain && e.domain !== domain) || (args.node && e.node !== args.node) || !visible(e, viewer)) return undefined;
      return e;
    },
    services.config.graphql.subscriptionBuffer,
  );
}

export const subscriptionResolvers = {
  Subscription: {
    channelEvents: {
      subscribe: (_: unknown, args: EventArgs, context: SubscriptionContext) =>
        feed<ChannelEvent>('channel', args, context, (e, viewer) => viewer.channel(e.channel)),
      resolve: (event: ChannelEvent) => event,
    },
    registrationEvents: {
      subscribe: (_: unknown, args: EventArgs, context: SubscriptionContext) =>
        feed<RegistrationEvent>('registration', args, context, (e, viewer) => viewer.registration(e.registration)),
      resolve: (event: RegistrationEvent) => event,
    },
  },
  ChannelEvent: {
    at: (e: ChannelEvent) => new Date(e.at),
  },
  RegistrationEvent: {
    at: (e: RegistrationEvent) => new Date(e.at),
  },
  LiveChannel: {
    createdAt: (c: ChannelEvent['channel']) => epoch(c.createdAt),
    answeredAt: (c: ChannelEvent['channel']) => epoch(c.answeredAt),
  },
  LiveRegistration: {
    expiresAt: (r: RegistrationEvent['registration']) => epoch(r.expiresAt),
  },
};
