import type { ZObject } from 'zapier-platform-core';
import type { CrmSettings } from '../../http/credentials';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { apiBase } from '../../http/endpoints';
import { fromMinor, toMinor } from '../../money/money';
import type {
  CandidateQuery,
  CrmAccount,
  CrmAdapter,
  NewAccount,
  PaymentRecord,
  PaymentRecordInput,
  PaymentRecordQuery,
  UpsertResult,
} from '../adapter';
import { asRecordStatus, sameRecord } from '../recordStatus';
import { caller } from '../http';
import { emailsIn, normalizeEmail, unique, uniqueAccounts } from '../accounts';
import { mapLimited } from '../../http/mapLimited';
import { withRecordLock } from '../../store/lock';
import { checkRecordIds } from '../ids';
import { allFields, type Field, type FieldKind } from './fields';
import { recentlyAdded } from './recent';
import { dealOutcome, recordTitle } from '../recordStatus';
import type { Deal, DealChange, Envelope, NewDeal, NewOrganization, NewPerson, Organization } from './wire';
import { ibansIn, pipedriveAccountParts } from './learning';

/** A person as search lists it (e-mails as strings) or as read (e-mail objects). */
interface Person {
  id: number;
  name: string;
  /** Search items list e-mails as strings, person records as objects. */
  emails?: (string | { value: string })[];
  organization?: { id: number } | null;
  org_id?: number | null;
}
type SearchEnvelope<T> = Envelope<{ items: { item: T }[] }>;

export const DEFAULT_CUSTOMER_ID_FIELD = 'Customer ID';
const FIELDS_TTL_SECONDS = 3600;
/** Deal fields the app adds on first use; the first holds the Mollie id (no unique constraint in Pipedrive). */
export const DEAL_FIELDS = {
  id: 'Mollie payment ID',
  status: 'Mollie payment status',
  refunded: 'Mollie amount refunded',
} as const;
/** The deal field holding the invoice the payment pays: made on first use, when a record has an invoice number to store. */
export const INVOICE_DEAL_FIELD = 'Mollie invoice number';
type DealKeys = Record<keyof typeof DEAL_FIELDS, string> & { invoice?: string };

