import type { Bundle, ZObject } from 'zapier-platform-core';
import type { CrmAccount } from '../crm/adapter';
import { crmAdapter } from '../crm';
import { normalizeEmail } from '../crm/common';
import { ACCOUNT_OUTPUT_FIELDS, ACCOUNT_SAMPLE, accountOutput, crmName, optionalEmail, optionalText, refuseInput } from '../crm/operations';
import { haltUncertain, named } from './common/uncertain';

const sameId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The one account the e-mail and/or customer ID identify, or nothing: several
 * accounts with the key, or the two keys pointing at different accounts,
 * halt the step with the accounts named (see ./common/uncertain.ts).
 */
export const perform = async (z: ZObject, bundle: Bundle) => {
  const email = optionalEmail(bundle.inputData.email, 'E-mail');
  const customerId = optionalText(bundle.inputData.customer_id, 'Customer ID', 100);
  if (!email && !customerId) refuseInput('E-mail or Customer ID', 'is needed: fill in at least one of them.');
  const adapter = crmAdapter(z, bundle);
  const [byId, found] = await Promise.all([
    customerId ? adapter.findAccountsByCustomerId(customerId) : ([] as CrmAccount[]),
    email ? adapter.findAccountsByEmail(email) : ([] as CrmAccount[]),
  ]);
  const byEmail = found.filter((account) => account.emails.map(normalizeEmail).includes(email!));
  const output = (account: CrmAccount, matchedBy: string) => [accountOutput(account, { crm: crmName(bundle), matched_by: matchedBy, ambiguous: false, match_count: 1 })];

  if (byId.length > 1) return haltUncertain(z, `customer ID "${customerId}" belongs to more than one account: ${named(byId)}. Give each account its own customer ID.`);
  const [withId] = byId;
  if (withId) {
    if (byEmail.length && !byEmail.some((account) => account.id === withId.id)) {
      return haltUncertain(z, `customer ID "${customerId}" is ${named([withId])}, but e-mail ${email} is ${named(byEmail)}. Check which one is right.`);
    }
    return output(withId, byEmail.length ? 'customer ID and e-mail' : 'customer ID');
  }
  if (byEmail.length > 1) {
    return haltUncertain(z, `e-mail ${email} belongs to more than one account: ${named(byEmail)}. Search by customer ID as well, or give the e-mail to one account only.`);
  }
  const [withEmail] = byEmail;
  if (!withEmail) return [];
  if (customerId && withEmail.customerIds.length && !withEmail.customerIds.some((id) => sameId(id, customerId))) {
    return haltUncertain(z, `e-mail ${email} is ${named([withEmail])}, whose customer ID is ${withEmail.customerIds.join(', ')}, not "${customerId}".`);
  }
  return output(withEmail, 'e-mail');
};

export default {
  key: 'find_crm_account',
  noun: 'CRM Account',
  display: {
    label: 'Find CRM Account',
    description:
      'Finds the customer account in your CRM (HubSpot, Moneybird or Pipedrive) by e-mail or customer ID. Finds one account only when it is certain: when several accounts share the e-mail, the step stops and names them.',
  },
  operation: {
    inputFields: [
      { key: 'email', label: 'E-mail', type: 'string' as const, helpText: 'The customer\'s e-mail address. Compared without regard to capitals or surrounding spaces.' },
      { key: 'customer_id', label: 'Customer ID', type: 'string' as const, helpText: 'Your own customer number for the account (the customer ID field of the CRM, see the connection settings).' },
    ],
    perform,
    sample: ACCOUNT_SAMPLE,
    outputFields: ACCOUNT_OUTPUT_FIELDS,
  },
};
