/**
 * Moneybird's side of what Link Payment to CRM Account needs: contacts listed
 * for the dropdown, one contact read directly, contacts found by IBAN (the
 * free-text query of Moneybird's contact filter searches IBANs), and the
 * payer's IBAN noted as the contact's `sepa_iban`. A Moneybird contact keeps
 * one invoice e-mail: it is never replaced, so no e-mail is taught.
 */
import type { ZObject } from 'zapier-platform-core';
import { normalIban } from '../../matching';
import type { AccountLearning, AccountPage, CrmAccount } from '../adapter';
import { unique } from '../accounts';
import type { caller } from '../http';

/** What this file reads of a Moneybird contact (crm/moneybird/adapter.ts has the whole shape). */
interface ContactKeys {
  id: string;
  customer_id?: string | null;
  sepa_iban?: string | null;
  bank_account?: string | null;
}

type Call = ReturnType<typeof caller>;

export interface MoneybirdAccountParts<Contact extends ContactKeys> {
  z: ZObject;
  call: Call;
  perPage: number;
  toAccount: (contact: Contact) => CrmAccount;
  /** Reads every page of a Moneybird list. */
  allPages: <T>(path: string, params: Record<string, string>, what: string) => Promise<T[]>;
}

/** The IBANs a contact holds: the direct-debit IBAN and the bank account, in electronic form. */
export const contactIbans = (contact: Pick<ContactKeys, 'sepa_iban' | 'bank_account'>): string[] =>
  unique([contact.sepa_iban, contact.bank_account].flatMap((value) => normalIban(value ?? '') ?? []));

export const moneybirdAccountParts = <Contact extends ContactKeys>(parts: MoneybirdAccountParts<Contact>) => {
  const { call } = parts;
  const learning = async (): Promise<AccountLearning> => ({
    iban: { where: "the Moneybird contact's IBAN (sepa_iban)" },
    emails: { missing: 'a Moneybird contact keeps one invoice e-mail, which is not replaced' },
  });

  return {
    learning,

    accountsByIbans: async (ibans: string[]): Promise<CrmAccount[]> => {
      const wanted = unique(ibans.flatMap((iban) => normalIban(iban) ?? []));
      const found = await Promise.all(
        wanted.map(async (iban) => {
          const contacts = await parts.allPages<Contact>(
            '/contacts/filter',
            { query: iban },
            `contacts with IBAN ${iban}`,
          );
          // The query matches any field: keep the contacts that really hold the IBAN.
          return contacts.filter((contact) => contactIbans(contact).includes(iban));
        }),
      );
      return found.flat().map((contact) => parts.toAccount(contact));
    },

    getAccount: async (accountId: string): Promise<CrmAccount | null> => {
      const { status, data } = await call<Contact>('GET', `/contacts/${encodeURIComponent(accountId)}`, {
        pass: [404],
      });
      return status === 404 ? null : parts.toAccount(data);
    },

    listAccounts: async (after?: string): Promise<AccountPage> => {
      const page = Number(after ?? '1') || 1;
      const { data } = await call<Contact[]>('GET', '/contacts', {
        params: { per_page: String(parts.perPage), page: String(page) },
      });
      const accounts = data.map((contact) => {
        const account = parts.toAccount(contact);
        return {
          id: account.id,
          label: [account.name, contact.customer_id ? `(${contact.customer_id})` : '']
            .filter(Boolean)
            .join(' '),
        };
      });
      return { accounts, next: data.length < parts.perPage ? undefined : String(page + 1) };
    },

    setAccountIban: async (accountId: string, iban: string): Promise<void> => {
      await call('PATCH', `/contacts/${encodeURIComponent(accountId)}`, {
        body: { contact: { sepa_iban: iban } },
      });
    },

    addAccountEmail: async (): Promise<void> => {
      throw new parts.z.errors.Error(
        'E-mail: a Moneybird contact keeps one invoice e-mail, which is never replaced.',
        'InvalidInput',
        400,
      );
    },
  };
};
