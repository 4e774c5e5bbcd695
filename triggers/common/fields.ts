import { defineInputField } from 'zapier-platform-core';

/** Input fields several triggers share. */
export const profileField = defineInputField({
  key: 'profile_id',
  label: 'Website profile',
  required: false,
  dynamic: 'profiles.id.name',
  altersDynamicFields: false,
  helpText:
    'Only for an organization access token (`access_…`): which Mollie website profile to watch. Leave empty when the token sees ' +
    'one profile, or when you connected with an API key (the key belongs to one profile). ' +
    'See [Mollie: profiles](https://help.mollie.com/hc/en-us/articles/115000069309).',
});

export const methodField = defineInputField({
  key: 'method',
  label: 'Payment method',
  required: false,
  dynamic: 'payment_methods.id.name',
  helpText:
    'Only fire for payments made with this method (e.g. Bank transfer, SEPA Direct Debit). Leave empty for every method. ' +
    'Test or live payments follow your connection: a `test_` key or the mode chosen for an access token.',
});

export const includeCanceledExpiredField = defineInputField({
  key: 'include_canceled_expired',
  label: 'Also fire on canceled and expired payments',
  type: 'boolean',
  required: false,
  default: 'false',
  helpText:
    'By default only failed payments fire (e.g. a SEPA direct debit the bank refused). Choose yes to also fire when the customer ' +
    'canceled the payment or it expired unpaid (e.g. a bank transfer that never arrived).',
});

/** What every polling trigger's help text says about timing. */
export const LATE_CHANGES_NOTE =
  'Catches changes that happen days after the payment was created (bank transfers, SEPA direct debits): those are found by a ' +
  'background sweep within hours; changes to payments created in the last few hours fire on the next check.';
