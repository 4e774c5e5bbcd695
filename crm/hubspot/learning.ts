/**
 * HubSpot's side of what Link Payment to CRM Account needs: accounts listed
 * for the dropdown, one account read directly, accounts found by IBAN (the
 * property the connection names), and what a link teaches an account: the
 * payer's IBAN on that property, the payer's e-mail as a contact associated
 * with the company.
 */
import type { ZObject } from 'zapier-platform-core';
import { friendlyIban, normalIban } from '../../matching';
import type { AccountLearning, AccountPage, CrmAccount } from '../adapter';
import type { caller } from '../http';
import { emailsIn, normalizeEmail, unique } from '../accounts';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { batchResults } from './errors';
import type { AssociationsOf, BatchAnswer, HubspotObject, UpsertInput, UpsertedObject } from './wire';

type Call = ReturnType<typeof caller>;
type Filter = { propertyName: string; operator: 'EQ' | 'IN'; value?: string; values?: string[] };

export interface HubspotAccountParts {
  /** The accounts the connection describes: what the cache is keyed to (store/connectionCache.ts). */
  accounts: AccountNames;
  z: ZObject;
  call: Call;
  accountObject: 'companies' | 'contacts';
  /** The account property holding the IBAN, when the connection names one. */
  ibanProperty?: string;
  /** Every account property the adapter reads (name, customer ID, IBAN…). */
  accountProperties: string[];
  search: (
    objectType: string,
    filterGroups: { filters: Filter[] }[],
    properties: string[],
  ) => Promise<HubspotObject[]>;
  toAccount: (object: HubspotObject, emails?: string[]) => Promise<CrmAccount>;
}

const PAGE_SIZE = 100;
const HOUR_SECONDS = 3600;
const NOUN = { companies: 'company', contacts: 'contact' } as const;

/** The IBANs an account property holds (one, or a list written by hand), in electronic form. */
export const ibansIn = (value: string | null | undefined): string[] =>
  unique((value ?? '').split(/[,;\n]/).flatMap((part) => normalIban(part) ?? []));

