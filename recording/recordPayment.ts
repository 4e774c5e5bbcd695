/**
 * Match, then record: the one service every step that records a payment uses
 * (Create or Update CRM Payment Record, Link Payment to CRM Account, Record
 * Settlement in the Books, through `paymentRecorder`). The payment is read once
 * (./stepReading.ts), placed once (./placement.ts), and upserted on its Mollie id
 * (a replay or a refund updates the one record; a record made without an
 * account, or on another, moves to the account given).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { PaymentRecorder } from '../crm/books';
import type { CrmAdapter, UpsertResult } from '../crm/adapter';
import { paymentRecordInput } from '../crm/recordStatus';
import { fromMinor } from '../money/money';
import type { MollieClient } from '../mollie/client';
import type { MolliePayment } from '../mollie/types';
import { recordOutput } from '../outputs/paymentRecord';
import { placePayment, type Placement, type PlacementRequest } from './placement';
import { ownFacts, readStepPayment, type PaymentSource, type StepPayment } from './stepReading';

export interface RecordRequest extends PlacementRequest {
  pipelineId?: string;
  stageId?: string;
}

/** Records the payment where it was placed. `asPaid`: as it was paid, before any refund or chargeback (a settlement's payment line). */
const recordPlaced = (
  adapter: CrmAdapter,
  payment: MolliePayment,
  placement: Placement,
  extra: { pipelineId?: string; stageId?: string; asPaid?: boolean } = {},
): Promise<UpsertResult> => {
  const record = paymentRecordInput(payment);
  const zero = fromMinor(0n, record.amount.currency);
  const input = extra.asPaid
    ? { ...record, status: 'paid' as const, amountRefunded: zero, amountChargedBack: zero }
    : record;
  return adapter.upsertPaymentRecord({
    ...input,
    accountId: placement.accountId,
    invoiceNumber: placement.invoiceNumber,
    pipelineId: extra.pipelineId,
    stageId: extra.stageId,
  });
};

/**
 * Reads, places and records a payment for a step; a payment that goes on no
 * account is refused (naming the field) before anything is written.
 */
export const matchThenRecord = async (
  z: ZObject,
  source: PaymentSource,
  adapter: CrmAdapter,
  payment: MolliePayment,
  request: RecordRequest,
  read?: StepPayment,
) => {
  // Given its account, a step needs only what the payment itself says; else the engine reads it with its customer and mandates.
  const step = read ?? (request.account ? ownFacts(payment) : await readStepPayment(source, payment));
  const { placement, refusal } = await placePayment(source, adapter, step, request);
  if (refusal) throw new z.errors.Error(refusal.message, 'InvalidInput', 400);
  const result = await recordPlaced(adapter, payment, placement, request);
  return recordOutput(result, { crm: adapter.crm, outcome: result.outcome, match_note: placement.note });
};

/** The same service for the settlement books: a line's payment placed on its invoice, or why on none; then recorded there. */
export const paymentRecorder = (
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  mollie: MollieClient,
  adapter: CrmAdapter,
): PaymentRecorder => {
  const source: PaymentSource = { z, bundle, mollie };
  return {
    place: async (payment, invoiceNumber) => {
      const outcome = await placePayment(source, adapter, await readStepPayment(source, payment), {
        invoiceNumber,
      });
      return outcome.refusal ? { refused: outcome.refusal.reason } : { placement: outcome.placement };
    },
    record: (payment, placement, options = {}) => recordPlaced(adapter, payment, placement, options),
  };
};
