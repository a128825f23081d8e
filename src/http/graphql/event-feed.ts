// One GraphQL subscription's view of the switch event stream: an async iterator that takes the
// events its filter accepts, in order, into a bounded queue. Mercurius pulls the next event only
// once the previous one went out on the socket, so a client that keeps up never loses one; a
// client that falls `limit` events behind gets an error and the subscription ends, rather than
// Switchyard buffering without bound (the client resynchronises with a query).

export interface EventSource<E> {
  subscribe(listener: (event: E) => void): () => void;
}

export class SubscriptionOverflowError extends Error {
  readonly extensions = { code: 503, reason: 'SUBSCRIPTION_OVERFLOW' };
  constructor(limit: number) {
    super(`The subscriber fell ${limit} events behind; subscribe again and resynchronise`);
  }
}

export function eventFeed<E, T>(source: EventSource<E>, pick: (event: E) => T | undefined, limit: number): AsyncIterableIterator<T> {
  let queue: T[] = [];
  let head = 0;
  let waiting: ((result: IteratorResult<T> | Promise<IteratorResult<T>>) => void) | null = null;
  let failure: Error | null = null;
  let done = false;

  const wake = () => {
    if (!waiting) return;
    const resolve = waiting;
    waiting = null;
    resolve(iterator.next());
  };

  const finish = () => {
    done = true;
    unsubscribe();
    queue = [];
    head = 0;
  };

  const unsubscribe = source.subscribe((event) => {
    if (done) return;
    let item: T | undefined;
    try {
      item = pick(event);
    } catch (err) {
      // The filter ends the subscription (its token expired, say) with the error it threw.
      failure = err as Error;
      finish();
      wake();
      return;
    }
    if (item === undefined) return;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: item, done: false });
      return;
    }
    if (queue.length - head >= limit) {
      failure = new SubscriptionOverflowError(limit);
      finish();
      return;
    }
    queue.push(item);
  });

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (head < queue.length) {
        const value = queue[head++];
        // Compact now and then so the consumed prefix does not pin memory.
        if (head > 1024 && head * 2 > queue.length) {
          queue = queue.slice(head);
          head = 0;
        }
        return Promise.resolve({ value, done: false });
      }
      if (failure) {
        const err = failure;
        failure = null;
        return Promise.reject(err);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      finish();
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: undefined, done: true });
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
