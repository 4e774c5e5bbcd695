/**
 * A Mollie settlement into Moneybird as one financial statement (a bank
 * statement) on the chosen financial account: one mutation per line plus the
 * payout to the bank, so the statement adds up to 0.00. Each payment mutation
 * is linked to its sales invoice through the payment registered for the Mollie
 * id (the one Create CRM Payment Record made, or one made now the same way):
 * a payment is never registered twice. Refunds and chargebacks link to their
 * correction payment. Fees go on the chosen ledger account, or stay for the
 * bookkeeper. Lines that do not fit (no invoice, another contact's invoice,
 * another amount) are listed, never guessed.
 *
 * Imported once: every mutation carries `mollie:<settlement>:<line>` as its
 * account_servicer_transaction_id; the statement is looked up by it before
 * creating (under a connection lock) and again after, when a parallel run's
 * copy is removed (oldest kept). A retry resumes the linking where it stopped.
 */
import type { ZObject } from 'zapier-platform-core';
import { hasTimeFor } from '../../http/deadline';
import { apiBase } from '../../http/endpoints';
import { formatMinor, fromMinor, toMinor } from '../../money/money';
import type { SettlementLine } from '../../mollie/settlementLines';
import type { MolliePayment } from '../../mollie/types';
import { caller } from '../http';
import { mapLimited } from '../../http/mapLimited';
import { shorten } from '../../http/text';
import { withRecordLock } from '../../store/lock';
import type { AccountNames } from '../../store/connectionCache';
import type { MoneybirdInvoice, MoneybirdPayment } from './adapter';
import type { BookingResult, PaymentPlacement, PaymentRecorder, SettlementBooking, SettlementBooks, Unbooked } from '../books';

interface Mutation {
  id: string;
  amount: string;
  amount_open: string;
  date: string;
  financial_statement_id: string;
  account_servicer_transaction_id: string | null;
  payments?: (MoneybirdPayment & { financial_mutation_id?: string | null })[];
  ledger_account_bookings?: { id?: string | number }[];
}
interface FinancialAccount {
  id: string;
  name: string;
  currency?: string;
}

const PAYOUT = 'payout';

const keyOf = (settlementId: string, part: string) => `mollie:${settlementId}:${part}`;
const idOrder = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/** YYYYMM..YYYYMM covering the dates, at most twelve months (Moneybird's periods are whole months). */
const periodOf = (dates: string[]): string => {
  const months = dates.filter(Boolean).map((date) => date.slice(0, 7).replace('-', '')).sort();
  const last = months[months.length - 1];
  const year = Number(last.slice(0, 4));
  const month = Number(last.slice(4));
  const earliestAllowed = `${month === 12 ? year : year - 1}${String(month === 12 ? 1 : month + 1).padStart(2, '0')}`;
  const first = months[0] < earliestAllowed ? earliestAllowed : months[0];
  return `${first}..${last}`;
};

/**
 * `recorder` is the one "match, then record" service (recording/recordPayment.ts): which contact a
 * line's payment belongs to, and registering it on its invoice, are decided there as in the record step.
 */
