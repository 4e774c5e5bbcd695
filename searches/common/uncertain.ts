import type { ZObject } from 'zapier-platform-core';

/**
 * What a search does when it cannot be certain. A Zap uses a search's FIRST
 * result, so a search returns a result only when it is sure of it:
 *
 * - nothing there: `[]`. Zapier shows the step as "nothing found" (or goes on,
 *   if the user chose so), and a search-or-create goes on to create.
 * - several candidates, or keys pointing at different records: the step
 *   halts with the reason. Zapier shows a HaltedError's message in the Zap
 *   history (status Stopped / Halted; unlike an error, halts never turn the
 *   Zap off), whereas z.console output never reaches the user and an empty
 *   result reads the same as "no such customer". Halting also keeps a
 *   search-or-create from creating one more account beside those that exist.
 */
export const haltUncertain = (z: ZObject, why: string): never => {
  throw new z.errors.HaltedError(
    `Nothing certain, so nothing was chosen (a Zap would use whichever came first): ${why}`,
  );
};

const MAX_NAMED = 5;

/** "Shared One (id 1), Shared Two (id 2)", at most five, then how many more were found (a CRM may have more than it lists). */
export const named = (accounts: Array<{ id: string; name: string }>): string => {
  const listed = accounts.slice(0, MAX_NAMED).map((account) => `${account.name} (id ${account.id})`);
  const more = accounts.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more found` : listed.join(', ');
};