export const pipedriveAdapter = (
  z: ZObject,
  companyDomain: string,
  accounts: AccountNames,
  settings: CrmSettings = { accountObject: 'companies' },
): CrmAdapter => {
  const call = caller(z, 'pipedrive', () => apiBase('pipedrive', companyDomain));
  const ui = `https://${companyDomain}.pipedrive.com`;
  const customerField = settings.customerIdField ?? DEFAULT_CUSTOMER_ID_FIELD;

  const cache = connectionCache(z, accounts, 'crm');
  const fieldNamed = (list: Field[], wanted: string) =>
    list.find((f) => f.key === wanted || f.name.toLowerCase() === wanted.toLowerCase());
  /**
   * Field definitions, remembered an hour. A remembered list is used only when it has every
   * field wanted: a missing one is always looked up afresh, so a field a parallel run just
   * added is never created twice.
   */
  const fields = async (kind: FieldKind, wanted: string[]): Promise<Field[]> => {
    const key = `pipedrive:${kind}:v1`;
    const known = await cache.get<Field[]>(key);
    if (known && wanted.every((name) => fieldNamed(known, name))) return known;
    const list = await allFields(z, call, kind);
    await cache.set(key, list, FIELDS_TTL_SECONDS);
    return list;
  };

  let customerKey: Promise<string | undefined> | undefined;
  const customerIdKey = () =>
    (customerKey ??= fields('organizationFields', [customerField]).then(
      (list) => fieldNamed(list, customerField)?.key,
    ));
  const ibanField = settings.ibanField;
  let ibanFieldKey: Promise<string | undefined> | undefined;
  // After the customer ID's lookup, so one read of the field list serves both.
  const ibanKey = () =>
    (ibanFieldKey ??= ibanField
      ? customerIdKey()
          .then(() => fields('organizationFields', [ibanField]))
          .then((list) => fieldNamed(list, ibanField)?.key)
      : Promise.resolve(undefined));

  const accountOf = async (org: Organization, emails: string[] = []): Promise<CrmAccount> => {
    const [key, ibanAt] = await Promise.all([customerIdKey(), ibanKey()]);
    const customerId = key ? org.custom_fields?.[key] : undefined;
    return {
      id: String(org.id),
      name: org.name,
      emails: unique(emails),
      customerIds:
        customerId === undefined || customerId === null || customerId === '' ? [] : [String(customerId)],
      ibans: ibanAt ? ibansIn(org.custom_fields?.[ibanAt]) : [],
      url: `${ui}/organization/${org.id}`,
    };
  };

  const organization = async (id: number | string) =>
    (await call<Envelope<Organization>>('GET', `/api/v2/organizations/${id}`, { one: 'organization' })).data
      .data;

  const accountsByEmail = async (email: string, query?: CandidateQuery): Promise<CrmAccount[]> => {
    const wanted = normalizeEmail(email);
    const { data } = await call<SearchEnvelope<Person>>('GET', '/api/v2/persons/search', {
      params: { term: wanted, fields: 'email', exact_match: 'true' },
    });
    const persons = data.data.items
      .map((i) => i.item)
      .filter((p) =>
        emailsIn(...(p.emails ?? []).map((e) => (typeof e === 'string' ? e : e.value))).includes(wanted),
      );
    const orgIds = unique(
      persons.map((p) => p.organization?.id ?? p.org_id).filter((id): id is number => typeof id === 'number'),
    );
    const cap = query?.maxPerKey ?? Infinity;
    if (orgIds.length > cap) query?.incomplete?.add(wanted);
    return mapLimited(orgIds.slice(0, cap), 3, async (id) => accountOf(await organization(id), [wanted]));
  };

  /** Organizations search finds (exact term in one kind of field), each read afresh. */
  const searchOrganizations = async (
    term: string,
    fields: 'custom_fields' | 'name',
  ): Promise<Organization[]> => {
    const { data } = await call<SearchEnvelope<Organization>>('GET', '/api/v2/organizations/search', {
      params: { term, fields, exact_match: 'true' },
    });
    return mapLimited(unique(data.data.items.map((i) => i.item.id)), 3, organization);
  };

  const accountsByCustomerId = async (customerId: string): Promise<CrmAccount[]> => {
    const key = await customerIdKey();
    if (!key) return [];
    const wanted = customerId.trim();
    // Search looks in every custom field: re-check the customer ID field itself.
    const orgs = await searchOrganizations(wanted, 'custom_fields');
    return Promise.all(
      orgs.filter((org) => String(org.custom_fields?.[key] ?? '') === wanted).map((org) => accountOf(org)),
    );
  };

  /**
   * The organization an earlier try of this Create CRM Account made (same name
   * and customer ID): among the newest (which search may not show yet) and
   * through search (older ones).
   */
  const sameOrganization = async (
    account: NewAccount,
    customerKey: string | undefined,
  ): Promise<Organization | undefined> => {
    const name = account.name.trim().toLowerCase();
    const same = (org: Organization) =>
      org.name.trim().toLowerCase() === name &&
      String((customerKey && org.custom_fields?.[customerKey]) ?? '') === (account.customerId ?? '');
    const [recent, searched] = await Promise.all([
      recentlyAdded<Organization>(call, '/api/v2/organizations', {}, same),
      account.customerId
        ? searchOrganizations(account.customerId, 'custom_fields')
        : searchOrganizations(account.name.trim(), 'name'),
    ]);
    return [...recent, ...searched.filter(same)].sort((a, b) => a.id - b.id)[0];
  };

  /** The person with this e-mail in the organization, made unless it is there already (a retried create adds no second). */
  const ensurePerson = async (orgId: number, name: string, email: string) => {
    const { data } = await call<Envelope<Person[]>>('GET', '/api/v2/persons', {
      params: { org_id: String(orgId), limit: '100' },
    });
    const known = (data.data ?? []).some((person) =>
      emailsIn(...(person.emails ?? []).map((e) => (typeof e === 'string' ? e : e.value))).includes(email),
    );
    if (known) return;
    const person: NewPerson = {
      name,
      emails: [{ value: email, primary: true, label: 'work' }],
      org_id: orgId,
    };
    await call('POST', '/api/v2/persons', { body: person });
  };

  /** The deal fields' keys, created when missing (only when writing; the invoice field only when there is an invoice to store). */
  const dealFieldKeys = async (create: boolean, withInvoice = false): Promise<DealKeys | undefined> => {
    const list = await fields('dealFields', [
      ...Object.values(DEAL_FIELDS),
      ...(withInvoice ? [INVOICE_DEAL_FIELD] : []),
    ]);
    const keys: Partial<DealKeys> = {};
    for (const [role, name] of Object.entries(DEAL_FIELDS) as [keyof typeof DEAL_FIELDS, string][]) {
      let key = fieldNamed(list, name)?.key;
      if (!key && create)
        key = (
          await call<Envelope<Field>>('POST', '/api/v1/dealFields', { body: { name, field_type: 'varchar' } })
        ).data.data.key;
      if (!key) return undefined;
      keys[role] = key;
    }
    keys.invoice = fieldNamed(list, INVOICE_DEAL_FIELD)?.key;
    if (!keys.invoice && create && withInvoice)
      keys.invoice = (
        await call<Envelope<Field>>('POST', '/api/v1/dealFields', {
          body: { name: INVOICE_DEAL_FIELD, field_type: 'varchar' },
        })
      ).data.data.key;
    if (!keys.invoice) delete keys.invoice;
    return keys as DealKeys;
  };

  /**
   * Deals carrying this Mollie id, oldest first: the newest deals read from the
   * deals list (search may not show them yet), older ones through search, each
   * read to check the field exactly.
   */
  const dealsFor = async (molliePaymentId: string, keys: DealKeys): Promise<Deal[]> => {
    const carries = (deal: Deal | undefined): deal is Deal =>
      !!deal && deal.custom_fields?.[keys.id] === molliePaymentId;
    const [recent, { data }] = await Promise.all([
      recentlyAdded<Deal>(call, '/api/v2/deals', { custom_fields: Object.values(keys).join(',') }, carries),
      call<SearchEnvelope<Deal>>('GET', '/api/v2/deals/search', {
        params: { term: molliePaymentId, fields: 'custom_fields', exact_match: 'true' },
      }),
    ]);
    const older = unique(data.data.items.map((i) => i.item.id)).filter(
      (id) => !recent.some((deal) => deal.id === id),
    );
    const searched = await mapLimited(older, 3, async (id) => {
      const { status, data: deal } = await call<Envelope<Deal>>('GET', `/api/v2/deals/${id}`, {
        pass: [404],
      });
      return status === 404 ? undefined : deal.data;
    });
    return [...recent, ...searched.filter(carries)].sort(
      (a, b) => (a.add_time ?? '').localeCompare(b.add_time ?? '') || a.id - b.id,
    );
  };

  const recordOf = (deal: Deal, keys: DealKeys): PaymentRecord => {
    const currency = deal.currency;
    const money = (value: unknown) => fromMinor(toMinor({ currency, value: String(value ?? '0') }), currency);
    return {
      id: String(deal.id),
      molliePaymentId: String(deal.custom_fields?.[keys.id] ?? ''),
      accountId: deal.org_id ? String(deal.org_id) : undefined,
      invoiceNumber:
        (keys.invoice &&
          typeof deal.custom_fields?.[keys.invoice] === 'string' &&
          (deal.custom_fields[keys.invoice] as string)) ||
        undefined,
      amount: money(deal.value),
      amountRefunded: money(deal.custom_fields?.[keys.refunded]),
      status: asRecordStatus(deal.custom_fields?.[keys.status]),
      url: `${ui}/deal/${deal.id}`,
    };
  };

  const { accountsByIbans, ...accountParts } = pipedriveAccountParts({
    z,
    call,
    ibanField,
    ibanKey,
    organization,
    toAccount: accountOf,
    ensurePerson,
  });

  return {
    crm: 'pipedrive',
    recordsOnInvoices: false,
    accountNoun: 'organization',
    ...accountParts,
    whoAmI: async () => {
      const response = await call<{ data: { company_name?: string; name?: string } }>(
        'GET',
        '/api/v1/users/me',
      );
      return { name: `Pipedrive ${response.data.data.company_name ?? companyDomain}` };
    },

    findAccountsByEmail: (email) => accountsByEmail(email),
    findAccountsByCustomerId: accountsByCustomerId,

    findCandidates: async (query: CandidateQuery) => {
      const byId = await mapLimited(unique(query.customerIds), 3, accountsByCustomerId);
      const byEmail = await mapLimited(unique(query.emails.map(normalizeEmail)), 3, (email) =>
        accountsByEmail(email, query),
      );
      const byIban = await accountsByIbans(query.ibans ?? []);
      return uniqueAccounts([...byId.flat(), ...byEmail.flat(), ...byIban]);
    },

    createAccount: async (account: NewAccount) => {
      const custom: Record<string, string> = {};
      const key = await customerIdKey();
      if (account.customerId) {
        if (!key)
          throw new z.errors.Error(
            `Customer ID: Pipedrive has no organization field "${customerField}". Create it, or name another in the connection settings.`,
            'InvalidInput',
            400,
          );
        custom[key] = account.customerId;
      }
      // No unique constraint in Pipedrive: a retry after "Pipedrive made it, then the connection dropped" finds the organization it made.
      const made = await sameOrganization(account, key);
      const body: NewOrganization = {
        name: account.name,
        ...(account.customerId ? { custom_fields: custom } : {}),
      };
      const org =
        made ?? (await call<Envelope<Organization>>('POST', '/api/v2/organizations', { body })).data.data;
      if (account.email) await ensurePerson(org.id, account.name, normalizeEmail(account.email));
      return accountOf(
        { ...org, custom_fields: { ...org.custom_fields, ...custom } },
        emailsIn(account.email),
      );
    },

    findPaymentRecord: async (query: PaymentRecordQuery) => {
      const keys = await dealFieldKeys(false);
      if (!keys) return null;
      const [oldest] = await dealsFor(query.molliePaymentId, keys);
      return oldest ? recordOf(oldest, keys) : null;
    },

    upsertPaymentRecord: async (input: PaymentRecordInput): Promise<UpsertResult> => {
      checkRecordIds('pipedrive', input);
      return withRecordLock(z, accounts, input.molliePaymentId, async () => {
        const keys = (await dealFieldKeys(true, !!input.invoiceNumber))!;
        const [existing, ...copies] = await dealsFor(input.molliePaymentId, keys);
        const custom = {
          [keys.id]: input.molliePaymentId,
          [keys.status]: input.status,
          [keys.refunded]: input.amountRefunded.value,
          ...(keys.invoice && input.invoiceNumber ? { [keys.invoice]: input.invoiceNumber } : {}),
        };
        if (existing) {
          // A copy a parallel run created but could not remove (its re-check below failed) goes now: oldest kept.
          for (const copy of copies) await call('DELETE', `/api/v2/deals/${copy.id}`, { pass: [404] });
          const record = recordOf(existing, keys);
          if (sameRecord(record, input) && !input.stageId) return { ...record, outcome: 'unchanged' };
          // A corrected account moves the deal; the status follows the payment (won only once paid).
          const moves = !!input.accountId && String(existing.org_id ?? '') !== input.accountId;
          const change: DealChange = {
            custom_fields: custom,
            status: dealOutcome(input.status),
            ...(input.accountId ? { org_id: Number(input.accountId) } : {}),
            // The old organization's person goes with it: the deal is not theirs.
            ...(moves && existing.person_id ? { person_id: null } : {}),
            ...(input.stageId ? { stage_id: Number(input.stageId) } : {}),
          };
          const { data } = await call<Envelope<Deal>>('PATCH', `/api/v2/deals/${existing.id}`, {
            body: change,
          });
          return { ...recordOf(data.data, keys), outcome: 'updated' };
        }
        const deal: NewDeal = {
          title: recordTitle(input, 250),
          // Pipedrive takes the value as a JSON number: converted from the decimal string, no arithmetic.
          value: Number(input.amount.value),
          currency: input.amount.currency,
          status: dealOutcome(input.status),
          ...(input.accountId ? { org_id: Number(input.accountId) } : {}),
          ...(input.pipelineId ? { pipeline_id: Number(input.pipelineId) } : {}),
          ...(input.stageId ? { stage_id: Number(input.stageId) } : {}),
          custom_fields: custom,
        };
        const { data } = await call<Envelope<Deal>>('POST', '/api/v2/deals', { body: deal });
        // No unique constraint: check again (the deals list shows it at once), and if a parallel run also created one, keep the oldest and delete the others.
        const all = await dealsFor(input.molliePaymentId, keys);
        const keep = all[0] ?? data.data;
        for (const extra of all.slice(1)) await call('DELETE', `/api/v2/deals/${extra.id}`, { pass: [404] });
        return { ...recordOf(keep, keys), outcome: keep.id === data.data.id ? 'created' : 'updated' };
      });
    },

    listOptions: async (kind, parentId) => {
      if (kind === 'properties')
        return (await fields('organizationFields', [])).map((f) => ({ id: f.key, label: f.name }));
      if (kind === 'pipelines') {
        const { data } = await call<Envelope<{ id: number; name: string }[]>>('GET', '/api/v2/pipelines');
        return data.data.map((p) => ({ id: String(p.id), label: p.name }));
      }
      const { data } = await call<Envelope<{ id: number; name: string }[]>>('GET', '/api/v2/stages', {
        params: parentId ? { pipeline_id: parentId } : {},
      });
      return data.data.map((s) => ({ id: String(s.id), label: s.name }));
    },
  };
};
