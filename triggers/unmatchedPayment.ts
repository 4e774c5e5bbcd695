import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineInputFields, defineTrigger } from 'zapier-platform-core';
import { unmatchedPayments, unmatchedSample, unmatchedStateKey } from '../unmatched/unmatchedPayments';
import { withDeadline } from '../http/deadline';
import { unmatchedPaymentOutputFields } from '../outputs/payment';
import type { Item } from '../triggerEngine/pageMap';
import { pollPaymentStatus, triggerClient, triggerInputs } from '../triggerEngine/paymentEvents';
import { LATE_CHANGES_NOTE, profileField } from './common/fields';
import { REVIEW_OUTPUT_FIELDS, UNMATCHED_REVIEW_SAMPLE } from '../outputs/unmatchedReview';

const inputFields = defineInputFields([profileField]);

export const perform = ((z, bundle) =>
  withDeadline(async () => {
    const inputs = triggerInputs(bundle);
    const mollie = triggerClient(z, bundle, inputs);
    const stateKey = unmatchedStateKey(inputs.profileId, mollie.credential.mode);
    if (bundle.meta?.isLoadingSample)
      return unmatchedSample(z, mollie.accounts, stateKey, () =>
        pollPaymentStatus(z, bundle, 'unmatched_payment', ['paid'], true),
      );
    const paid = await pollPaymentStatus(z, bundle, 'unmatched_payment', ['paid']);
    return unmatchedPayments(z, bundle, mollie, paid, { stateKey, profileId: inputs.profileId });
  })) satisfies PollingTriggerPerform<typeof inputFields, Item>;

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
    inputFields,
    perform,
    sample: UNMATCHED_REVIEW_SAMPLE,
    outputFields: [...unmatchedPaymentOutputFields, ...REVIEW_OUTPUT_FIELDS],
  },
});
