/**
 * HubSpot and Pipedrive keep a record per Mollie payment (upserted on its
 * id). For a settlement, each payment's record gets the settlement reference,
 * the payout date (the CRM's day) and its fee where Mollie states it; a payment
 * without a record gets one first, with the account the matching engine is
 * sure of (or none, listed for a person). A refund or chargeback in the payout
 * brings its payment's record where Create CRM Payment Record puts it (status,
 * refunded amount, a won deal moved as that step does), with the charged-back
 * amount and the payout's reference; one whose payment has no record is listed
 * for a person. What differs per CRM is how the fields are written
 * (crm/hubspot/books.ts, crm/pipedrive/books.ts).
 */
import type { ZObject } from 'zapier-platform-core';
import { hasTimeFor } from '../http/deadline';
import type { SettlementLine } from '../mollie/settlementLines';
import type { MolliePayment } from '../mollie/types';
import { bookingDate } from '../crm/bookDates';
import { paymentRecordInput } from '../crm/recordStatus';
import { toMinor } from '../money/money';
import type {
  BookingResult,
  CorrectionFields,
  PaymentRecorder,
  RecordWriter,
  SettlementBooking,
  SettlementBooks,
  SettlementFields,
} from '../crm/books';

type PaidLine = SettlementLine & { payment: Record<string, unknown> };
const isPaid = (line: SettlementLine): line is PaidLine =>
  (line.kind === 'payment' || line.kind === 'capture') && !!line.payment;
const isCorrection = (line: SettlementLine) => line.kind === 'refund' || line.kind === 'chargeback';

export const recordBooks = (z: ZObject, recorder: PaymentRecorder, writer: RecordWriter): SettlementBooks => {
  /**
   * Each payment refunded or charged back in this payout: its record as the record step would write it
   * (from the payment as Mollie has it now), then the charged-back amount and this payout's reference.
   * A line counts as booked when its record changed, as booked before when it already said all that.
   * Returns the lines booked.
   */
  const followCorrections = async (
    lines: SettlementLine[],
    recordIds: Map<string, string>,
    reference: string,
    result: BookingResult,
  ): Promise<number> => {
    const paymentIds = [...new Set(lines.map((line) => line.paymentId))];
    const placed = paymentIds.filter((id) => recordIds.has(id));
    for (const line of lines.filter((candidate) => !recordIds.has(candidate.paymentId))) {
      result.needsPerson.push({
        line,
        reason: `no deal in the CRM records payment ${line.paymentId} (its payout was not booked there): record it with Create CRM Payment Record, then run this step again`,
      });
    }
    const now = await writer.corrections(
      placed.map((paymentId) => ({ paymentId, recordId: recordIds.get(paymentId)! })),
    );
    const changes: Array<{ paymentId: string; recordId: string; fields: CorrectionFields }> = [];
    let booked = 0;
    for (const paymentId of placed) {
      const ofPayment = lines.filter((line) => line.paymentId === paymentId);
      const payment = ofPayment
        .map((line) => line.payment)
        .find((candidate) => candidate?.amount) as unknown as MolliePayment | undefined;
      if (!payment) {
        ofPayment.forEach((line) =>
          result.needsPerson.push({
            line,
            reason: `Mollie did not send payment ${paymentId} with its ${line.kind}: record it with Create CRM Payment Record`,
          }),
        );
        continue;
      }
      if (!hasTimeFor(6_000))
        throw new z.errors.ThrottledError(
          `Settlement ${reference}: ${result.booked} lines booked in this run; the rest are booked when Zapier retries.`,
          5,
        );
      const input = paymentRecordInput(payment);
      // Where Create CRM Payment Record puts it (recording/): the record it has, its status and refunded amount as Mollie says now.
      const record = await recorder.record(payment, { note: '' });
      const held = now.get(paymentId) ?? { chargedBack: '', references: [] };
      const fields: CorrectionFields = {
        chargedBack: toMinor(input.amountChargedBack) > 0n ? input.amountChargedBack.value : held.chargedBack,
        references: held.references.includes(reference) ? held.references : [...held.references, reference],
      };
      const changed =
        record.outcome !== 'unchanged' ||
        fields.chargedBack !== held.chargedBack ||
        fields.references.length !== held.references.length;
      if (changed) {
        changes.push({ paymentId, recordId: recordIds.get(paymentId)!, fields });
        booked += ofPayment.length;
      } else result.alreadyBooked += ofPayment.length;
    }
    await writer.correct(changes);
    result.booked += booked;
    return booked;
  };

  return {
    record: async ({ settlement, split }: SettlementBooking): Promise<BookingResult> => {
      const byPayment = new Map(split.lines.filter(isPaid).map((line) => [line.paymentId, line]));
      const corrections = split.lines.filter(isCorrection);
      const ids = [...byPayment.keys()];
      const known = await writer.existing([
        ...new Set([...ids, ...corrections.map((line) => line.paymentId)]),
      ]);
      const paidKnown = ids.filter((id) => known.has(id)).length;
      const result: BookingResult = {
        id: '',
        url: '',
        outcome: 'unchanged',
        booked: 0,
        alreadyBooked: paidKnown,
        linkedToExistingPayment: paidKnown,
        feesBooked: 0,
        feesLeft: 0,
        needsPerson: [],
        statementBalance: '',
      };
      const recordIds = new Map(known);
      let created = 0;
      for (const id of ids.filter((paymentId) => !known.has(paymentId))) {
        if (!hasTimeFor(6_000))
          throw new z.errors.ThrottledError(
            `Settlement ${settlement.id}: ${result.booked} payments recorded in this run; the rest are recorded when Zapier retries.`,
            5,
          );
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
        created++;
        if (!placed.placement.accountId)
          result.needsPerson.push({
            line,
            reason: `recorded without a CRM account: ${placed.placement.note}`,
          });
      }
      const reference = settlement.reference || settlement.id;
      const payoutDate = ids.length
        ? bookingDate(settlement.settledAt ?? settlement.createdAt, await writer.timeZone())
        : '';
      const fields = (line: SettlementLine): SettlementFields => ({
        reference,
        payoutDate,
        fee: line.fee?.value ?? '',
      });
      await writer.annotate(
        ids
          .filter((paymentId) => byPayment.has(paymentId))
          .map((paymentId) => ({
            paymentId,
            recordId: recordIds.get(paymentId),
            fields: fields(byPayment.get(paymentId)!),
          })),
      );
      const corrected = await followCorrections(corrections, recordIds, reference, result);
      result.outcome = created > 0 ? 'created' : ids.length || corrected ? 'updated' : 'unchanged';
      for (const line of split.lines) {
        if (line.kind === 'difference')
          result.needsPerson.push({ line, reason: 'Mollie did not itemize this part of the payout' });
      }
      return result;
    },
  };
};
