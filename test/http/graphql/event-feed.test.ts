// The bounded queue between the switch event stream and one GraphQL subscription.
import { describe, expect, it } from 'vitest';
import { eventFeed, SubscriptionOverflowError, type EventSource } from '../../../src/http/graphql/event-feed.ts';

function source<E>() {
  const listeners = new Set<(event: E) => void>();
  const stream: EventSource<E> & { emit(event: E): void; size(): number } = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (event) => listeners.forEach((l) => l(event)),
    size: () => listeners.size,
  };
  return stream;
}

describe('eventFeed', () => {
  it('yields the accepted events in order, whether they arrive before or after next()', async () => {
    const s = source<number>();
    const feed = eventFeed(s, (n) => (n % 2 === 0 ? n * 10 : undefined), 100);
    const pending = feed.next();
    s.emit(2);
    expect(await pending).toEqual({ value: 20, done: false });
    for (const n of [3, 4, 5, 6]) s.emit(n);
    expect(await feed.next()).toEqual({ value: 40, done: false });
    expect(await feed.next()).toEqual({ value: 60, done: false });
  });

  it('ends with an overflow error when the subscriber falls `limit` events behind, and lets go of the stream', async () => {
    const s = source<number>();
    const feed = eventFeed(s, (n) => n, 3);
    for (const n of [1, 2, 3, 4]) s.emit(n);
    expect(s.size()).toBe(0);
    await expect(feed.next()).rejects.toBeInstanceOf(SubscriptionOverflowError);
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps nothing once the subscriber leaves', async () => {
    const s = source<number>();
    const feed = eventFeed(s, (n) => n, 10);
    const pending = feed.next();
    await feed.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(s.size()).toBe(0);
    s.emit(1);
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });

  it('ends with the error its filter throws (an expired token)', async () => {
    const s = source<number>();
    const feed = eventFeed(s, (n) => {
      if (n > 1) throw new Error('Token has expired');
      return n;
    }, 10);
    const first = feed.next();
    s.emit(1);
    expect(await first).toEqual({ value: 1, done: false });
    const second = feed.next();
    s.emit(2);
    await expect(second).rejects.toThrow('Token has expired');
    expect(s.size()).toBe(0);
  });

  it('delivers a long run with a standing backlog in order, none lost', async () => {
    const s = source<number>();
    const feed = eventFeed(s, (n) => n, 5000);
    let expected = 0;
    let misordered = 0;
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 2000; i++) s.emit(round * 2000 + i);
      for (let i = 0; i < 2000; i++) if ((await feed.next()).value !== expected++) misordered++;
    }
    expect({ delivered: expected, misordered }).toEqual({ delivered: 200_000, misordered: 0 });
  });
});
