/** Figures of the worst cases against Zapier's 30 s (`npm run bench:deadline`) and of the Unmatched Payment queue under bursts. */
import { block, inline, range, seconds, type Figure } from './figure';
import { deadlineRow, mdTable, type Results } from './results';

const DEADLINE = 'bench/results/deadline.json';
const UNMATCHED = 'bench/results/unmatched.md';
const SCENARIO = 'Scenario (Moneybird)';

const unmatchedTable = (r: Results) => mdTable(r.unmatchedMd, SCENARIO);
const unmatchedRow = (r: Results, scenario: string) => {
  const row = unmatchedTable(r).rows.find((item) => item[SCENARIO] === scenario);
  if (!row) throw new Error(`unmatched.md has no scenario "${scenario}"`);
  const [five, fifteen] = row.Polls.split('/').map((part) => Number(part.trim()));
  return { cell: (header: string) => row[header] ?? '', five, fifteen };
};
const unmatchedPolls = (r: Results) =>
  ['hubspot', 'moneybird', 'pipedrive'].map((crm) => deadlineRow(r, `unmatched_payment (poll) · ${crm}`));
const sharedEmail = (r: Results) =>
  r.deadline.filter((row) => /^(match_payment|find_crm_account) ·/.test(row.operation));

export const OPERATION_FIGURES: Figure[] = [
  block(
    'deadline.table',
    'bench/results/deadline.md',
    'Every operation’s worst realistic case, run as Zapier runs it, against the 25 s budget.',
    (r) =>
      [...mdTable(r.deadlineMd, 'Operation').lines, '', r.deadlineMd.trim().split('\n').at(-1)!].join('\n'),
  ),
  inline(
    'deadline.pass',
    DEADLINE,
    'Worst cases that finish inside the 25 s budget, of all measured.',
    (r) => `${r.deadline.filter((row) => row.verdict === 'PASS').length} of ${r.deadline.length}`,
  ),
  inline(
    'deadline.turnOn',
    DEADLINE,
    'Turning Payment Paid on over 20,000 payments in 30 days: requests and modelled seconds.',
    (r) => {
      const row = deadlineRow(r, 'payment_paid (turn on)');
      return `${row.requests} requests, ${seconds(row.seconds)}`;
    },
  ),
  inline(
    'deadline.turnOn.note',
    DEADLINE,
    'What that first run seeded into Zapier’s dedupe, and what later polls may still fire.',
    (r) => deadlineRow(r, 'payment_paid (turn on)').note,
  ),
  inline(
    'deadline.flood',
    DEADLINE,
    'A poll that brings 700 new paid payments at once, and what Zapier’s flood protection holds.',
    (r) => deadlineRow(r, 'payment_paid (poll)').note,
  ),
  inline(
    'deadline.unmatched',
    DEADLINE,
    'An Unmatched Payment poll after 200 paid payers who share e-mails with 60 accounts: requests and modelled seconds, over the three CRMs.',
    (r) =>
      `${range(unmatchedPolls(r).map((row) => row.requests))} requests, ${range(
        unmatchedPolls(r).map((row) => row.seconds),
        seconds,
      )}`,
  ),
  inline(
    'deadline.unmatched.polls',
    DEADLINE,
    'Polls until all 200 of that burst were announced, over the three CRMs.',
    (r) => range(unmatchedPolls(r).map((row) => Number(/all 200 after (\d+) polls/.exec(row.honest)?.[1]))),
  ),
  inline(
    'deadline.sharedEmail',
    DEADLINE,
    'Find CRM Account and Find CRM Account for Payment with an e-mail on 500 accounts: requests, over the three CRMs.',
    (r) => `${range(sharedEmail(r).map((row) => row.requests))} requests`,
  ),
  inline(
    'deadline.links',
    DEADLINE,
    'Find or Create Payment Link among 10,000 links, the invoice’s link being the oldest: requests and modelled seconds.',
    (r) => {
      const row = deadlineRow(
        r,
        'find_payment_link + create_payment_link (find or create)',
        '10,000 links; existing link is the oldest of 10,000',
      );
      return `${row.requests} requests, ${seconds(row.seconds)}`;
    },
  ),

  block(
    'unmatched.table',
    UNMATCHED,
    'The Unmatched Payment queue under bursts, an outage and a lost state (Moneybird, virtual time).',
    (r) => unmatchedTable(r).lines.join('\n'),
  ),
  inline(
    'unmatched.sepa',
    UNMATCHED,
    'A SEPA batch of 2,000 paid at once: polls and hours until every payment was checked, at 15- and at 5-minute polling.',
    (r) => {
      const row = unmatchedRow(r, 'SEPA batch of 2,000');
      return `${row.fifteen} polls (${row.cell('Hours at 15 min')} h) at 15-minute polling, ${row.five} polls (${row.cell('Hours at 5 min')} h) at 5-minute polling`;
    },
  ),
  inline(
    'unmatched.maxPer5min',
    UNMATCHED,
    'Most CRM requests the queue made in any 5 minutes, over every scenario.',
    (r) =>
      String(
        Math.max(...unmatchedTable(r).rows.map((row) => parseInt(row['Max CRM requests in 5 min'], 10))),
      ),
  ),
  inline(
    'unmatched.outage.extraPolls',
    UNMATCHED,
    'Polls a 30-minute Moneybird outage adds to the SEPA batch (5-minute polling).',
    (r) =>
      String(
        unmatchedRow(r, 'SEPA 2,000, Moneybird down 30 min').five -
          unmatchedRow(r, 'SEPA batch of 2,000').five,
      ),
  ),
  inline(
    'unmatched.lostState',
    UNMATCHED,
    'Polls a lost queue state adds to the SEPA batch (5-minute polling), and the payments it checks twice.',
    (r) => {
      const lost = unmatchedRow(r, 'SEPA 2,000, state lost mid-burst');
      const extra = lost.five - unmatchedRow(r, 'SEPA batch of 2,000').five;
      return `${extra} poll${extra === 1 ? '' : 's'}, ${lost.cell('Checked twice').split('/')[0].trim()} payments checked twice`;
    },
  ),
];
