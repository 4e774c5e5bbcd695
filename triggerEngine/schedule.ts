/**
 * Which mapped pages a poll re-reads (see triggerEngine/pageMap.ts). Measured with
 * `npm run bench:triggers`: re-reading every still-open page within REREAD_MS
 * keeps late changes within the hour at 700 payments a day, while polls
 * without a due page stay at a few requests.
 */

/** What the schedule needs to know of a page. */
export interface Scheduled {
  /** nowMs() when it was last read. */
  seenAt: number;
  /** Items on it that could still change when it was last read. */
  open: number;
}

/** A page is due again this long after it was last read. */
export const REREAD_MS = 45 * 60_000;
/** A poll that re-reads due pages also takes those due within this long, so the next polls stay light. */
export const PULL_AHEAD_MS = 20 * 60_000;

const staleness = (page: Scheduled, now: number) => now - page.seenAt;

/** Expected changes missed so far: open items times the time since the page was read. */
export const hotness = (page: Scheduled, now: number) => page.open * Math.max(1, staleness(page, now));

export const isDue = (page: Scheduled, now: number) => staleness(page, now) >= REREAD_MS;

/**
 * Pages to re-read, in order. With a due page: the due ones (most changeable
 * first), then the ones falling due soon (stalest first). Without: the pages
 * most likely to have changed; the caller caps how many.
 */
export const rereadOrder = <P extends Scheduled>(pages: P[], now: number): { due: boolean; order: P[] } => {
  const byHotness = (a: P, b: P) => hotness(b, now) - hotness(a, now);
  const due = pages.filter((page) => isDue(page, now)).sort(byHotness);
  if (!due.length) return { due: false, order: [...pages].sort(byHotness) };
  const ahead = pages
    .filter((page) => !isDue(page, now) && staleness(page, now) >= REREAD_MS - PULL_AHEAD_MS)
    .sort((a, b) => a.seenAt - b.seenAt);
  return { due: true, order: [...due, ...ahead] };
};
