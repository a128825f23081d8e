// Switchyard's data (the SQLite database and its WAL, keys, secrets, the mail outbox) is its own:
// readable by the user it runs as and nobody else.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';

/** Creates `dir` (with its parents) as 0700; an existing one is made 0700. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Creates `file` empty as 0600 when absent, else makes it 0600. SQLite gives its -wal and -shm
 * files the mode of the database file, so they follow.
 */
export function privateFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}
