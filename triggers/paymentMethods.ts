import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { triggerClient } from '../triggerEngine/paymentEvents';

/** What the step with the Payment method dropdown passes along: the profile chosen in it, if any. */
type StepInput = { profile_id?: string };

/** The methods enabled on the profile (for an access token, the profile chosen in the trigger, if any). */
export const perform = (async (z, bundle) => {
  const methods = await triggerClient(z, bundle).methods.list();
  return methods.items.map((method) => ({ id: method.id, name: method.description ?? method.id }));
}) satisfies PollingTriggerPerform<StepInput, { id: string; name: string }>;

export default defineTrigger({
  key: 'payment_methods',
  noun: 'Payment Method',
  display: {
    label: 'List Payment Methods',
    description:
      'Triggers when the Payment method dropdown is opened: lists the methods enabled on the Mollie profile.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    sample: { id: 'banktransfer', name: 'Bank transfer' },
    outputFields: [
      { key: 'id', label: 'Method ID' },
      { key: 'name', label: 'Name' },
    ],
  },
});
