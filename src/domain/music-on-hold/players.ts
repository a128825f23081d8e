// Who plays a music-on-hold class: the modules whose objects have a hold music (an extension's
// hold_music, a call queue's moh sound, a conference room's hold music) register what they play
// (module.ts: playsHoldMusic), so a class name something plays is not deleted or renamed away
// (409) without the music-on-hold module knowing those modules or their tables.

export interface HoldMusicPlayer {
  /** What its objects are called in a refusal (extension, call queue, conference). */
  type: string;
  /** The numbers of the tenant's objects whose hold music is the class name `name`. */
  playing(tenantId: number, name: string): Promise<string[]>;
}

export interface HoldMusicPlayers {
  register(player: HoldMusicPlayer): void;
  /** What plays the tenant's class name, by kind of object (only kinds with some). */
  playing(tenantId: number, name: string): Promise<{ type: string; numbers: string[] }[]>;
}

export function createHoldMusicPlayers(): HoldMusicPlayers {
  const players: HoldMusicPlayer[] = [];
  return {
    register(player) {
      players.push(player);
    },
    async playing(tenantId, name) {
      const found = await Promise.all(players.map(async (p) => ({ type: p.type, numbers: await p.playing(tenantId, name) })));
      return found.filter((f) => f.numbers.length > 0);
    },
  };
}
