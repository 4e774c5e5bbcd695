import type { ZObject } from 'zapier-platform-core';
import type { CrmSettings } from '../http/credentials';
import { connectionCache } from '../http/connectionCache';
import { apiBase } from '../http/endpoints';
import { fromMinor, toMinor } from '../mollie/money';
import type { CandidateQuery, CrmAccount, CrmAdapter, NewAccount, PaymentRecord, PaymentRecordInput, PaymentRecordQuery, UpsertResult } from './adapter';
import { asRecordStatus, caller, emailsIn, mapLimited, normalizeEmail, sameRecord, unique, uniqueAccounts, withRecordLock } from './common';

interface Field {
  key: string;
  name: string;
}
interface Organization {
  id: number;
  name: string;
  custom_fields?: Record<string, unknown>;
}
interface Person {
  id: number;
  name: string;
  /** Search items list e-mails as strings, person records as objects. */
  emails?: (string | { value: string })[];
  organization?: { id: number } | null;
  org_id?: number | null;
}
interface Deal {
  id: number;
  title: string;
  value: number | string;
  currency: string;
  org_id?: number | null;
  add_time?: string;
  custom_fields?: Record<string, unknown>;
}
type Envelope<T> = { success: boolean; data: T };
type SearchEnvelope<T> = Envelope<{ items: { item: T }[] }>;

export const DEFAULT_CUSTOMER_ID_FIELD = 'Customer ID';
const FIELDS_TTL_SECONDS = 3600;
/** Deal fields the app adds on first use; the first holds the Mollie id (no unique constraint in Pipedrive). */
export const DEAL_FIELDS = { id: 'Mollie payment ID', status: 'Mollie payment status', refunded: 'Mollie amount refunded' } as const;

