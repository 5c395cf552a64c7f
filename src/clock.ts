/**
 * Today's date as YYYY-MM-DD (UTC). `LATCH_TODAY` pins it, so a plan made for review and the
 * tests that check expiry give the same answer on any day.
 */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.LATCH_TODAY;
  if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned)) return pinned;
  return new Date().toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
