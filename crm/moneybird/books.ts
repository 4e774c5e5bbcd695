/**
 * A Mollie settlement into Moneybird as one financial statement (a bank
 * statement) on the chosen financial account, once per payout whatever account
 * a later run names (statement.ts), checked before anything is written
 * (bookChecks.ts), dated in the administration's time zone. Each line books its
 * own amount on its invoice, found canonically (lines.ts, invoiceLookup.ts);
 * fees go on the chosen ledger account, or stay for the bookkeeper. About one
 * request per line: the statement with all its mutations in one request,
 * invoices and contacts read 100 a request, each line booked with one request.
 *
 * Parallel runs: a connection lock serializes them; without it, a copy of the
 * statement is found after making it and removed (oldest kept), and Moneybird
 * itself refuses to book a bank line beyond its amount, so a line is booked
 * once. A retry resumes with the lines still open.
 */
import type { ZObject } from 'zapier-platform-core';
import { hasTimeFor } from '../../http/deadline';
import { apiBase } from '../../http/endpoints';
import { formatMinor, toMinor } from '../../money/money';
import type { SettlementLine } from '../../mollie/settlementLines';
import { shorten } from '../../http/text';
import { withRecordLock } from '../../store/lock';
import type { AccountNames } from '../../store/connectionCache';
import type { BookingResult, SettlementBooking, SettlementBooks } from '../books';
import { bookingDate } from '../bookDates';
import { caller } from '../http';
import { checkBeforeWriting, refuseLockedDates } from './bookChecks';
import { booksMemory, type RememberedStatement } from './booksMemory';
import { invoiceFinder, type InvoiceIndex } from './invoiceLookup';
import { decide, figuresOf, invoiceOfLine, minorOf } from './lines';
import { lineOwners } from './lineOwners';
import {
  idOrder,
  lineKey,
  PAYOUT,
  statements,
  type KnownMutation,
  type Mutation,
  type PayoutStatement,
} from './statement';
import type { MoneybirdPayment } from './wire';

const ITEM_KINDS: SettlementLine['kind'][] = ['payment', 'capture', 'refund', 'chargeback'];

interface DatedLine {
  line: SettlementLine;
  key: string;
  date: string;
}

