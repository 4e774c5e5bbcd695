import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { unmatchedPayments, unmatchedSample, unmatchedStateKey } from '../unmatched/unmatchedPayments';
import { withDeadline } from '../http/deadline';
import { paymentEventOutputFields, paymentSample } from '../outputs/payments';
import { pollPaymentStatus, triggerClient, triggerInputs } from '../triggerEngine/paymentEvents';
import { LATE_CHANGES_NOTE, profileField } from './common/fields';
import { REVIEW_OUTPUT_FIELDS, reviewFields } from '../unmatched/review';

const SAMPLE_PAYMENT = { ...paymentSample, customer_email: 'office@shared.nl' };
const SAMPLE_EXPLANATION = 'billingAddress.email "office@shared.nl" belongs to 2 accounts (Shared One, Shared Two).';
const SAMPLE_CANDIDATES = [
  { id: '18390123456', name: 'Shared One', pointedToBy: ['email' as const] },
  { id: '18390123457', name: 'Shared Two', pointedToBy: ['email' as const] },
];

export const perform = (z: ZObject, bundle: Bundle) =>
  withDeadline(async () => {
    const inputs = triggerInputs(bundle);
    const mollie = triggerClient(z, bundle, inputs);
    const stateKey = unmatchedStateKey(inputs.profileId, mollie.credential.mode);
    if (bundle.meta?.isLoadingSample) return unmatchedSample(z, stateKey, () => pollPaymentStatus(z, bundle, 'unmatched_payment', ['paid'], true));
    const paid = await pollPaymentStatus(z, bundle, 'unmatched_payment', ['paid']);
    return unmatchedPayments(z, bundle, mollie, paid, { stateKey, profileId: inputs.profileId });
  });

export default defineTrigger({
  key: 'unmatched_payment',
  noun: 'Payment',
  display: {
    label: 'Unmatched Payment',
    description:
      'Triggers when a paid Mollie payment cannot be matched to one CRM account with certainty, with the reason, the accounts ' +
      'considered (as line items to choose from) and a ready message, for a manual review step that ends in Link Payment to CRM Account. ' +
      `${LATE_CHANGES_NOTE}`,
  },
  operation: {
    type: 'polling',
    inputFields: [profileField],
    perform,
    sample: {
      ...SAMPLE_PAYMENT,
      id: 'tr_7UhSN1zuXS:unmatched',
      match_reason: 'ambiguous',
      match_explanation: SAMPLE_EXPLANATION,
      candidates: SAMPLE_CANDIDATES.map((candidate) => candidate.name).join(', '),
      candidate_ids: SAMPLE_CANDIDATES.map((candidate) => candidate.id).join(', '),
      ...reviewFields(SAMPLE_PAYMENT, SAMPLE_CANDIDATES, SAMPLE_EXPLANATION),
    },
    outputFields: [
      ...paymentEventOutputFields,
      { key: 'match_reason', label: 'Why it did not match (none_found, ambiguous, conflict, weak_evidence, not_checked)' },
      { key: 'match_explanation', label: 'What the matching found' },
      { key: 'candidates', label: 'Accounts considered' },
      { key: 'candidate_ids', label: 'IDs of the accounts considered' },
      ...REVIEW_OUTPUT_FIELDS,
    ],
  },
});
