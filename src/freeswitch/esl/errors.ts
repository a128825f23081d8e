// What can go wrong talking to a FreeSWITCH node, as values the rest of the app can tell apart.

export class EslError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The node rejected the Event Socket password. */
export class EslAuthError extends EslError {
  constructor() {
    super('Event Socket authentication failed');
  }
}

/** No reply within the time allowed. */
export class EslTimeoutError extends EslError {
  constructor(readonly what: string) {
    super(`${what} timed out`);
  }
}

/** The connection ended (or was never up) before the reply came. */
export class EslClosedError extends EslError {
  constructor(readonly reason: string) {
    super(`Event Socket connection ended: ${reason}`);
  }
}

/** No TCP connection could be made (refused, unreachable, or the connect timed out): the node is down. */
export class EslUnreachableError extends EslError {
  constructor(readonly reason: string) {
    super(`Event Socket unreachable: ${reason}`);
  }
}

/** The node is not connected (or not configured). */
export class EslUnavailableError extends EslError {
  constructor(readonly node: string) {
    super(`FreeSWITCH node ${node} is not connected`);
  }
}

/** FreeSWITCH answered `-ERR ...`. */
export class EslCommandError extends EslError {
  constructor(
    readonly command: string,
    readonly reply: string,
  ) {
    super(`${command}: ${reply}`);
  }
}