export const hubspotAccountParts = (parts: HubspotAccountParts) => {
  const { call, accountObject, ibanProperty } = parts;

  /** Whether the IBAN property the connection names exists on accounts (remembered an hour: searching on a missing one fails). */
  const cache = connectionCache(parts.z, parts.accounts, 'crm');
  const ibanPropertyExists = async (): Promise<boolean> => {
    if (!ibanProperty) return false;
    const key = `hubspot:iban-property:v1:${accountObject}:${ibanProperty}`;
    const known = await cache.get<boolean>(key);
    if (known !== undefined && known !== null) return known;
    const exists =
      (
        await call('GET', `/crm/v3/properties/${accountObject}/${encodeURIComponent(ibanProperty)}`, {
          pass: [404],
        })
      ).status !== 404;
    await cache.set(key, exists, HOUR_SECONDS);
    return exists;
  };

  const learning = async (): Promise<AccountLearning> => ({
    iban: !ibanProperty
      ? { missing: 'the connection names no IBAN field (HubSpot property) to keep it in' }
      : (await ibanPropertyExists())
        ? { where: `the HubSpot ${NOUN[accountObject]} property ${ibanProperty}` }
        : {
            missing: `HubSpot has no ${NOUN[accountObject]} property "${ibanProperty}" (the connection's IBAN field)`,
          },
    emails:
      accountObject === 'companies'
        ? { where: 'a HubSpot contact associated with the company' }
        : { missing: 'a HubSpot contact holds one e-mail, which is not replaced' },
  });

  /** The e-mails of the contacts associated with a company (read directly, never through search). */
  const companyEmails = async (companyId: string): Promise<string[]> => {
    const { data: links } = await call<BatchAnswer<AssociationsOf>>(
      'POST',
      '/crm/v4/associations/companies/contacts/batch/read',
      { body: { inputs: [{ id: companyId }] } },
    );
    const contactIds = unique(links.results.flatMap((link) => link.to.map((to) => String(to.toObjectId))));
    if (contactIds.length === 0) return [];
    const { data: contacts } = await call<BatchAnswer<HubspotObject>>(
      'POST',
      '/crm/v3/objects/contacts/batch/read',
      {
        body: { inputs: contactIds.map((id) => ({ id })), properties: ['email'], propertiesWithHistory: [] },
      },
    );
    return emailsIn(...contacts.results.map((contact) => contact.properties.email));
  };

  return {
    learning,

    /** Accounts whose IBAN property holds one of these IBANs (searched as written both ways, re-checked exactly). */
    accountsByIbans: async (ibans: string[]): Promise<CrmAccount[]> => {
      const wanted = unique(ibans.flatMap((iban) => normalIban(iban) ?? []));
      if (!ibanProperty || wanted.length === 0 || !(await ibanPropertyExists())) return [];
      const written = unique(wanted.flatMap((iban) => [iban, friendlyIban(iban)]));
      const found = await parts.search(
        accountObject,
        [{ filters: [{ propertyName: ibanProperty, operator: 'IN', values: written }] }],
        parts.accountProperties,
      );
      const holding = found.filter((object) =>
        ibansIn(object.properties[ibanProperty]).some((iban) => wanted.includes(iban)),
      );
      return Promise.all(holding.map((object) => parts.toAccount(object)));
    },

    getAccount: async (accountId: string): Promise<CrmAccount | null> => {
      const { status, data } = await call<HubspotObject>(
        'GET',
        `/crm/v3/objects/${accountObject}/${encodeURIComponent(accountId)}`,
        {
          params: { properties: parts.accountProperties.join(',') },
          pass: [404],
        },
      );
      if (status === 404) return null;
      return parts.toAccount(data, accountObject === 'companies' ? await companyEmails(data.id) : undefined);
    },

    listAccounts: async (after?: string): Promise<AccountPage> => {
      const properties =
        accountObject === 'companies' ? ['name', 'domain'] : ['firstname', 'lastname', 'email'];
      const { data } = await call<{ results: HubspotObject[]; paging?: { next?: { after: string } } }>(
        'POST',
        `/crm/v3/objects/${accountObject}/search`,
        {
          body: {
            filterGroups: [],
            sorts: [accountObject === 'companies' ? 'name' : 'lastname'],
            properties,
            limit: PAGE_SIZE,
            after: after ?? '0',
          },
        },
      );
      const labelOf = (object: HubspotObject) => {
        const p = object.properties;
        if (accountObject === 'companies')
          return [p.name || `Company ${object.id}`, p.domain ? `(${p.domain})` : '']
            .filter(Boolean)
            .join(' ');
        return [
          [p.firstname, p.lastname].filter(Boolean).join(' ') || `Contact ${object.id}`,
          p.email ? `<${p.email}>` : '',
        ]
          .filter(Boolean)
          .join(' ');
      };
      return {
        accounts: data.results.map((object) => ({ id: object.id, label: labelOf(object) })),
        next: data.paging?.next?.after,
      };
    },

    setAccountIban: async (accountId: string, iban: string): Promise<void> => {
      if (!ibanProperty)
        throw new parts.z.errors.Error(
          'IBAN field: the connection names no HubSpot property for the IBAN.',
          'InvalidInput',
          400,
        );
      await call('PATCH', `/crm/v3/objects/${accountObject}/${encodeURIComponent(accountId)}`, {
        body: { properties: { [ibanProperty]: iban } },
      });
    },

    /**
     * Upserts the contact on its e-mail (an existing one is reused, and only its e-mail is written, so
     * nothing of it is replaced) and associates it with the company: a replay adds nothing.
     */
    addAccountEmail: async (accountId: string, email: string): Promise<void> => {
      if (accountObject !== 'companies')
        throw new parts.z.errors.Error(
          'E-mail: a HubSpot contact holds one e-mail, which is never replaced.',
          'InvalidInput',
          400,
        );
      const address = normalizeEmail(email);
      const inputs: UpsertInput[] = [{ id: address, idProperty: 'email', properties: { email: address } }];
      const { data } = await call<BatchAnswer<UpsertedObject>>(
        'POST',
        '/crm/v3/objects/contacts/batch/upsert',
        { body: { inputs } },
      );
      const [contact] = batchResults(data);
      await call(
        'PUT',
        `/crm/v4/objects/companies/${encodeURIComponent(accountId)}/associations/default/contacts/${contact.id}`,
      );
    },
  };
};
