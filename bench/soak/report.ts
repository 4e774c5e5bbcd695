import { FAULT_KINDS } from './faults';
import type { SoakResult } from './run';

const n = (value: number) => value.toLocaleString('en-US');

/** The figures as [label, value] rows, in the order the table prints them. */
export const figures = (r: SoakResult): Array<[string, string]> => [
  ['payments', n(r.payments)],
  ['paid', `${n(r.paid)} (${n(r.matchable)} with a CRM account to match, ${n(r.paid - r.matchable)} without)`],
  ['fired by the trigger', n(r.zap.triggered)],
  ['records created', n(r.recordsCreated)],
  ['lost', n(r.lost)],
  ['duplicated', n(r.duplicated)],
  ['wrong amount, status or account', n(r.wrong)],
  ['records for unpaid payments', n(r.unexpected)],
  ['accounts created (missing, duplicated)', `${n(r.accounts.created)} (${n(r.accounts.missing)}, ${n(r.accounts.duplicated)})`],
  ['requests that reached another origin', n(r.foreignRequests)],
  ['runs', `${n(r.zap.runs)} (${n(r.zap.attempts)} attempts)`],
  ['retries (throttled)', n(r.zap.retries)],
  ['replays (errors)', n(r.zap.replays)],
  ['runs given up', n(r.zap.givenUp)],
  ['concurrent doubles', n(r.zap.concurrentDoubles)],
  ['polls (failed)', `${n(r.zap.polls)} (${n(r.zap.pollsFailed)})`],
  ['requests Mollie / CRM', `${n(r.requests.mollie)} / ${n(r.requests.crm)}`],
  ['faults injected', `${n(r.faultsTotal)} (${((100 * r.faultsTotal) / Math.max(1, r.requests.mollie + r.requests.crm)).toFixed(1)} % of requests)`],
  ...FAULT_KINDS.map((kind): [string, string] => [`  ${kind}`, `Mollie ${n(r.faults.mollie[kind])}, ${r.options.crm} ${n(r.faults.crm[kind])}`]),
  ['slowest attempt', `${n(r.zap.slowestAttemptMs)} ms (request timeout ${r.options.requestTimeoutMs} ms)`],
  ['virtual time', `${r.virtualDays.toFixed(1)} days`],
  ['real time', `${r.realSeconds.toFixed(0)} s`],
];

export const textTable = (r: SoakResult): string => {
  const rows = figures(r);
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
};

export const markdown = (r: SoakResult): string => {
  const o = r.options;
  const outcomes = Object.entries(r.zap.outcomes)
    .map(([outcome, count]) => `${outcome} ${n(count)}`)
    .join(', ');
  const errors = Object.entries(r.zap.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([error, count]) => `| ${n(count)} | ${error.replace(/\|/g, '/')} |`)
    .join('\n');
  return `# Fault soak

\`npm run soak\`: ${n(o.payments)} payments over ${o.days} virtual days through Payment Paid → matching → Create CRM Payment Record
(${o.crm}), with ${Math.round(o.faultRate * 100)} % of all requests to Mollie and the CRM faulted. Seed ${o.seed}.

| figure | value |
| --- | --- |
${figures(r)
  .map(([label, value]) => `| ${label.trim() === label ? label : `&nbsp;&nbsp;${label.trim()}`} | ${value} |`)
  .join('\n')}

Run outcomes: ${outcomes}.

**How Zapier is modelled.** The trigger is polled every ${o.pollMinutes} virtual minutes (the first poll only fills the
seen-set); a failed poll is simply tried at the next one. Each new item starts a run of the create with its payment
id; ${Math.round(o.doubleRate * 100)} % of runs are executed twice at the same moment. A run that throws ThrottledError is run again
after the error's delay (up to ${o.throttleRetries} times), a failed run is replayed on autoreplay's schedule (up to ${o.replays} times).
Up to ${o.concurrency} runs execute at once. Requests time out after ${o.requestTimeoutMs} ms (REQUEST_TIMEOUT_MS); slow faults answer after
${o.slowMs[0]}-${o.slowMs[1]} ms. "vendor acted": a POST/PUT/PATCH/DELETE was carried out, then the answer came too late or the
connection dropped (HubSpot's searches are POSTs too). "nonsense": an HTML page, an empty or cut-off body, JSON sent as
text, an HTML 404, \`null\` (Pipedrive: \`data: null\`), each with a 200 unless said. Redirects: within the vendor's origin
(followed, within the request's one time bound) or to a collector on another origin, which must receive nothing. The z.cache of zapier-platform-core's app tester ignores \`nx\`, so
the Moneybird and Pipedrive locks never hold here: the concurrent doubles run unguarded, the worst case. With several workers,
each has its own sandbox and Zap and a share of the payments (seed × 100 + worker).

**Lost** = a paid payment with no record in the CRM at the end; **duplicated** = a Mollie payment with more than one record.

Errors the runs and polls met (all retried or replayed):

| count | error |
| --- | --- |
${errors}
${r.examples.length ? `\nExamples:\n\n${r.examples.map((line) => `- ${line}`).join('\n')}\n` : ''}`;
};
