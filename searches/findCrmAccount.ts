import type { InferInputData, SearchPerform } from 'zapier-platform-core';
import { defineInputFields, defineSearch } from 'zapier-platform-core';
import type { CandidateQuery, CrmAccount } from '../crm/adapter';
import { MAX_ACCOUNTS_PER_KEY } from '../recording/accountForPayment';
import { crmAdapter } from '../crm';
import { normalizeEmail } from '../crm/accounts';
import { ACCOUNT_OUTPUT_FIELDS, ACCOUNT_SAMPLE, accountOutput, type AccountOutput } from '../outputs/account';
import { crmName, optionalEmail, optionalText, refuseInput } from '../operations/inputs';
import { haltUncertain, named } from './common/uncertain';

const inputFields = defineInputFields([
  {
    key: 'email',
    label: 'E-mail',
    type: 'string',
    helpText: "The customer's e-mail address. Compared without regard to capitals or surrounding spaces.",
  },
  {
    key: 'customer_id',
    label: 'Customer ID',
    type: 'string',
    helpText:
      'Your own customer number for the account (the customer ID field of the CRM, see the connection settings).',
  },
]);

const sameId = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The one account the e-mail and/or customer ID identify, or nothing: several
 * accounts with the key, or the two keys pointing at different accounts,
 * halt the step with the accounts named (see ./common/uncertain.ts).
 */
export const perform = (async (z, bundle) => {
  const email = optionalEmail(bundle.inputData.email, 'E-mail');
  const customerId = optionalText(bundle.inputData.customer_id, 'Customer ID', 100);
  if (!email && !customerId) refuseInput('E-mail or Customer ID', 'is needed: fill in at least one of them.');
  const adapter = crmAdapter(z, bundle);
  // Through the matching engine's capped read: a key on 500 accounts needs no 500 reads to be uncertain.
  const read = async (query: Pick<CandidateQuery, 'emails' | 'customerIds'>) => {
    const incomplete = new Set<string>();
    const accounts =
      query.emails.length + query.customerIds.length
        ? await adapter.findCandidates({
            ...query,
            invoiceNumbers: [],
            maxPerKey: MAX_ACCOUNTS_PER_KEY,
            incomplete,
          })
        : [];
    return Object.assign(accounts, { more: incomplete.size > 0 });
  };
  const [byId, found] = await Promise.all([
    read({ emails: [], customerIds: customerId ? [customerId] : [] }),
    read({ emails: email ? [email] : [], customerIds: [] }),
  ]);
  const byEmail = found.filter((account) => account.emails.map(normalizeEmail).includes(email!));
  const output = (account: CrmAccount, matchedBy: string) => [
    accountOutput(account, { crm: crmName(bundle), matched_by: matchedBy, ambiguous: false, match_count: 1 }),
  ];

  const more = (accounts: { more: boolean }) =>
    accounts.more ? ` and more than ${MAX_ACCOUNTS_PER_KEY} in all` : '';
  if (byId.length > 1 || byId.more)
    return haltUncertain(
      z,
      `customer ID "${customerId}" belongs to more than one account: ${named(byId)}${more(byId)}. Give each account its own customer ID.`,
    );
  const [withId] = byId;
  if (withId) {
    if (byEmail.length && !found.more && !byEmail.some((account) => account.id === withId.id)) {
      return haltUncertain(
        z,
        `customer ID "${customerId}" is ${named([withId])}, but e-mail ${email} is ${named(byEmail)}. Check which one is right.`,
      );
    }
    return output(withId, byEmail.length ? 'customer ID and e-mail' : 'customer ID');
  }
  if (byEmail.length > 1 || found.more) {
    return haltUncertain(
      z,
      `e-mail ${email} belongs to more than one account: ${named(byEmail)}${more(found)}. Search by customer ID as well, or give the e-mail to one account only.`,
    );
  }
  const [withEmail] = byEmail;
  if (!withEmail) return [];
  if (
    customerId &&
    withEmail.customerIds.length &&
    !withEmail.customerIds.some((id) => sameId(id, customerId))
  ) {
    return haltUncertain(
      z,
      `e-mail ${email} is ${named([withEmail])}, whose customer ID is ${withEmail.customerIds.join(', ')}, not "${customerId}".`,
    );
  }
  return output(withEmail, 'e-mail');
}) satisfies SearchPerform<InferInputData<typeof inputFields>, AccountOutput>;

export default defineSearch({
  key: 'find_crm_account',
  noun: 'CRM Account',
  display: {
    label: 'Find CRM Account',
    description:
      'Finds the customer account in your CRM (HubSpot, Moneybird or Pipedrive) by e-mail or customer ID. Finds one account only when it is certain: when several accounts share the e-mail, the step stops and names them.',
  },
  operation: {
    inputFields,
    perform,
    sample: ACCOUNT_SAMPLE,
    outputFields: ACCOUNT_OUTPUT_FIELDS,
  },
});
