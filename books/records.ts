/**
 * HubSpot and Pipedrive keep a record per Mollie payment (upserted on its
 * id). For a settlement, each payment's record gets the settlement reference,
 * the payout date and its fee where Mollie states it; a payment without a
 * record gets one first, with the account the matching engine is sure of
 * (or none, listed for a person). What differs per CRM is how the three
 * settlement fields are written (crm/hubspot/books.ts, crm/pipedrive/books.ts).
 */
import type { ZObject } from 'zapier-platform-core';
import { hasTimeFor } from '../http/deadline';
import type { SettlementLine } from '../mollie/settlementLines';
import type { MolliePayment } from '../mollie/types';
import type { BookingResult, PaymentRecorder, RecordWriter, SettlementBooking, SettlementBooks, SettlementFields } from '../crm/books';

export const recordBooks = (z: ZObject, recorder: PaymentRecorder, writer: RecordWriter): SettlementBooks => ({
  record: async ({ settlement, split }: SettlementBooking): Promise<BookingResult> => {
    const lines = split.lines.filter((line): line is SettlementLine & { payment: Record<string, unknown> } => (line.kind === 'payment' || line.kind === 'capture') && !!line.payment);
    const byPayment = new Map(lines.map((line) => [line.paymentId, line]));
    const ids = [...byPayment.keys()];
    const known = await writer.existing(ids);
    const result: BookingResult = { id: '', url: '', outcome: 'unchanged', booked: 0, alreadyBooked: 0, linkedToExistingPayment: known.size, feesBooked: 0, feesLeft: 0, needsPerson: [], statementBalance: '' };
    const recordIds = new Map(known);
    for (const id of ids.filter((paymentId) => !known.has(paymentId))) {
      if (!hasTimeFor(6_000)) throw new z.errors.ThrottledError(`Settlement ${settlement.id}: ${result.booked} payments recorded in this run; the rest are recorded when Zapier retries.`, 5);
      const line = byPayment.get(id)!;
      const payment = line.payment as unknown as MolliePayment;
      // Placed and recorded as the record step does it (recording/): a payment the matching is not sure of is recorded without an account.
      const placed = await recorder.place(payment, line.invoiceNumber || undefined);
      if (!placed.placement) {
        result.needsPerson.push({ line, reason: placed.refused });
        byPayment.delete(id);
        continue;
      }
      const record = await recorder.record(payment, placed.placement);
      recordIds.set(id, record.id);
      result.booked++;
      if (!placed.placement.accountId) result.needsPerson.push({ line, reason: `recorded without a CRM account: ${placed.placement.note}` });
    }
    const fields = (line: SettlementLine): SettlementFields => ({
      reference: settlement.reference || settlement.id,
      payoutDate: (settlement.settledAt ?? '').slice(0, 10),
      fee: line.fee?.value ?? '',
    });
    await writer.annotate(ids.filter((paymentId) => byPayment.has(paymentId)).map((paymentId) => ({ paymentId, recordId: recordIds.get(paymentId), fields: fields(byPayment.get(paymentId)!) })));
    result.alreadyBooked = known.size;
    result.outcome = result.booked > 0 ? 'created' : 'updated';
    for (const line of split.lines) {
      if (line.kind === 'difference') result.needsPerson.push({ line, reason: 'Mollie did not itemize this part of the payout' });
    }
    return result;
  },
});
