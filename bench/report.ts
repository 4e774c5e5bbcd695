import type { PollerResult, SimulationResult, Stats } from './simulation';

const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const num = (value: number, digits = 0) => value.toFixed(digits);
const triple = (s: Stats, digits = 0) => `${num(s.median, digits)} / ${num(s.p99, digits)} / ${num(s.max, digits)}`;
const LABEL: Record<PollerResult['poller'], string> = { ours: 'ours (newest page + sweep)', naive: 'naive (newest 250 by status)' };

/** The side-by-side markdown table of a simulation. */
export const markdownReport = (result: SimulationResult): string => {
  const { options } = result;
  const lines = [
    `Workload: ${result.paymentsInPeriod.toLocaleString('en')} payments created during ${options.days} simulated days ` +
      `(${options.paymentsPerDay}/day; plus ${options.historyDays} days of history before the Zaps were turned on, ` +
      `${result.payments.toLocaleString('en')} payments in all), polled every ${options.pollMinutes} minutes. ` +
      `Bank transfers paid 1–14 days after creation, SEPA direct debits paid or failed after ~5 days, refunds (partial, ` +
      `then sometimes the rest) 1–20 days after payment, chargebacks 3–30 days after. Events are counted when they happen ` +
      `during the ${options.days} days; polling goes on ${options.drainHours} h longer so changes found late are delivered. ` +
      `Modelled time: ${options.msPerRequest} ms per request. First poll of each Zap only fills Zapier's dedupe.`,
    '',
    '| Trigger | Poller | Delivered / happened | Duplicates | Old or unknown fired | Requests per poll (median / p99 / max) | Modelled time per poll, ms (median / p99 / max) | Delay, hours (median / p99 / max) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.results.map(
      (r) =>
        `| ${r.trigger} | ${LABEL[r.poller]} | ${r.delivered} / ${r.happened} (${pct(r.delivered, r.happened)}) | ${r.duplicates} | ${r.spurious} | ` +
        `${triple(r.requestsPerPoll)} | ${triple(r.modelledMsPerPoll)} | ${triple(r.delayHours, 2)} |`,
    ),
    '',
    `Polls per Zap: ${result.results[0]?.polls ?? 0}. Real time: ${num(result.realSeconds)} s.`,
  ];
  return lines.join('\n');
};