export const pipedriveAdapter = (z: ZObject, companyDomain: string, settings: CrmSettings = { accountObject: 'companies' }): CrmAdapter => {
  const call = caller(z, 'pipedrive', () => apiBase('pipedrive', companyDomain));
  const ui = `https://${companyDomain}.pipedrive.com`;
  const customerField = settings.customerIdField ?? DEFAULT_CUSTOMER_ID_FIELD;

  const cache = connectionCache(z);
  const fieldNamed = (list: Field[], wanted: string) => list.find((f) => f.key === wanted || f.name.toLowerCase() === wanted.toLowerCase());
  /**
   * Field definitions, remembered an hour. A remembered list is used only when it has every
   * field wanted: a missing one is always looked up afresh, so a field a parallel run just
   * added is never created twice.
   */
  const fields = async (kind: 'organizationFields' | 'dealFields', wanted: string[]): Promise<Field[]> => {
    const key = `pipedrive:${kind}:v1`;
    const known = await cache.get<Field[]>(key);
    if (known && wanted.every((name) => fieldNamed(known, name))) return known;
    const list = (await call<Envelope<Field[]>>('GET', `/api/v1/${kind}`)).data.data ?? [];
    await cache.set(key, list, FIELDS_TTL_SECONDS);
    return list;
  };

  let customerKey: Promise<string | undefined> | undefined;
  const customerIdKey = () => (customerKey ??= fields('organizationFields', [customerField]).then((list) => fieldNamed(list, customerField)?.key));

  const accountOf = async (org: Organization, emails: string[] = []): Promise<CrmAccount> => {
    const key = await customerIdKey();
    const customerId = key ? org.custom_fields?.[key] : undefined;
    return {
      id: String(org.id),
      name: org.name,
      emails: unique(emails),
      customerIds: customerId === undefined || customerId === null || customerId === '' ? [] : [String(customerId)],
      url: `${ui}/organization/${org.id}`,
    };
  };

  const organization = async (id: number | string) => (await call<Envelope<Organization>>('GET', `/api/v2/organizations/${id}`)).data.data;

  const accountsByEmail = async (email: string, query?: CandidateQuery): Promise<CrmAccount[]> => {
    const wanted = normalizeEmail(email);
    const { data } = await call<SearchEnvelope<Person>>('GET', '/api/v2/persons/search', { params: { term: wanted, fields: 'email', exact_match: 'true' } });
    const persons = data.data.items.map((i) => i.item).filter((p) => emailsIn(...(p.emails ?? []).map((e) => (typeof e === 'string' ? e : e.value))).includes(wanted));
    const orgIds = unique(persons.map((p) => p.organization?.id ?? p.org_id).filter((id): id is number => typeof id === 'number'));
    const cap = query?.maxPerKey ?? Infinity;
    if (orgIds.length > cap) query?.incomplete?.add(wanted);
    return mapLimited(orgIds.slice(0, cap), 3, async (id) => accountOf(await organization(id), [wanted]));
  };

  const accountsByCustomerId = async (customerId: string): Promise<CrmAccount[]> => {
    const key = await customerIdKey();
    if (!key) return [];
    const wanted = customerId.trim();
    const { data } = await call<SearchEnvelope<Organization>>('GET', '/api/v2/organizations/search', { params: { term: wanted, fields: 'custom_fields', exact_match: 'true' } });
    // Search looks in every custom field: re-check the customer ID field itself.
    const orgs = await mapLimited(data.data.items.map((i) => i.item.id), 3, organization);
    return Promise.all(orgs.filter((org) => String(org.custom_fields?.[key] ?? '') === wanted).map((org) => accountOf(org)));
  };

  /** The deal fields' keys, created when missing (only when writing). */
  const dealFieldKeys = async (create: boolean): Promise<Record<keyof typeof DEAL_FIELDS, string> | undefined> => {
    const list = await fields('dealFields', Object.values(DEAL_FIELDS));
    const keys: Partial<Record<keyof typeof DEAL_FIELDS, string>> = {};
    for (const [role, name] of Object.entries(DEAL_FIELDS) as [keyof typeof DEAL_FIELDS, string][]) {
      let key = fieldNamed(list, name)?.key;
      if (!key && create) key = (await call<Envelope<Field>>('POST', '/api/v1/dealFields', { body: { name, field_type: 'varchar' } })).data.data.key;
      if (!key) return undefined;
      keys[role] = key;
    }
    return keys as Record<keyof typeof DEAL_FIELDS, string>;
  };

  /** Deals carrying this Mollie id, oldest first (search, then each deal read to check the field exactly). */
  const dealsFor = async (molliePaymentId: string, idKey: string): Promise<Deal[]> => {
    const { data } = await call<SearchEnvelope<Deal>>('GET', '/api/v2/deals/search', { params: { term: molliePaymentId, fields: 'custom_fields', exact_match: 'true' } });
    const deals = await mapLimited(unique(data.data.items.map((i) => i.item.id)), 3, async (id) => {
      const { status, data: deal } = await call<Envelope<Deal>>('GET', `/api/v2/deals/${id}`, { pass: [404] });
      return status === 404 ? undefined : deal.data;
    });
    return deals
      .filter((deal): deal is Deal => !!deal && deal.custom_fields?.[idKey] === molliePaymentId)
      .sort((a, b) => (a.add_time ?? '').localeCompare(b.add_time ?? '') || a.id - b.id);
  };

  const recordOf = (deal: Deal, keys: Record<keyof typeof DEAL_FIELDS, string>): PaymentRecord => {
    const currency = deal.currency;
    const money = (value: unknown) => fromMinor(toMinor({ currency, value: String(value ?? '0') }), currency);
    return {
      id: String(deal.id),
      molliePaymentId: String(deal.custom_fields?.[keys.id] ?? ''),
      accountId: deal.org_id ? String(deal.org_id) : undefined,
      amount: money(deal.value),
      amountRefunded: money(deal.custom_fields?.[keys.refunded]),
      status: asRecordStatus(deal.custom_fields?.[keys.status]),
      url: `${ui}/deal/${deal.id}`,
    };
  };

  return {
    crm: 'pipedrive',
    whoAmI: async () => {
      const response = await call<{ data: { company_name?: string; name?: string } }>('GET', '/api/v1/users/me');
      return { name: `Pipedrive ${response.data.data.company_name ?? companyDomain}` };
    },

    findAccountsByEmail: (email) => accountsByEmail(email),
    findAccountsByCustomerId: accountsByCustomerId,

    findCandidates: async (query: CandidateQuery) => {
      const byId = await mapLimited(unique(query.customerIds), 3, accountsByCustomerId);
      const byEmail = await mapLimited(unique(query.emails.map(normalizeEmail)), 3, (email) => accountsByEmail(email, query));
      return uniqueAccounts([...byId.flat(), ...byEmail.flat()]);
    },

    createAccount: async (account: NewAccount) => {
      const custom: Record<string, string> = {};
      if (account.customerId) {
        const key = await customerIdKey();
        if (!key) throw new z.errors.Error(`Customer ID: Pipedrive has no organization field "${customerField}". Create it, or name another in the connection settings.`, 'InvalidInput', 400);
        custom[key] = account.customerId;
      }
      const { data } = await call<Envelope<Organization>>('POST', '/api/v2/organizations', {
        body: { name: account.name, ...(account.customerId ? { custom_fields: custom } : {}) },
      });
      const org = data.data;
      if (account.email) {
        await call('POST', '/api/v2/persons', { body: { name: account.name, emails: [{ value: normalizeEmail(account.email), primary: true, label: 'work' }], org_id: org.id } });
      }
      return accountOf({ ...org, custom_fields: { ...org.custom_fields, ...custom } }, emailsIn(account.email));
    },

    findPaymentRecord: async (query: PaymentRecordQuery) => {
      const keys = await dealFieldKeys(false);
      if (!keys) return null;
      const [oldest] = await dealsFor(query.molliePaymentId, keys.id);
      return oldest ? recordOf(oldest, keys) : null;
    },

    upsertPaymentRecord: async (input: PaymentRecordInput): Promise<UpsertResult> =>
      withRecordLock(z, input.molliePaymentId, async () => {
        const keys = (await dealFieldKeys(true))!;
        const [existing, ...copies] = await dealsFor(input.molliePaymentId, keys.id);
        const custom = { [keys.id]: input.molliePaymentId, [keys.status]: input.status, [keys.refunded]: input.amountRefunded.value };
        if (existing) {
          // A copy a parallel run created but could not remove (its re-check below failed) goes now: oldest kept.
          for (const copy of copies) await call('DELETE', `/api/v2/deals/${copy.id}`, { pass: [404] });
          const record = recordOf(existing, keys);
          if (sameRecord(record, input) && !input.stageId) return { ...record, outcome: 'unchanged' };
          const { data } = await call<Envelope<Deal>>('PATCH', `/api/v2/deals/${existing.id}`, {
            body: { custom_fields: custom, ...(input.accountId ? { org_id: Number(input.accountId) } : {}), ...(input.stageId ? { stage_id: Number(input.stageId) } : {}) },
          });
          return { ...recordOf(data.data, keys), outcome: 'updated' };
        }
        const { data } = await call<Envelope<Deal>>('POST', '/api/v2/deals', {
          body: {
            title: `${input.description || 'Mollie payment'} (${input.molliePaymentId})`.slice(0, 250),
            // Pipedrive takes the value as a JSON number: converted from the decimal string, no arithmetic.
            value: Number(input.amount.value),
            currency: input.amount.currency,
            status: ['failed', 'canceled', 'expired'].includes(input.status) ? 'lost' : 'won',
            ...(input.accountId ? { org_id: Number(input.accountId) } : {}),
            ...(input.pipelineId ? { pipeline_id: Number(input.pipelineId) } : {}),
            ...(input.stageId ? { stage_id: Number(input.stageId) } : {}),
            custom_fields: custom,
          },
        });
        // No unique constraint: check again, and if a parallel run also created one, keep the oldest and delete the others.
        const all = await dealsFor(input.molliePaymentId, keys.id);
        const keep = all[0] ?? data.data;
        for (const extra of all.slice(1)) await call('DELETE', `/api/v2/deals/${extra.id}`, { pass: [404] });
        return { ...recordOf(keep, keys), outcome: keep.id === data.data.id ? 'created' : 'updated' };
      }),

    listOptions: async (kind, parentId) => {
      if (kind === 'properties') return (await fields('organizationFields', [])).map((f) => ({ id: f.key, label: f.name }));
      if (kind === 'pipelines') {
        const { data } = await call<Envelope<{ id: number; name: string }[]>>('GET', '/api/v2/pipelines');
        return data.data.map((p) => ({ id: String(p.id), label: p.name }));
      }
      const { data } = await call<Envelope<{ id: number; name: string }[]>>('GET', '/api/v2/stages', { params: parentId ? { pipeline_id: parentId } : {} });
      return data.data.map((s) => ({ id: String(s.id), label: s.name }));
    },
  };
};
