/**
 * Pipedrive's side of what Link Payment to CRM Account needs: organizations
 * listed for the dropdown, one organization read directly (with its persons'
 * e-mails), organizations found by IBAN (the organization field the
 * connection names), and what a link teaches an organization: the payer's
 * IBAN in that field, the payer's e-mail as a person on it.
 */
import type { ZObject } from 'zapier-platform-core';
import { friendlyIban, normalIban } from '../../matching';
import type { AccountLearning, AccountPage, CrmAccount } from '../adapter';
import { emailsIn, unique } from '../accounts';
import type { caller } from '../http';
import { mapLimited } from '../../http/mapLimited';
import type { Envelope, Organization } from './wire';

type Call = ReturnType<typeof caller>;
type SearchEnvelope<T> = Envelope<{ items: { item: T }[] }>;
interface PersonRecord {
  emails?: (string | { value: string })[];
}

export interface PipedriveAccountParts {
  z: ZObject;
  call: Call;
  /** The IBAN field as the connection names it (name or key), when it does. */
  ibanField?: string;
  /** The key of that organization field, or undefined when Pipedrive has none of that name. */
  ibanKey: () => Promise<string | undefined>;
  organization: (id: number | string) => Promise<Organization>;
  toAccount: (org: Organization, emails?: string[]) => Promise<CrmAccount>;
  /** Adds a person with this e-mail to the organization unless one is there. */
  ensurePerson: (orgId: number, name: string, email: string) => Promise<void>;
}

const PAGE_SIZE = 100;

/** The IBANs a field value holds (one, or a list written by hand), in electronic form. */
export const ibansIn = (value: unknown): string[] =>
  typeof value === 'string' ? unique(value.split(/[,;\n]/).flatMap((part) => normalIban(part) ?? [])) : [];

export const pipedriveAccountParts = (parts: PipedriveAccountParts) => {
  const { call, ibanField } = parts;
  const learning = async (): Promise<AccountLearning> => ({
    iban: !ibanField
      ? { missing: 'the connection names no IBAN field (Pipedrive organization field) to keep it in' }
      : (await parts.ibanKey())
        ? { where: `the Pipedrive organization field ${ibanField}` }
        : { missing: `Pipedrive has no organization field "${ibanField}" (the connection's IBAN field)` },
    emails: { where: 'a Pipedrive person on the organization' },
  });

  const personEmails = async (orgId: string): Promise<string[]> => {
    const { data } = await call<Envelope<PersonRecord[]>>('GET', '/api/v2/persons', {
      params: { org_id: orgId, limit: String(PAGE_SIZE) },
    });
    return emailsIn(
      ...(data.data ?? []).flatMap((person) =>
        (person.emails ?? []).map((e) => (typeof e === 'string' ? e : e.value)),
      ),
    );
  };

  const missingField = () =>
    new parts.z.errors.Error(
      `IBAN field: Pipedrive has no organization field "${ibanField ?? ''}". Create it, or name another in the connection settings.`,
      'InvalidInput',
      400,
    );

  return {
    learning,

    /** Organizations whose IBAN field holds one of these IBANs (searched as written both ways, re-checked exactly). */
    accountsByIbans: async (ibans: string[]): Promise<CrmAccount[]> => {
      const wanted = unique(ibans.flatMap((iban) => normalIban(iban) ?? []));
      const key = wanted.length ? await parts.ibanKey() : undefined;
      if (!key) return [];
      const terms = unique(wanted.flatMap((iban) => [iban, friendlyIban(iban)]));
      const hits = await mapLimited(terms, 3, async (term) => {
        const { data } = await call<SearchEnvelope<{ id: number }>>('GET', '/api/v2/organizations/search', {
          params: { term, fields: 'custom_fields', exact_match: 'true' },
        });
        return data.data.items.map((i) => i.item.id);
      });
      const orgs = await mapLimited(unique(hits.flat()), 3, parts.organization);
      // Search looks in every custom field: re-check the IBAN field itself.
      return Promise.all(
        orgs
          .filter((org) => ibansIn(org.custom_fields?.[key]).some((iban) => wanted.includes(iban)))
          .map((org) => parts.toAccount(org)),
      );
    },

    getAccount: async (accountId: string): Promise<CrmAccount | null> => {
      const { status, data } = await call<Envelope<Organization>>(
        'GET',
        `/api/v2/organizations/${encodeURIComponent(accountId)}`,
        { pass: [404] },
      );
      return status === 404 ? null : parts.toAccount(data.data, await personEmails(accountId));
    },

    listAccounts: async (after?: string): Promise<AccountPage> => {
      const { data } = await call<Envelope<Organization[]>>('GET', '/api/v2/organizations', {
        params: { limit: String(PAGE_SIZE), ...(after ? { cursor: after } : {}) },
      });
      return {
        accounts: (data.data ?? []).map((org) => ({ id: String(org.id), label: org.name })),
        next: data.additional_data?.next_cursor ?? undefined,
      };
    },

    setAccountIban: async (accountId: string, iban: string): Promise<void> => {
      const key = await parts.ibanKey();
      if (!key) throw missingField();
      await call('PATCH', `/api/v2/organizations/${encodeURIComponent(accountId)}`, {
        body: { custom_fields: { [key]: iban } },
      });
    },

    addAccountEmail: (accountId: string, email: string, name?: string): Promise<void> =>
      parts.ensurePerson(Number(accountId), name?.trim() || email, email),
  };
};
