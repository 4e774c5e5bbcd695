/**
 * The Moneybird financial statement of one Mollie payout: one mutation per
 * line plus the payout to the bank (so it adds up to 0.00), made in one
 * request. Every mutation names its line as `mollie:<settlement>:<Mollie id>`
 * (account_servicer_transaction_id), the payout as `mollie:<settlement>:payout`,
 * dated on the payout day: that is how a payout is found again, on whatever
 * financial account it was booked, by reading only the bank lines of the days
 * around the payout. Once made, only its open (unprocessed) lines are read again.
 */
import { mapLimited } from '../../http/mapLimited';
import type { caller } from '../http';
import { shiftDate } from '../bookDates';
import type { MoneybirdPayment } from './wire';

type Call = ReturnType<typeof caller>;

export interface Mutation {
  id: string;
  amount: string;
  amount_open: string;
  date: string;
  financial_account_id: string;
  financial_statement_id: string;
  account_servicer_transaction_id: string | null;
  payments?: MoneybirdPayment[];
  ledger_account_bookings?: { id?: string | number }[];
}

/** What identifies a bank line as one of a payout's: enough to find its statement without reading it. */
export type KnownMutation = Pick<
  Mutation,
  'id' | 'account_servicer_transaction_id' | 'financial_statement_id' | 'financial_account_id'
>;

/** A statement row: what the statement says for one line (or the payout). */
export interface StatementRow {
  key: string;
  date: string;
  message: string;
  amount: string;
}

export interface PayoutStatement {
  id: string;
  accountId: string;
}

export const PAYOUT = 'payout';
/** The name a payout's mutation carries for one of its lines (or the payout). */
export const lineKey = (settlementId: string, part: string) => `mollie:${settlementId}:${part}`;
const ofSettlement = (settlementId: string, mutation: Pick<Mutation, 'account_servicer_transaction_id'>) =>
  !!mutation.account_servicer_transaction_id?.startsWith(lineKey(settlementId, ''));

/** Moneybird ids are numbers that grow: the older of two sorts first. */
export const idOrder = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
const compact = (date: string) => date.replace(/-/g, '');
const chunks = <T>(values: T[]): T[][] =>
  Array.from({ length: Math.ceil(values.length / 100) }, (_, index) =>
    values.slice(index * 100, index * 100 + 100),
  );

export const statements = (call: Call) => {
  const mutationIds = async (filter: string) =>
    (
      await call<{ id: string | number }[]>('GET', '/financial_mutations/synchronization', {
        params: { filter },
      })
    ).data.map((entry) => String(entry.id));
  const readMutations = async (ids: string[]): Promise<Mutation[]> =>
    (
      await mapLimited(
        chunks(ids),
        2,
        async (chunk) =>
          (await call<Mutation[]>('POST', '/financial_mutations/synchronization', { body: { ids: chunk } }))
            .data,
      )
    ).flat();

  return {
    /**
     * Every statement holding this payout's payout line, on any financial account: the bank lines dated the day
     * before to the day after the payout (dates once written in UTC stay found). Those in `own` (known, by id) are
     * not read again while Moneybird still lists them; only the others are (a copy a parallel run left among them).
     */
    find: async (
      settlementId: string,
      payoutDate: string,
      own: Map<string, KnownMutation> = new Map(),
    ): Promise<PayoutStatement[]> => {
      const ids = await mutationIds(
        `period:${compact(shiftDate(payoutDate, -1))}..${compact(shiftDate(payoutDate, 1))},state:all`,
      );
      const read = await readMutations(ids.filter((id) => !own.has(id)));
      const listed = new Set(ids);
      const stillThere = [...own.values()].filter((mutation) => listed.has(String(mutation.id)));
      const payouts = [...read, ...stillThere].filter(
        (mutation) => mutation.account_servicer_transaction_id === lineKey(settlementId, PAYOUT),
      );
      const found = new Map(
        payouts.map((mutation) => [
          String(mutation.financial_statement_id),
          String(mutation.financial_account_id),
        ]),
      );
      return [...found.entries()]
        .sort(([a], [b]) => idOrder(a, b))
        .map(([id, accountId]) => ({ id, accountId }));
    },

    /** Makes the statement with all its mutations in one request; returns it with its mutations. */
    create: async (input: {
      accountId: string;
      reference: string;
      date: string;
      batchReference: string;
      rows: StatementRow[];
    }) => {
      const { data } = await call<{ id: string; financial_mutations?: Mutation[] }>(
        'POST',
        '/financial_statements',
        {
          body: {
            financial_statement: {
              financial_account_id: input.accountId,
              reference: input.reference,
              official_date: input.date,
              financial_mutations_attributes: input.rows.map((row) => ({
                date: row.date,
                message: row.message,
                amount: row.amount,
                contra_account_name: 'Mollie',
                batch_reference: input.batchReference,
                account_servicer_transaction_id: row.key,
              })),
            },
          },
        },
      );
      return { id: String(data.id), mutations: data.financial_mutations ?? [] };
    },

    /** A copy a parallel run made (the oldest statement is kept). */
    remove: (statementId: string) => call('DELETE', `/financial_statements/${statementId}`, { pass: [404] }),

    /** The ids of the unprocessed bank lines of an account over the lines' days (a day more on each side). */
    openIds: async (accountId: string, firstDate: string, lastDate: string): Promise<Set<string>> =>
      new Set(
        await mutationIds(
          `financial_account_id:${accountId},period:${compact(shiftDate(firstDate, -1))}..${compact(shiftDate(lastDate, 1))},state:unprocessed`,
        ),
      ),

    /** The statement's mutations still open, read: those of its account's unprocessed bank lines that are this payout's. */
    openMutations: async (
      settlementId: string,
      statement: PayoutStatement,
      open: Set<string>,
    ): Promise<Mutation[]> =>
      (await readMutations([...open])).filter(
        (mutation) =>
          String(mutation.financial_statement_id) === statement.id && ofSettlement(settlementId, mutation),
      ),

    /** One mutation as it stands now; null when it is gone. */
    mutation: async (id: string): Promise<Mutation | null> => {
      const { status, data } = await call<Mutation>('GET', `/financial_mutations/${id}`, { pass: [404] });
      return status === 404 ? null : data;
    },
  };
};
