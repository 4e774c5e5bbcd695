import type { Bundle, ZObject } from 'zapier-platform-core';
import type { CrmAccount } from '../crm/adapter';
import { crmAdapter } from '../crm';
import { normalizeEmail } from '../crm/common';
import { ACCOUNT_OUTPUT_FIELDS, ACCOUNT_SAMPLE, accountOutput, crmName, optionalEmail, optionalText, refuseInput } from '../crm/operations';

/** Accounts found by customer ID and/or e-mail, best first: both keys match > customer ID > e-mail. */
export const perform = async (z: ZObject, bundle: Bundle) => {
  const email = optionalEmail(bundle.inputData.email, 'E-mail');
  const customerId = optionalText(bundle.inputData.customer_id, 'Customer ID', 100);
  if (!email && !customerId) refuseInput('E-mail or Customer ID', 'is needed: fill in at least one of them.');
  const adapter = crmAdapter(z, bundle);
  const [byId, byEmail] = await Promise.all([
    customerId ? adapter.findAccountsByCustomerId(customerId) : ([] as CrmAccount[]),
    email ? adapter.findAccountsByEmail(email) : ([] as CrmAccount[]),
  ]);
  const seen = new Map<string, { account: CrmAccount; score: number; by: string[] }>();
  for (const [accounts, score, by] of [[byId, 2, 'customer ID'], [byEmail, 1, 'e-mail']] as const) {
    for (const account of accounts) {
      const entry = seen.get(account.id) ?? { account, score: 0, by: [] };
      if (by === 'e-mail' && !account.emails.map(normalizeEmail).includes(email!)) continue;
      entry.score += score;
      entry.by.push(by);
      seen.set(account.id, entry);
    }
  }
  const ranked = [...seen.values()].sort((a, b) => b.score - a.score);
  const best = ranked[0]?.score;
  const ambiguous = ranked.filter((entry) => entry.score === best).length > 1;
  const crm = crmName(bundle);
  return ranked.map((entry) => accountOutput(entry.account, { crm, matched_by: entry.by.join(' and '), ambiguous, match_count: ranked.length }));
};

export default {
  key: 'find_crm_account',
  noun: 'CRM Account',
  display: {
    label: 'Find CRM Account',
    description:
      'Finds the customer account in your CRM (HubSpot, Moneybird or Pipedrive) by e-mail or customer ID. Several hits come back best first, flagged as ambiguous.',
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
