// The part of modesl 1.2.1 (no bundled types) that link.ts uses.
declare module 'modesl' {
  import type { Socket } from 'node:net';

  export interface EslEvent {
    headers: { name: string; value: string | number }[];
    type: string;
    getHeader(name: string): string | null;
    getBody(): string;
  }

  export interface EslParser {
    on(event: 'esl::event', listener: (event: EslEvent, headers: Record<string, string | number>, body?: string) => void): void;
    _parseHeaderText(text: string): Record<string, string | number>;
  }

  export class Connection {
    constructor(host: string, port: number, password: string, ready?: () => void);
    socket: Socket | null;
    parser: EslParser | undefined;
    /** Events modesl subscribes to (json) right after authenticating. */
    reqEvents: string[];
    api(command: string, cb: (event: EslEvent) => void): void;
    sendRecv(command: string, args: Record<string, string> | null, cb: (event: EslEvent) => void): void;
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    listeners(event: string): unknown[];
    removeAllListeners(): this;
  }

  const esl: { Connection: typeof Connection };
  export default esl;
}