export const moneybirdBooks = (z: ZObject, administrationId: string, recorder: PaymentRecorder, connection: AccountNames): SettlementBooks => {
  const call = caller(z, 'moneybird', () => `${apiBase('moneybird')}/api/v2/${administrationId}`);

  const readMutations = async (ids: string[]): Promise<Mutation[]> => {
    const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_, index) => ids.slice(index * 100, index * 100 + 100));
    return (await mapLimited(chunks, 2, async (chunk) => (await call<Mutation[]>('POST', '/financial_mutations/synchronization', { body: { ids: chunk } })).data)).flat();
  };

  /**
   * Every statement on the account holding this settlement's mutations: statement id → its mutations.
   * Always the full look-up over the period: a remembered statement id could not show a copy a parallel run left.
   */
  const statementsOf = async (settlementId: string, accountId: string, period: string): Promise<Map<string, Mutation[]>> => {
    const { data: listed } = await call<{ id: string | number }[]>('GET', '/financial_mutations/synchronization', { params: { filter: `financial_account_id:${accountId},period:${period},state:all` } });
    const found = (await readMutations(listed.map((entry) => String(entry.id)))).filter((m) => m.account_servicer_transaction_id?.startsWith(keyOf(settlementId, '')));
    const byStatement = new Map<string, Mutation[]>();
    for (const mutation of found) byStatement.set(String(mutation.financial_statement_id), [...(byStatement.get(String(mutation.financial_statement_id)) ?? []), mutation]);
    return byStatement;
  };

  const invoiceByNumber = async (number: string) => {
    const { status, data } = await call<MoneybirdInvoice>('GET', `/sales_invoices/find_by_invoice_id/${encodeURIComponent(number)}`, { pass: [404] });
    return status === 404 ? null : data;
  };
  const price = (payment: MoneybirdPayment, currency: string) => toMinor({ currency, value: String(payment.price).replace(',', '.') });

  /** Where each payment goes, decided once per run: a refund's or chargeback's line goes where its payment's went. */
  const placements = new Map<string, ReturnType<PaymentRecorder['place']>>();
  const placementOf = (line: SettlementLine) => {
    if (!placements.has(line.paymentId)) placements.set(line.paymentId, recorder.place(line.payment as unknown as MolliePayment, line.invoiceNumber));
    return placements.get(line.paymentId)!;
  };

  /** Why a line does not fit its invoice, or the invoice and the payment on it to link (and where the payment goes, when it is to be registered). */
  const invoicePaymentFor = async (
    line: SettlementLine,
    currency: string,
  ): Promise<{ reason: string } | { invoice: MoneybirdInvoice; payment?: MoneybirdPayment; placement?: PaymentPlacement }> => {
    if (!line.invoiceNumber) {
      return { reason: line.invoiceNumbers.length > 1 ? `the payment names several invoices (${line.invoiceNumbers.join(', ')}), so none is chosen` : 'no invoice number in the payment’s metadata or description' };
    }
    const invoice = await invoiceByNumber(line.invoiceNumber);
    if (!invoice) return { reason: `Moneybird has no sales invoice ${line.invoiceNumber}` };
    if (invoice.currency !== currency) return { reason: `invoice ${line.invoiceNumber} is in ${invoice.currency}, the payout in ${currency}` };
    const wanted = toMinor(line.amount);
    const free = (invoice.payments ?? []).filter((p) => p.transaction_identifier === line.paymentId && !(p as { financial_mutation_id?: string | null }).financial_mutation_id);
    const exact = free.find((p) => price(p, currency) === wanted);
    if (exact) return { invoice, payment: exact };
    const registered = (invoice.payments ?? []).some((p) => p.transaction_identifier === line.paymentId && (wanted > 0n ? price(p, currency) > 0n : price(p, currency) < 0n));
    if (registered) return { reason: `invoice ${line.invoiceNumber} has a payment for ${line.paymentId} of another amount, or one already linked to another bank line` };
    const open = toMinor({ currency, value: String(invoice.total_unpaid ?? invoice.total_price_incl_tax ?? '0').replace(',', '.') });
    if (wanted > 0n && open !== wanted) return { reason: `amount differs: invoice ${line.invoiceNumber} has ${formatMinor(open, currency)} open, the payment is ${line.amount.value}` };
    // Whose payment it is, decided as the record step decides it (recording/): where a customer ID or another key names another contact than the invoice's, it is booked on neither.
    const placed = line.payment ? await placementOf(line) : undefined;
    if (placed && !placed.placement) return { reason: placed.refused };
    if (placed?.placement.accountId && placed.placement.accountId !== String(invoice.contact_id)) {
      return { reason: `invoice ${line.invoiceNumber} belongs to another contact than the payment's (${placed.placement.note})` };
    }
    return { invoice, placement: placed?.placement };
  };

  /** Registers the Mollie payment on its invoice through the record step's service (idempotent on the tr_ id), then finds the payment to link. */
  const registerAndFind = async (line: SettlementLine, invoice: MoneybirdInvoice, currency: string, placement?: PaymentPlacement): Promise<MoneybirdPayment | undefined> => {
    const payment = line.payment as unknown as MolliePayment | null;
    if (!payment?.amount || !placement) return undefined;
    try {
      // A payment line registers the payment as it was paid; its refunds and chargebacks register their own corrections when their lines come.
      await recorder.record(payment, { ...placement, invoiceNumber: line.invoiceNumber, accountId: String(invoice.contact_id) }, { asPaid: line.kind === 'payment' || line.kind === 'capture' });
    } catch (error) {
      if ((error as Error).name !== 'HaltedError') throw error;
      return undefined;
    }
    const { data } = await call<MoneybirdInvoice>('GET', `/sales_invoices/${invoice.id}`);
    return (data.payments ?? []).find((p) => p.transaction_identifier === line.paymentId && !(p as { financial_mutation_id?: string | null }).financial_mutation_id && price(p, currency) === toMinor(line.amount));
  };

  /**
   * Moneybird lets ledger bookings exceed their mutation: a second booking a
   * parallel run (or a retry whose answer was lost) made is taken off again,
   * the oldest kept. Runs after every fee booking, and on every later pass.
   */
  const keepOneBooking = async (mutationId: string, bookings: { id?: string | number }[]) => {
    const [, ...extra] = [...bookings].sort((a, b) => idOrder(String(a.id), String(b.id)));
    for (const booking of extra) await call('DELETE', `/financial_mutations/${mutationId}/unlink_booking`, { body: { booking_type: 'LedgerAccountBooking', booking_id: String(booking.id) }, pass: [404] });
  };

  /**
   * Links a mutation; true when this run did it, false when it was already done
   * (a parallel run got there first, or an earlier try was done but its answer lost).
   */
  const link = async (mutationId: string, body: Record<string, unknown>, currency: string): Promise<boolean> => {
    try {
      await call('PATCH', `/financial_mutations/${mutationId}/link_booking`, { body });
      return true;
    } catch (error) {
      const { status, data } = await call<Mutation>('GET', `/financial_mutations/${mutationId}`, { pass: [404] });
      if (status === 200 && toMinor({ currency, value: String(data.amount_open) }) === 0n) return false;
      throw error;
    }
  };

  return {
    record: async ({ settlement, split, financialAccountId, feeLedgerAccountId }: SettlementBooking): Promise<BookingResult> => {
      const currency = split.totals.currency;
      const { data: accounts } = await call<FinancialAccount[]>('GET', '/financial_accounts');
      const account = accounts.find((candidate) => String(candidate.id) === financialAccountId);
      if (!account) throw new z.errors.Error(`Financial account: Moneybird has no active financial account ${financialAccountId}. Pick one from the list (e.g. Mollie).`, 'InvalidInput', 400);
      if (account.currency && account.currency !== currency) {
        throw new z.errors.Error(`Financial account: ${account.name} is in ${account.currency}, settlement ${settlement.id} in ${currency}. Pick a ${currency} account.`, 'InvalidInput', 400);
      }
      const date = (settlement.settledAt ?? settlement.createdAt ?? '').slice(0, 10);
      const bookable = split.lines.filter((line) => toMinor(line.amount) !== 0n);
      const byKey = new Map(bookable.map((line) => [keyOf(settlement.id, line.mollieId), line]));
      const period = periodOf([date, ...bookable.map((line) => line.date)]);
      const reference = settlement.reference || settlement.id;

      return withRecordLock(z, connection, `settlement:${settlement.id}`, async () => {
        let statements = await statementsOf(settlement.id, account.id, period);
        const created = statements.size === 0;
        if (created) {
          const payout = fromMinor(-toMinor(split.totals.settlement), currency);
          const rows = [
            ...bookable.map((line) => ({ line: { date: line.date || date, message: `${shorten(line.description || line.kind, 255 - line.mollieId.length - 3)} (${line.mollieId})`, amount: line.amount }, key: keyOf(settlement.id, line.mollieId) })),
            { line: { date, message: `Mollie payout ${reference} to your bank account`, amount: payout }, key: keyOf(settlement.id, PAYOUT) },
          ];
          await call('POST', '/financial_statements', {
            body: {
              financial_statement: {
                financial_account_id: account.id,
                reference: `Mollie ${reference}`,
                official_date: date,
                financial_mutations_attributes: rows.map(({ line, key }) => ({
                  date: line.date,
                  message: line.message,
                  amount: line.amount.value,
                  contra_account_name: 'Mollie',
                  batch_reference: reference,
                  account_servicer_transaction_id: key,
                })),
              },
            },
          });
          // Checked again after writing: a parallel run that got past the lock may have made one too; the oldest stays.
          statements = await statementsOf(settlement.id, account.id, period);
        }
        const [keep, ...copies] = [...statements.keys()].sort(idOrder);
        for (const copy of copies) await call('DELETE', `/financial_statements/${copy}`, { pass: [404] });
        const mutations = statements.get(keep) ?? [];

        const result: BookingResult = {
          id: String(keep ?? ''),
          url: `https://moneybird.com/${administrationId}/financial_statements/${keep}`,
          outcome: created ? 'created' : 'unchanged',
          booked: 0,
          alreadyBooked: 0,
          linkedToExistingPayment: 0,
          feesBooked: 0,
          feesLeft: 0,
          needsPerson: [],
          statementBalance: formatMinor(mutations.reduce((sum, m) => sum + toMinor({ currency, value: String(m.amount) }), 0n), currency),
        };
        const needs = (line: SettlementLine, reason: string) => result.needsPerson.push({ line, reason } satisfies Unbooked);
        for (const mutation of mutations.sort((a, b) => idOrder(String(a.id), String(b.id)))) {
          const line = byKey.get(String(mutation.account_servicer_transaction_id));
          if (!line) continue; // the payout: the bookkeeper links it to the incoming transfer on the bank account
          const open = toMinor({ currency, value: String(mutation.amount_open) });
          if (open === 0n) {
            result.alreadyBooked++;
            continue;
          }
          if (!hasTimeFor(6_000)) {
            throw new z.errors.ThrottledError(`Settlement ${settlement.id}: the statement is in Moneybird; ${result.booked} lines linked in this run, the rest are linked when Zapier retries.`, 5);
          }
          if (line.kind === 'cost') {
            if (!feeLedgerAccountId) {
              result.feesLeft++;
              continue;
            }
            if ((mutation.ledger_account_bookings ?? []).length > 0) {
              await keepOneBooking(String(mutation.id), mutation.ledger_account_bookings!);
              result.alreadyBooked++;
              continue;
            }
            await link(String(mutation.id), { booking_type: 'LedgerAccount', booking_id: feeLedgerAccountId, price_base: formatMinor(open < 0n ? -open : open, currency), description: line.description }, currency);
            const { data: after } = await call<Mutation>('GET', `/financial_mutations/${mutation.id}`);
            await keepOneBooking(String(mutation.id), after.ledger_account_bookings ?? []);
            result.feesBooked++;
            result.outcome = result.outcome === 'unchanged' ? 'updated' : result.outcome;
            continue;
          }
          if (line.kind === 'difference') {
            needs(line, 'Mollie did not itemize this part of the payout');
            continue;
          }
          const found = await invoicePaymentFor(line, currency);
          if ('reason' in found) {
            const { data: now } = await call<Mutation>('GET', `/financial_mutations/${mutation.id}`);
            if (toMinor({ currency, value: String(now.amount_open) }) === 0n) result.alreadyBooked++; // a parallel run linked it meanwhile
            else needs(line, found.reason);
            continue;
          }
          const existing = found.payment;
          const payment = existing ?? (await registerAndFind(line, found.invoice, currency, found.placement));
          if (!payment) {
            needs(line, `no payment of ${line.amount.value} for ${line.paymentId} could be registered on invoice ${line.invoiceNumber}`);
            continue;
          }
          if (!(await link(String(mutation.id), { booking_type: 'Payment', booking_id: String(payment.id) }, currency))) {
            result.alreadyBooked++;
            continue;
          }
          result.booked++;
          if (existing) result.linkedToExistingPayment++;
          result.outcome = result.outcome === 'unchanged' ? 'updated' : result.outcome;
        }
        return result;
      });
    },
  };
};

