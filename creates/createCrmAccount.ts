import type { CreatePerform, InferInputData } from 'zapier-platform-core';
import { defineCreate, defineInputFields } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import {
  ACCOUNT_OUTPUT_FIELDS,
  accountOutput,
  CREATED_ACCOUNT_SAMPLE,
  type AccountOutput,
} from '../outputs/account';
import { crmName, optionalEmail, optionalText, requiredText } from '../operations/inputs';

const inputFields = defineInputFields([
  {
    key: 'name',
    label: 'Name',
    type: 'string',
    required: true,
    helpText: 'The company or person name of the new account.',
  },
  {
    key: 'email',
    label: 'E-mail',
    type: 'string',
    helpText: 'The e-mail address payments from this customer come from.',
  },
  {
    key: 'customer_id',
    label: 'Customer ID',
    type: 'string',
    helpText: 'Your own customer number, stored in the customer ID field of the CRM.',
  },
]);

export const perform = (async (z, bundle) => {
  const name = requiredText(bundle.inputData.name, 'Name', 200);
  const email = optionalEmail(bundle.inputData.email, 'E-mail');
  const customerId = optionalText(bundle.inputData.customer_id, 'Customer ID', 100);
  const account = await crmAdapter(z, bundle).createAccount({ name, email, customerId });
  return accountOutput(account, { crm: crmName(bundle), matched_by: 'created' });
}) satisfies CreatePerform<InferInputData<typeof inputFields>, AccountOutput>;

export default defineCreate({
  key: 'create_crm_account',
  noun: 'CRM Account',
  display: {
    label: 'Create CRM Account',
    description:
      'Creates a customer account in your CRM: a HubSpot company (with its contact) or contact, a Moneybird contact, or a Pipedrive organization.',
  },
  operation: {
    inputFields,
    perform,
    sample: CREATED_ACCOUNT_SAMPLE,
    outputFields: ACCOUNT_OUTPUT_FIELDS,
  },
});
