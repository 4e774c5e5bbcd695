import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { pagingCursor } from '../store/pagingCursor';

/**
 * Hidden: feeds the Account dropdown, a page at a time ("Load more" asks for
 * the next page; the CRM's own cursor is kept in z.cursor).
 */
export const perform = (async (z, bundle) => {
  const page = Number(bundle.meta?.page ?? 0);
  const cursor = pagingCursor(z);
  const after = page > 0 ? await cursor.get() : undefined;
  if (page > 0 && !after) return [];
  const { accounts, next } = await crmAdapter(z, bundle).listAccounts(after);
  // The last page leaves an empty cursor: the page after it is empty, not this one again.
  await cursor.set(next ?? '');
  return accounts.map((account) => ({ id: account.id, name: account.label }));
}) satisfies PollingTriggerPerform<[], { id: string; name: string }>;

export default defineTrigger({
  key: 'crm_accounts',
  noun: 'CRM Account',
  display: {
    label: 'List CRM Accounts',
    description:
      'Triggers when the Account dropdown is opened: lists the accounts of your CRM (HubSpot companies or contacts, Moneybird contacts, Pipedrive organizations).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: true,
    sample: { id: '18390123456', name: 'Bakkerij de Vries (bakkerijdevries.nl)' },
    outputFields: [
      { key: 'id', label: 'Account ID' },
      { key: 'name', label: 'Account name' },
    ],
  },
});
