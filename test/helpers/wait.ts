// Waits for a condition the system reaches asynchronously (a reconnect, an event applied). It
// polls without a deadline of its own: a condition never reached fails through the test timeout.
export async function until(check: () => boolean | Promise<boolean>, everyMs = 5): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
