/**
 * Unmatched Payment under bursts, in virtual time (bench/perf/unmatchedModel.ts):
 * 250 ms per vendor request, 25 s per poll, Moneybird's 150 requests per
 * 5 minutes. Prints, per scenario, how many polls the queue needs, how long
 * that is at 5- and 15-minute polling, and that nothing was lost or doubled.
 *
 *   npx tsx bench/perf/unmatched.ts
 */
import { unmatchedId } from '../../unmatched/queue';
import { drain, ids, isKnown, MONEYBIRD_LIMIT, pagesOf, world } from './unmatchedModel';

interface Scenario {
  name: string;
  payments: number;
  /** Payments the feed shows per poll (each once). */
  perPoll: number;
  /** Something that happens after the first poll. */
  midway?: (w: ReturnType<typeof world>, batch: string[]) => void;
}

const SCENARIOS: Scenario[] = [
  { name: '200 payers in one day', payments: 200, perPoll: 200 },
  // In every scenario a third of the payers have an account (matched: 2 CRM requests), the rest none (1 request).
  { name: 'SEPA batch of 2,000', payments: 2_000, perPoll: 250 },
  { name: 'SEPA 2,000, Moneybird down 30 min', payments: 2_000, perPoll: 250, midway: (w) => w.outage(30 * 60_000) },
  { name: 'SEPA 2,000, state lost mid-burst', payments: 2_000, perPoll: 250, midway: (w) => w.loseState() },
];

const run = async (scenario: Scenario, pollEveryMs: number) => {
  const w = world(pollEveryMs);
  await w.poll([], { isPopulatingDedupe: true });
  const batch = ids(scenario.payments, 1);
  w.pay(batch);
  const pages = pagesOf(batch, scenario.perPoll);
  await w.poll(pages.shift() ?? []);
  scenario.midway?.(w, batch);
  const polls = 1 + (await drain(w, pages));
  const undecided = batch.filter((id) => !w.decisions.has(id)).length;
  const wrongFires = [...w.fired.keys()].filter((id) => !batch.some((payment) => !isKnown(payment) && unmatchedId(payment) === id)).length;
  const missed = batch.filter((id) => !isKnown(id) && !w.fired.has(unmatchedId(id))).length;
  const doubled = [...w.fired.values()].filter((count) => count > 1).length;
  const rechecked = batch.filter((id) => (w.decisions.get(id) ?? 0) > 1).length;
  return { polls, hours: (polls * pollEveryMs) / 3_600_000, undecided, missed, doubled, wrongFires, rechecked, ...w.stats() };
};

const main = async () => {
  const rows = [
    '| Scenario (Moneybird) | Polls | Hours at 5 min | Hours at 15 min | Undecided | Unmatched not fired | Fired twice | Fired wrongly | Checked twice | 429s | Max CRM requests in 5 min | Longest poll (s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const scenario of SCENARIOS) {
    const [five, fifteen] = [await run(scenario, 5 * 60_000), await run(scenario, 15 * 60_000)];
    rows.push(
      `| ${scenario.name} | ${five.polls} / ${fifteen.polls} | ${five.hours.toFixed(1)} | ${fifteen.hours.toFixed(1)} | ${five.undecided + fifteen.undecided} | ${five.missed + fifteen.missed} | ${five.doubled + fifteen.doubled} | ${five.wrongFires + fifteen.wrongFires} | ${five.rechecked} / ${fifteen.rechecked} | ${five.throttled + fifteen.throttled} | ${Math.max(five.maxInAnyWindow, fifteen.maxInAnyWindow)} (limit ${MONEYBIRD_LIMIT}) | ${(Math.max(five.longestPollMs, fifteen.longestPollMs) / 1000).toFixed(2)} |`,
    );
  }
  process.stdout.write(`${rows.join('\n')}\n`);
};

void main();
