/** Figures of the fault soak (`npm run soak`) and of the matching engine on the labelled cases (bench/matchingEval.ts). */
import { block, inline, n, type Figure } from './figure';
import type { Results } from './results';

const SOAK = 'bench/results/soak.json';
const MATCHING = 'bench/results/matching.json';

const crmLabel = (crm: string) =>
  ({ hubspot: 'HubSpot', moneybird: 'Moneybird', pipedrive: 'Pipedrive' })[crm] ?? crm;
const fixed = (value: number) => value.toFixed(3);

const soakRows = ({ soak: k }: Results): Array<[string, string]> => [
  [
    'CRM, payments, fault rate, seed',
    `${crmLabel(k.options.crm)}, ${n(k.payments)}, ${Math.round(k.options.faultRate * 100)} %, ${k.options.seed}`,
  ],
  [
    'paid / records / lost / duplicated',
    `${n(k.paid)} / ${n(k.recordsCreated)} / ${k.lost} / ${k.duplicated}`,
  ],
  ['records with a wrong amount, status or account', String(k.wrong)],
  ['requests that reached another origin', String(k.foreignRequests)],
  [
    'runs (given up) · concurrent doubles',
    `${n(k.zap.runs)} (${k.zap.givenUp}) · ${k.zap.concurrentDoubles}`,
  ],
  ['retries (throttled) · replays (errors)', `${n(k.zap.retries)} · ${n(k.zap.replays)}`],
  [
    'faults injected / requests to Mollie and the CRM',
    `${n(k.faultsTotal)} / ${n(k.requests.mollie + k.requests.crm)}`,
  ],
  ['virtual days · real time', `${k.virtualDays} · ${n(k.realSeconds)} s`],
];

export const QUALITY_FIGURES: Figure[] = [
  inline(
    'soak.headline',
    SOAK,
    'The last fault soak: payments, CRM, fault rate, and what was lost or duplicated.',
    ({ soak: k }) =>
      `${n(k.options.payments)} payments on ${crmLabel(k.options.crm)} with ${Math.round(k.options.faultRate * 100)} % of requests faulted: ${k.lost} lost, ${k.duplicated} duplicated`,
  ),
  inline(
    'soak.wrong',
    SOAK,
    'Records the last fault soak found with a wrong amount, status or account, and runs Zapier gave up on.',
    ({ soak: k }) =>
      `${k.wrong} of ${n(k.recordsCreated)} records had a wrong amount, status or account (${k.zap.givenUp} run${k.zap.givenUp === 1 ? '' : 's'} given up)`,
  ),
  block('soak.table', SOAK, 'The last fault soak’s counts.', (r) =>
    [
      '| Soak figure | Value |',
      '| --- | --- |',
      ...soakRows(r).map(([figure, value]) => `| ${figure} | ${value} |`),
    ].join('\n'),
  ),

  block(
    'matching.eval',
    MATCHING,
    'The engine and the exact-e-mail baseline on the labelled cases, as `npm run match:eval` prints them.',
    ({ matching: m }) =>
      [
        '```',
        `precision=${fixed(m.precision)} recall=${fixed(m.recall)} false_matches=${m.falseMatches} cases=${m.cases}`,
        `baseline exact-email: precision=${fixed(m.baseline.precision)} recall=${fixed(m.baseline.recall)} false_matches=${m.baseline.falseMatches}`,
        '```',
      ].join('\n'),
  ),
  inline(
    'matching.headline',
    MATCHING,
    'False matches, labelled cases, and the share of payers who have an account that the engine names.',
    ({ matching: m }) =>
      `${m.falseMatches} false matches on ${m.cases} labelled cases; ${(m.recall * 100).toFixed(1)}% of the payers who have an account are named`,
  ),
  inline(
    'matching.notNamed',
    MATCHING,
    'Payers who have an account that the engine refuses to name.',
    ({ matching: m }) => String(m.notNamed.length),
  ),
  inline(
    'matching.baseline.falseMatches',
    MATCHING,
    'False matches of the baseline that takes the first account with exactly the same e-mail.',
    ({ matching: m }) => String(m.baseline.falseMatches),
  ),
];