export const moneybirdBooks = (
  z: ZObject,
  administrationId: string,
  accounts: AccountNames,
): SettlementBooks => {
  const call = caller(z, 'moneybird', () => `${apiBase('moneybird')}/api/v2/${administrationId}`);
  const root = caller(z, 'moneybird', () => `${apiBase('moneybird')}/api/v2`);
  const statement = statements(call);
  const invoices = invoiceFinder(call);
  const memory = booksMemory(z, administrationId, accounts);
  const owners = lineOwners(call, administrationId);
  const statementUrl = (id: string) => `https://moneybird.com/${administrationId}/financial_statements/${id}`;

  /**
   * A write for one line. 'done' when this run did it; 'before' when it failed because the line was
   * booked meanwhile (a parallel run, or an earlier try whose answer was lost); Moneybird's words when it
   * refused this line (4xx); anything else (throttled, auth) is thrown for Zapier to retry.
   */
  const guarded = async (
    mutationId: string,
    currency: string,
    write: () => Promise<unknown>,
  ): Promise<'done' | 'before' | { refused: string }> => {
    try {
      await write();
      return 'done';
    } catch (error) {
      if ((error as Error).name !== 'AppError') throw error;
      const now = await statement.mutation(mutationId);
      if (now && minorOf(now.amount_open, currency) === 0n) return 'before';
      return { refused: (error as Error).message };
    }
  };

  /** Moneybird lets ledger bookings exceed their mutation: a second one a parallel run made goes again, the oldest kept. */
  const keepOneBooking = async (mutationId: string, bookings: { id?: string | number }[]) => {
    const [, ...extra] = [...bookings].sort((a, b) => idOrder(String(a.id), String(b.id)));
    for (const booking of extra)
      await call('DELETE', `/financial_mutations/${mutationId}/unlink_booking`, {
        body: { booking_type: 'LedgerAccountBooking', booking_id: String(booking.id) },
        pass: [404],
      });
  };

  return {
    record: async ({
      settlement,
      split,
      financialAccountId,
      feeLedgerAccountId,
    }: SettlementBooking): Promise<BookingResult> => {
      const currency = split.totals.currency;
      const checked = await checkBeforeWriting(
        z,
        { administration: call, root },
        { administrationId, financialAccountId, feeLedgerAccountId, currency, settlementId: settlement.id },
      );
      const zone = checked.timeZone;
      const payoutDate = bookingDate(settlement.settledAt ?? settlement.createdAt, zone);
      const dated: DatedLine[] = split.lines
        .filter((line) => toMinor(line.amount) !== 0n)
        .map((line) => ({
          line,
          key: lineKey(settlement.id, line.mollieId),
          date: bookingDate(line.at ?? line.date, zone) || payoutDate,
        }));
      const dates = dated.map((entry) => entry.date).sort();
      const reference = settlement.reference || settlement.id;
      const payout = -dated.reduce((sum, { line }) => sum + toMinor(line.amount), 0n);

      return withRecordLock(z, accounts, `settlement:${settlement.id}`, async () => {
        const result: BookingResult = {
          id: '',
          url: '',
          outcome: 'unchanged',
          booked: 0,
          alreadyBooked: 0,
          linkedToExistingPayment: 0,
          feesBooked: 0,
          feesLeft: 0,
          needsPerson: [],
          statementBalance: formatMinor(0n, currency),
        };
        // Looked for on every run, on every account: the bank lines an earlier run made or found (remembered) are not read again.
        const memorized = await memory.statement(settlement.id);
        const own = new Map<string, KnownMutation>(
          Object.entries(memorized?.lines ?? {}).map(([key, id]) => [
            id,
            {
              id,
              account_servicer_transaction_id: key,
              financial_statement_id: memorized!.id,
              financial_account_id: memorized!.accountId,
            },
          ]),
        );
        let found: PayoutStatement[] = await statement.find(settlement.id, payoutDate, own);
        let created: { id: string; mutations: Mutation[] } | undefined;
        if (found.length === 0) {
          refuseLockedDates(z, checked, settlement.id, [payoutDate, ...dates]);
          created = await statement.create({
            accountId: checked.account.id,
            reference: `Mollie ${reference}`,
            date: payoutDate,
            batchReference: reference,
            rows: [
              ...dated.map(({ line, key, date }) => ({
                key,
                date,
                message: `${shorten(line.description || line.kind, 255 - line.mollieId.length - 3)} (${line.mollieId})`,
                amount: line.amount.value,
              })),
              {
                key: lineKey(settlement.id, PAYOUT),
                date: payoutDate,
                message: `Mollie payout ${reference} to your bank account`,
                amount: formatMinor(payout, currency),
              },
            ],
          });
          // Checked again after writing: a parallel run that got past the lock may have made one too; the oldest stays.
          const made: PayoutStatement = { id: created.id, accountId: checked.account.id };
          found = await statement.find(
            settlement.id,
            payoutDate,
            new Map([
              ...own,
              ...created.mutations.map((mutation) => [String(mutation.id), mutation] as const),
            ]),
          );
          if (!found.some((candidate) => candidate.id === made.id))
            found = [...found, made].sort((a, b) => idOrder(a.id, b.id));
        }
        const [keep, ...copies] = found;
        for (const copy of copies) await statement.remove(copy.id);
        // What the statement adds up to: its mutations as Moneybird made them, or (made before) as they were made from the payout's lines.
        const made =
          created?.id === keep.id
            ? created.mutations.map((mutation) => minorOf(mutation.amount, currency))
            : [...dated.map(({ line }) => toMinor(line.amount)), payout];
        Object.assign(result, {
          id: keep.id,
          url: statementUrl(keep.id),
          outcome: created?.id === keep.id ? 'created' : 'unchanged',
          statementBalance: formatMinor(
            made.reduce((sum, amount) => sum + amount, 0n),
            currency,
          ),
        });
        if (keep.accountId !== checked.account.id) {
          const name =
            checked.accounts.find((account) => String(account.id) === keep.accountId)?.name ??
            `financial account ${keep.accountId}`;
          result.note = `Settlement ${settlement.id} is already in the books: statement ${keep.id} on ${name} (${result.url}). Nothing was booked again; choose ${name} to finish or check it.`;
          return result;
        }
        const remembered = memorized?.id === keep.id ? memorized : undefined;
        const openByKey = await openLines(
          settlement.id,
          keep,
          created?.id === keep.id ? created.mutations : undefined,
          remembered,
          [dates[0] ?? payoutDate, dates[dates.length - 1] ?? payoutDate],
        );
        const todo = dated.filter(({ key }) => openByKey.has(key));
        result.alreadyBooked = dated.length - todo.length;
        await bookLines(todo, openByKey, result, {
          settlementId: settlement.id,
          currency,
          feeLedgerAccountId,
          window: { from: dates[0] ?? payoutDate, to: payoutDate },
        });
        return result;
      });
    },
  };

  /**
   * The bank line (mutation id) of each line still open, by line key: those just made, or the statement's
   * unprocessed ones (the remembered lines among the unprocessed ids, else read). Remembered for the next run.
   */
  async function openLines(
    settlementId: string,
    keep: PayoutStatement,
    made: Mutation[] | undefined,
    remembered: RememberedStatement | undefined,
    [first, last]: [string, string],
  ) {
    let open: Array<[string, string]>;
    if (made)
      open = made.map((mutation) => [String(mutation.account_servicer_transaction_id), String(mutation.id)]);
    else {
      const ids = await statement.openIds(keep.accountId, first, last);
      open = remembered
        ? Object.entries(remembered.lines).filter(([, id]) => ids.has(id))
        : (await statement.openMutations(settlementId, keep, ids)).map((mutation) => [
            String(mutation.account_servicer_transaction_id),
            String(mutation.id),
          ]);
    }
    await memory.rememberStatement(settlementId, {
      ...keep,
      lines: { ...remembered?.lines, ...Object.fromEntries(open) },
    });
    return new Map(open);
  }

  async function bookLines(
    todo: DatedLine[],
    openByKey: Map<string, string>,
    result: BookingResult,
    options: {
      settlementId: string;
      currency: string;
      feeLedgerAccountId?: string;
      window: { from: string; to: string };
    },
  ) {
    const { currency, feeLedgerAccountId } = options;
    const needs = (line: SettlementLine, reason: string) => result.needsPerson.push({ line, reason });
    const updated = () => (result.outcome = result.outcome === 'unchanged' ? 'updated' : result.outcome);
    const items = todo.filter(({ line }) => ITEM_KINDS.includes(line.kind));
    const numbers = items
      .flatMap(({ line }) => [line.invoiceNumber, line.ownInvoiceNumber ?? ''])
      .filter(Boolean);
    const known = numbers.length ? await memory.invoiceNumbers() : {};
    const index: InvoiceIndex | undefined = numbers.length
      ? await invoices.forNumbers(numbers, options.window, known)
      : undefined;
    if (numbers.length) await memory.rememberInvoiceNumbers(known);
    const invoicesNamed = (number: string) => index?.named(number) ?? [];
    // A refund or chargeback that names a credit invoice (in its own metadata) books on that credit invoice; else on its payment's invoice.
    const bookedOn = (line: SettlementLine): SettlementLine => {
      const own = line.ownInvoiceNumber ? invoicesNamed(line.ownInvoiceNumber) : [];
      return own.length === 1 && figuresOf(own[0], currency).credit
        ? { ...line, invoiceNumber: line.ownInvoiceNumber! }
        : line;
    };
    const target = new Map(items.map(({ line }) => [line.mollieId, bookedOn(line)]));
    // Whose payment each line is: its invoice's contact, unless its keys point to another (then booked on neither).
    const conflicts = await owners.conflicts(
      items.flatMap(({ line }) => {
        const invoice = invoiceOfLine(target.get(line.mollieId)!, { invoicesNamed });
        return invoice ? [{ line: target.get(line.mollieId)!, invoice }] : [];
      }),
    );
    const pending = new Map<string, bigint>();
    const pendingLine = (line: SettlementLine, sign: 1n | -1n) => {
      const invoice =
        line.kind === 'payment' || line.kind === 'capture'
          ? invoiceOfLine(line, { invoicesNamed })
          : undefined;
      if (invoice)
        pending.set(
          String(invoice.id),
          (pending.get(String(invoice.id)) ?? 0n) + sign * toMinor(line.amount),
        );
    };
    items.forEach(({ line }) => pendingLine(line, 1n));
    const context = { currency, invoicesNamed, pendingFor: (id: string) => pending.get(id) ?? 0n };

    for (const { line, key, date } of todo) {
      const mutation = { id: openByKey.get(key)! };
      if (!hasTimeFor(6_000)) {
        throw new z.errors.ThrottledError(
          `Settlement ${options.settlementId}: the statement is in Moneybird; ${result.booked} lines linked in this run, the rest are linked when Zapier retries.`,
          5,
        );
      }
      if (line.kind === 'difference') {
        needs(line, 'Mollie did not itemize this part of the payout');
        continue;
      }
      if (line.kind === 'cost') {
        if (!feeLedgerAccountId) {
          result.feesLeft++;
          continue;
        }
        const open = toMinor(line.amount);
        const done = await guarded(String(mutation.id), currency, () =>
          call('PATCH', `/financial_mutations/${mutation.id}/link_booking`, {
            body: {
              booking_type: 'LedgerAccount',
              booking_id: feeLedgerAccountId,
              price_base: formatMinor(open < 0n ? -open : open, currency),
              description: line.description,
            },
          }),
        );
        const after = await statement.mutation(String(mutation.id));
        await keepOneBooking(String(mutation.id), after?.ledger_account_bookings ?? []);
        if (done === 'done') {
          result.feesBooked++;
          updated();
        } else if (done === 'before') result.alreadyBooked++;
        else needs(line, `Moneybird refused to book the fee on the ledger account: ${done.refused}`);
        continue;
      }
      const decision = decide(target.get(line.mollieId)!, context, String(mutation.id));
      pendingLine(line, -1n);
      if (decision.action === 'register' && conflicts.has(line.mollieId)) {
        needs(line, conflicts.get(line.mollieId)!);
        continue;
      }
      if (decision.action === 'booked') {
        result.alreadyBooked++;
        continue;
      }
      if (decision.action === 'person') {
        needs(line, decision.reason);
        continue;
      }
      const { invoice } = decision;
      let registered: MoneybirdPayment | undefined;
      const done =
        decision.action === 'link'
          ? await guarded(String(mutation.id), currency, () =>
              call('PATCH', `/financial_mutations/${mutation.id}/link_booking`, {
                body: { booking_type: 'Payment', booking_id: String(decision.payment.id) },
              }),
            )
          : await guarded(String(mutation.id), currency, async () => {
              const payment = {
                payment_date: date,
                price: line.amount.value,
                transaction_identifier: line.paymentId,
                manual_payment_action: 'bank_transfer',
                financial_mutation_id: String(mutation.id),
              };
              registered = (
                await call<MoneybirdPayment>('POST', `/sales_invoices/${invoice.id}/payments`, {
                  body: { payment },
                })
              ).data;
            });
      if (done === 'before') {
        result.alreadyBooked++;
        continue;
      }
      if (done !== 'done') {
        needs(line, `Moneybird refused to book it on invoice ${invoice.invoice_id}: ${done.refused}`);
        continue;
      }
      // What this run booked counts for the lines after it (two parts of one invoice, a payment and its refunds).
      if (decision.action === 'link')
        Object.assign(decision.payment, { financial_mutation_id: String(mutation.id) });
      else
        invoice.payments = [
          ...(invoice.payments ?? []),
          {
            ...(registered ?? { id: '', payment_date: date }),
            price: line.amount.value,
            transaction_identifier: line.paymentId,
            financial_mutation_id: String(mutation.id),
          },
        ];
      result.booked++;
      if (decision.action === 'link') result.linkedToExistingPayment++;
      updated();
    }
  }
};
