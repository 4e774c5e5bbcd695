import { createHash } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import type { CrmSettings } from '../../http/credentials';
import { connectionCache, type AccountNames } from '../../store/connectionCache';
import { cursorGuard } from '../../http/cursorGuard';
import { apiBase } from '../../http/endpoints';
import { formatMinor, toMinor } from '../../money/money';
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
import {
  HubspotBatchFailure,
  batchFailureError,
  batchResults,
  inUserWords,
  missingProperties,
  notUniqueError,
} from './errors';
import { checkRecordIds } from '../ids';
import { associationChange, LINKED_ACCOUNT_PROPERTY } from './associations';
import { recordTitle } from '../recordStatus';
import { dealOutcome } from '../recordStatus';
import type {
  AssociationsOf,
  BatchAnswer,
  DealPipeline,
  HubspotObject,
  PropertyDefinition,
  UpsertInput,
  UpsertedObject,
} from './wire';
import { hubspotAccountParts, ibansIn } from './learning';

/** The unique deal property that makes batch/upsert idempotent on the Mollie payment id. */
export const MOLLIE_ID_PROPERTY = 'mollie_payment_id';
const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;
export const DEFAULT_CUSTOMER_ID_PROPERTY = 'customer_id';

/** Deal properties the app adds on first use (HubSpot has no place for them otherwise). */
export const DEAL_PROPERTIES = [
  {
    name: MOLLIE_ID_PROPERTY,
    label: 'Mollie payment ID',
    hasUniqueValue: true,
    description: 'The Mollie payment (tr_…) this deal records. Unique.',
  },
  {
    name: 'mollie_payment_status',
    label: 'Mollie payment status',
    hasUniqueValue: false,
    description: 'paid, partially refunded, refunded, charged back or failed.',
  },
  {
    name: 'mollie_amount_refunded',
    label: 'Mollie amount refunded',
    hasUniqueValue: false,
    description: 'What was refunded, as a decimal in the deal currency.',
  },
  {
    name: LINKED_ACCOUNT_PROPERTY,
    label: 'Mollie linked account',
    hasUniqueValue: false,
    description:
      'The account the Mollie app associated this deal with. A corrected account moves only this association; ones added by hand stay.',
  },
] as const;
/** The deal property holding the invoice the payment pays: made on first use, when a record has an invoice number to store. */
export const INVOICE_PROPERTY = {
  name: 'mollie_invoice_number',
  label: 'Mollie invoice number',
  hasUniqueValue: false,
  description:
    'The invoice the Mollie payment pays: the one the step was given, or the one the payment names.',
} as const;

type Properties = Record<string, string | null>;
interface SearchResponse {
  results: HubspotObject[];
  paging?: { next?: { after: string } };
}
type Filter = { propertyName: string; operator: 'EQ' | 'IN'; value?: string; values?: string[] };

const PROPERTY_CHANGED =
  /propert(y|ies)\b.*(does not exist|doesn't exist|not found)|unable to find property|not a unique identifier/i;
const OBJECT_TYPE_IDS = { contacts: '0-1', companies: '0-2', deals: '0-3' } as const;
const MAX_IN_VALUES = 100;
const chunks = <T>(values: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, index) =>
    values.slice(index * size, index * size + size),
  );

/** The stage in HubSpot's default pipeline for a record made without a choice: won only when the money arrived. */
const DEFAULT_STAGES = { won: 'closedwon', lost: 'closedlost', open: 'appointmentscheduled' } as const;
const defaultStage = (status: PaymentRecordInput['status']) => DEFAULT_STAGES[dealOutcome(status)];

type PropertySpec = { name: string; label: string; hasUniqueValue: boolean; description: string };
/** A unique property on accounts the app creates: a retried Create CRM Account finds the account it made instead of making a second. */
export const ACCOUNT_KEY_PROPERTY = 'mollie_account_key';
const ACCOUNT_KEY: PropertySpec = {
  name: ACCOUNT_KEY_PROPERTY,
  label: 'Mollie app account key',
  hasUniqueValue: true,
  description:
    'Set when the Mollie app creates this account, so that a retried creation returns it instead of making a second one.',
};
/** The same name, e-mail and customer ID always give the same key. */
export const accountKey = (account: NewAccount): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        account.name.trim().replace(/\s+/g, ' ').toLowerCase(),
        account.email ? normalizeEmail(account.email) : '',
        account.customerId?.trim() ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 40);

type AccountInfo = { portalId: number; uiDomain?: string };

export const hubspotAdapter = (
  z: ZObject,
  accounts: AccountNames,
  settings: CrmSettings = { accountObject: 'companies' },
): CrmAdapter => {
  const call = caller(z, 'hubspot', () => apiBase('hubspot'));
  const accountObject = settings.accountObject;
  const idProperty = settings.customerIdField ?? DEFAULT_CUSTOMER_ID_PROPERTY;
  const ibanProperty = settings.ibanField;
  /** What the adapter reads of an account besides its name: the customer ID and, when the connection names one, the IBAN. */
  const keyProps = [idProperty, ...(ibanProperty ? [ibanProperty] : [])];

  const cache = connectionCache(z, accounts, 'crm');
  let accountInfo: Promise<AccountInfo> | undefined;
  const ACCOUNT_INFO_KEY = 'hubspot:account-info:v1';
  const fetchAccountInfo = async () => {
    const info = (await call<AccountInfo>('GET', '/account-info/v3/details')).data;
    await cache.set(ACCOUNT_INFO_KEY, info, DAY_SECONDS);
    return info;
  };
  /** The portal id and UI domain, for links into HubSpot: they never change for a token, so they are remembered a day. */
  const details = () =>
    (accountInfo ??= cache.get<AccountInfo>(ACCOUNT_INFO_KEY).then((known) => known ?? fetchAccountInfo()));
  const urlOf = async (objectType: keyof typeof OBJECT_TYPE_IDS, id: string) => {
    const { portalId, uiDomain } = await details();
    return `https://${uiDomain ?? 'app.hubspot.com'}/contacts/${portalId}/record/${OBJECT_TYPE_IDS[objectType]}/${id}`;
  };

  /** Up to 5 pages of 100; `onMore` hears when results were left unread. A `paging.next.after` that comes round again stops the search (http/cursorGuard.ts). */
  const search = async (
    objectType: string,
    filterGroups: { filters: Filter[] }[],
    properties: string[],
    onMore?: () => void,
  ): Promise<HubspotObject[]> => {
    const found: HubspotObject[] = [];
    const pages = cursorGuard('hubspot');
    let after: string | undefined = '0';
    for (let page = 0; page < 5 && after; page++) {
      const { data }: { data: SearchResponse } = await call<SearchResponse>(
        'POST',
        `/crm/v3/objects/${objectType}/search`,
        {
          body: { filterGroups, properties, sorts: [], limit: 100, after },
        },
      );
      found.push(...data.results);
      const next: string | undefined = data.paging?.next?.after;
      after =
        next === undefined || next === null || next === '' ? undefined : pages.next(String(next), after);
    }
    if (after) onMore?.();
    return found;
  };

  const CONTACT_PROPS = ['email', 'firstname', 'lastname'];
  const COMPANY_PROPS = ['name', 'domain'];

  const contactAccount = async (contact: HubspotObject): Promise<CrmAccount> => {
    const p = contact.properties;
    const name = [p.firstname, p.lastname].filter(Boolean).join(' ') || p.email || `Contact ${contact.id}`;
    return {
      id: contact.id,
      name,
      emails: emailsIn(p.email),
      customerIds: p[idProperty] ? [String(p[idProperty])] : [],
      ibans: ibanProperty ? ibansIn(p[ibanProperty]) : [],
      url: await urlOf('contacts', contact.id),
    };
  };

  const companyAccount = async (company: HubspotObject, emails: string[] = []): Promise<CrmAccount> => {
    const p = company.properties;
    return {
      id: company.id,
      name: p.name || p.domain || `Company ${company.id}`,
      emails: unique(emails),
      customerIds: p[idProperty] ? [String(p[idProperty])] : [],
      ibans: ibanProperty ? ibansIn(p[ibanProperty]) : [],
      url: await urlOf('companies', company.id),
    };
  };

  /** Companies of these contacts (v4 associations), each with the e-mails of the contacts that lead to it. */
  const companiesOfContacts = async (contacts: HubspotObject[]): Promise<CrmAccount[]> => {
    if (contacts.length === 0) return [];
    const { data: links } = await call<BatchAnswer<AssociationsOf>>(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/read',
      { body: { inputs: contacts.map((contact) => ({ id: contact.id })) } },
    );
    const emailsByCompany = new Map<string, string[]>();
    for (const link of links.results) {
      const contact = contacts.find((c) => c.id === String(link.from.id));
      for (const to of link.to) {
        const id = String(to.toObjectId);
        emailsByCompany.set(id, [...(emailsByCompany.get(id) ?? []), ...emailsIn(contact?.properties.email)]);
      }
    }
    if (emailsByCompany.size === 0) return [];
    // A 207 here lists companies deleted meanwhile: they are simply not accounts any more.
    const { data: companies } = await call<BatchAnswer<HubspotObject>>(
      'POST',
      '/crm/v3/objects/companies/batch/read',
      {
        body: {
          inputs: [...emailsByCompany.keys()].map((id) => ({ id })),
          properties: [...COMPANY_PROPS, ...keyProps],
          propertiesWithHistory: [],
        },
      },
    );
    const order = [...emailsByCompany.keys()];
    const sorted = [...companies.results].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return Promise.all(sorted.map((company) => companyAccount(company, emailsByCompany.get(company.id))));
  };

  const accountsFromContacts = async (contacts: HubspotObject[]) =>
    accountObject === 'contacts' ? Promise.all(contacts.map(contactAccount)) : companiesOfContacts(contacts);

  const contactsByEmails = async (emails: string[], incomplete?: Set<string>) => {
    const wanted = unique(emails.map(normalizeEmail).filter(Boolean));
    const results = await Promise.all(
      chunks(wanted, MAX_IN_VALUES).map((batch) =>
        search(
          'contacts',
          [
            {
              filters: [
                batch.length === 1
                  ? { propertyName: 'email', operator: 'EQ', value: batch[0] }
                  : { propertyName: 'email', operator: 'IN', values: batch },
              ],
            },
          ],
          [...CONTACT_PROPS, ...keyProps],
          () => batch.forEach((email) => incomplete?.add(email)),
        ),
      ),
    );
    // HubSpot compares e-mails case-insensitively; re-check so a loose match never becomes an account.
    return results
      .flat()
      .filter((contact) => wanted.includes(normalizeEmail(contact.properties.email ?? '')));
  };

  const accountProps =
    accountObject === 'contacts' ? [...CONTACT_PROPS, ...keyProps] : [...COMPANY_PROPS, ...keyProps];
  const accountsByCustomerIds = async (ids: string[]) => {
    const wanted = unique(ids.map((id) => id.trim()).filter(Boolean));
    const props = accountProps;
    const results = await Promise.all(
      chunks(wanted, MAX_IN_VALUES).map((batch) =>
        search(
          accountObject,
          [
            {
              filters: [
                batch.length === 1
                  ? { propertyName: idProperty, operator: 'EQ', value: batch[0] }
                  : { propertyName: idProperty, operator: 'IN', values: batch },
              ],
            },
          ],
          props,
        ),
      ),
    );
    const objects = results
      .flat()
      .filter((object) => wanted.includes(String(object.properties[idProperty] ?? '').trim()));
    return Promise.all(
      objects.map((object) =>
        accountObject === 'contacts' ? contactAccount(object) : companyAccount(object),
      ),
    );
  };

  /** Creates the properties the app needs on an object type when they are missing (a 409 means a parallel run just did); checked once an hour. */
  const ensureProperties = async (
    objectType: string,
    wanted: PropertySpec[],
    options: { recheck?: boolean } = {},
  ) => {
    const checked = `hubspot:properties:v1:${objectType}:${wanted.map((property) => property.name).join(',')}`;
    if (!options.recheck && (await cache.get<boolean>(checked))) return;
    await createMissingProperties(objectType, wanted);
    await cache.set(checked, true, HOUR_SECONDS);
  };

  const createMissingProperties = async (objectType: string, wanted: PropertySpec[]) => {
    const { data } = await call<{ results: PropertyDefinition[] }>('GET', `/crm/v3/properties/${objectType}`);
    for (const property of wanted) {
      const existing = data.results.find((known) => known.name === property.name);
      // Never use a same-named property silently: upserts on it would fail, or records would double.
      if (existing && property.hasUniqueValue && !existing.hasUniqueValue)
        throw notUniqueError(z, objectType, property.name);
    }
    const missing = wanted.filter(
      (property) => !data.results.some((existing) => existing.name === property.name),
    );
    if (missing.length === 0) return;
    const groupName =
      objectType === 'deals'
        ? 'dealinformation'
        : objectType === 'contacts'
          ? 'contactinformation'
          : 'companyinformation';
    const { status, data: created } = await call<BatchAnswer<PropertyDefinition>>(
      'POST',
      `/crm/v3/properties/${objectType}/batch/create`,
      {
        body: {
          inputs: missing.map((property) => ({ ...property, type: 'string', fieldType: 'text', groupName })),
        },
        pass: [409],
      },
    );
    // Already there means a parallel run made it a moment ago; any other failed input is a failure.
    const failed =
      status === 409
        ? []
        : (created.errors ?? []).filter(
            (error) => error.category !== 'OBJECT_ALREADY_EXISTS' && !/already exists/i.test(error.message),
          );
    if (failed.length) throw batchFailureError(z, new HubspotBatchFailure(failed));
  };

  /** The account this app created with this key (a consistent read by the unique property, not the lagging search). */
  const accountByKey = async (key: string): Promise<HubspotObject | null> => {
    const props = accountProps;
    const { status, data } = await call<HubspotObject>(
      'GET',
      `/crm/v3/objects/${accountObject}/${encodeURIComponent(key)}`,
      {
        params: { idProperty: ACCOUNT_KEY_PROPERTY, properties: props.join(',') },
        pass: [404],
        one: accountObject === 'contacts' ? 'contact' : 'company',
      },
    );
    return status === 404 ? null : data;
  };

  const DEAL_READ = [
    'dealname',
    'amount',
    'deal_currency_code',
    'pipeline',
    'dealstage',
    ...DEAL_PROPERTIES.map((property) => property.name),
    INVOICE_PROPERTY.name,
  ];

  const readDeal = async (molliePaymentId: string): Promise<HubspotObject | null> => {
    const { status, data } = await call<HubspotObject>(
      'GET',
      `/crm/v3/objects/deals/${encodeURIComponent(molliePaymentId)}`,
      {
        params: {
          idProperty: MOLLIE_ID_PROPERTY,
          properties: DEAL_READ.join(','),
          associations: accountObject,
        },
        pass: [404],
        one: 'deal',
      },
    );
    return status === 404 ? null : data;
  };

  const linkedAccounts = (deal: HubspotObject): string[] =>
    unique((deal.associations?.[accountObject]?.results ?? []).map((link) => String(link.id)));

  /** A payment that is not paid never lands in a won stage, whatever stage the step names. */
  const refuseWonStageUnlessPaid = async (input: PaymentRecordInput) => {
    if (!input.stageId || dealOutcome(input.status) === 'won') return;
    const { data } = await call<{ results: DealPipeline[] }>('GET', '/crm/v3/pipelines/deals');
    const stage = data.results
      .find((pipeline) => pipeline.id === input.pipelineId)
      ?.stages.find((candidate) => candidate.id === input.stageId);
    if (stage?.metadata?.probability === '1.0') {
      throw new z.errors.HaltedError(
        `Stage: payment ${input.molliePaymentId} is ${input.status}, not paid, so it was not recorded in the won stage "${stage!.label}". Choose an open stage for unpaid payments.`,
      );
    }
  };

  const recordOf = async (deal: HubspotObject): Promise<PaymentRecord> => {
    const p = deal.properties;
    const currency = p.deal_currency_code || 'EUR';
    const money = (value: string | null | undefined) => ({
      currency,
      value: formatMinor(toMinor({ currency, value: value || '0' }), currency),
    });
    return {
      id: deal.id,
      molliePaymentId: p[MOLLIE_ID_PROPERTY] ?? '',
      accountId: deal.associations?.[accountObject]?.results[0]?.id,
      invoiceNumber: p[INVOICE_PROPERTY.name] || undefined,
      amount: money(p.amount),
      amountRefunded: money(p.mollie_amount_refunded),
      status: asRecordStatus(p.mollie_payment_status),
      url: await urlOf('deals', deal.id),
    };
  };

  const upsertDeal = async (input: PaymentRecordInput): Promise<UpsertResult> => {
    const existing = await readDeal(input.molliePaymentId);
    const linked = existing ? linkedAccounts(existing) : [];
    const links = associationChange(existing?.properties[LINKED_ACCOUNT_PROPERTY], linked, input.accountId);
    if (existing && !input.pipelineId && !links.changes) {
      const record = await recordOf(existing);
      if (sameRecord(record, input)) return { ...record, outcome: 'unchanged' };
    }
    const properties: Properties = {
      [MOLLIE_ID_PROPERTY]: input.molliePaymentId,
      dealname: recordTitle(input, 250),
      amount: input.amount.value,
      deal_currency_code: input.amount.currency,
      mollie_payment_status: input.status,
      mollie_amount_refunded: input.amountRefunded.value,
    };
    if (input.paidAt) properties.closedate = input.paidAt;
    if (input.invoiceNumber) properties[INVOICE_PROPERTY.name] = input.invoiceNumber;
    if (links.owned !== undefined) properties[LINKED_ACCOUNT_PROPERTY] = links.owned;
    if (input.pipelineId) Object.assign(properties, { pipeline: input.pipelineId, dealstage: input.stageId });
    // In the default pipeline the stage follows the payment: open until paid, then won (or lost).
    else if (!existing || existing.properties.pipeline === 'default')
      Object.assign(properties, { pipeline: 'default', dealstage: defaultStage(input.status) });
    // Idempotent on the server: the unique property decides between create and update, so replays and parallel runs meet in one deal.
    const inputs: UpsertInput[] = [
      {
        id: input.molliePaymentId,
        idProperty: MOLLIE_ID_PROPERTY,
        properties: properties as Record<string, string>,
      },
    ];
    const { data } = await call<BatchAnswer<UpsertedObject>>('POST', '/crm/v3/objects/deals/batch/upsert', {
      body: { inputs },
    });
    const [deal] = batchResults(data);
    if (links.unlink)
      await call(
        'DELETE',
        `/crm/v4/objects/deals/${deal.id}/associations/${accountObject}/${encodeURIComponent(links.unlink)}`,
        { pass: [404] },
      );
    if (links.link)
      await call(
        'PUT',
        `/crm/v4/objects/deals/${deal.id}/associations/default/${accountObject}/${encodeURIComponent(links.link)}`,
      );
    const accountId = input.accountId ?? linked[0];
    const record = await recordOf({
      ...deal,
      properties: { ...existing?.properties, ...deal.properties, ...properties },
    });
    return { ...record, accountId, outcome: deal.new ? 'created' : 'updated' };
  };

  /** Creates the account once: a retry after "HubSpot made it, then the connection dropped" meets the unique key (409) and reads the account it made. */
  const createAccount = async (account: NewAccount): Promise<CrmAccount> => {
    const key = accountKey(account);
    const email = account.email ? normalizeEmail(account.email) : undefined;
    const [firstname, ...rest] = account.name.trim().split(/\s+/);
    const properties: Properties = {
      ...(accountObject === 'contacts'
        ? { firstname, lastname: rest.join(' '), ...(email ? { email } : {}) }
        : { name: account.name }),
      ...(account.customerId ? { [idProperty]: account.customerId } : {}),
      [ACCOUNT_KEY_PROPERTY]: key,
    };
    const created = await call<HubspotObject & { message?: string }>(
      'POST',
      `/crm/v3/objects/${accountObject}`,
      { body: { properties, associations: [] }, pass: [409] },
    );
    const object = created.status === 409 ? await accountByKey(key) : created.data;
    if (!object) {
      const said = created.data.message ?? 'conflict';
      if (accountObject === 'contacts' && email)
        throw new z.errors.Error(
          `E-mail: HubSpot already has a contact with ${email}, not made by this step: ${said} Find it with Find CRM Account instead.`,
          'InvalidInput',
          409,
        );
      throw new z.errors.Error(`HubSpot refused the request (409): ${said}`, 'InvalidRequest', 409);
    }
    const stored = { ...object, properties: { ...properties, ...object.properties } };
    if (accountObject === 'contacts') return contactAccount(stored);
    if (email) {
      // Upsert on e-mail: an existing contact is reused, never duplicated (search could miss a fresh one); a replay links the same pair again.
      const contactInputs: UpsertInput[] = [{ id: email, idProperty: 'email', properties: { email } }];
      const { data: contacts } = await call<BatchAnswer<UpsertedObject>>(
        'POST',
        '/crm/v3/objects/contacts/batch/upsert',
        { body: { inputs: contactInputs } },
      );
      const [contact] = batchResults(contacts);
      if (contact)
        await call(
          'PUT',
          `/crm/v4/objects/companies/${object.id}/associations/default/contacts/${contact.id}`,
        );
    }
    return companyAccount(stored, emailsIn(email));
  };

  /**
   * Runs work that needs these properties. They are checked once an hour; if
   * one was deleted or remade by hand meanwhile, they are checked again and
   * the work runs once more (a deleted one is recreated, a non-unique one explained).
   */
  const withProperties = async <T>(
    objectType: string,
    wanted: PropertySpec[],
    work: () => Promise<T>,
    currency?: string,
  ): Promise<T> => {
    await ensureProperties(objectType, wanted);
    try {
      return await work();
    } catch (error) {
      const changed =
        error instanceof HubspotBatchFailure
          ? missingProperties(error.errors).length > 0
          : PROPERTY_CHANGED.test((error as Error).message);
      if (!changed) throw inUserWords(z, error, currency);
      await ensureProperties(objectType, wanted, { recheck: true });
      return work().catch((again: unknown) => {
        throw inUserWords(z, again, currency);
      });
    }
  };

  const toAccount = (object: HubspotObject, emails?: string[]) =>
    accountObject === 'contacts' ? contactAccount(object) : companyAccount(object, emails);
  const { accountsByIbans, ...accountParts } = hubspotAccountParts({
    z,
    accounts,
    call,
    accountObject,
    ibanProperty,
    accountProperties: accountProps,
    search,
    toAccount,
  });

  return {
    crm: 'hubspot',
    recordsOnInvoices: false,
    accountNoun: accountObject === 'contacts' ? 'contact' : 'company',
    ...accountParts,
    // The connection test always asks HubSpot: it is what proves the token still works.
    whoAmI: async () => ({ name: `HubSpot account ${(await fetchAccountInfo()).portalId}` }),

    findAccountsByEmail: async (email) => accountsFromContacts(await contactsByEmails([email])),

    findAccountsByCustomerId: async (customerId) => accountsByCustomerIds([customerId]),

    findCandidates: async (query: CandidateQuery) => {
      const [byId, byEmail, byIban] = await Promise.all([
        query.customerIds.length ? accountsByCustomerIds(query.customerIds) : [],
        query.emails.length
          ? contactsByEmails(query.emails, query.incomplete).then(accountsFromContacts)
          : [],
        accountsByIbans(query.ibans ?? []),
      ]);
      return uniqueAccounts([...byId, ...byEmail, ...byIban]);
    },

    createAccount: async (account: NewAccount) => {
      const customerIdProperty: PropertySpec = {
        name: idProperty,
        label: 'Customer ID',
        hasUniqueValue: false,
        description: 'Your customer ID.',
      };
      return withProperties(
        accountObject,
        account.customerId ? [ACCOUNT_KEY, customerIdProperty] : [ACCOUNT_KEY],
        () => createAccount(account),
      );
    },

    findPaymentRecord: async (query: PaymentRecordQuery) => {
      const { status } = await call('GET', `/crm/v3/properties/deals/${MOLLIE_ID_PROPERTY}`, { pass: [404] });
      if (status === 404) return null;
      const deal = await readDeal(query.molliePaymentId);
      return deal ? recordOf(deal) : null;
    },

    upsertPaymentRecord: async (input: PaymentRecordInput): Promise<UpsertResult> => {
      checkRecordIds('hubspot', input);
      await refuseWonStageUnlessPaid(input);
      const wanted: PropertySpec[] = input.invoiceNumber
        ? [...DEAL_PROPERTIES, INVOICE_PROPERTY]
        : [...DEAL_PROPERTIES];
      return withProperties('deals', wanted, () => upsertDeal(input), input.amount.currency);
    },

    listOptions: async (kind, parentId) => {
      if (kind === 'properties') {
        const { data } = await call<{ results: PropertyDefinition[] }>(
          'GET',
          `/crm/v3/properties/${accountObject}`,
        );
        return data.results
          .filter((property) => property.type === 'string')
          .map((property) => ({ id: property.name, label: property.label }));
      }
      const { data } = await call<{ results: DealPipeline[] }>('GET', '/crm/v3/pipelines/deals');
      if (kind === 'pipelines')
        return data.results.map((pipeline) => ({ id: pipeline.id, label: pipeline.label }));
      const pipeline =
        data.results.find((p) => p.id === parentId) ?? (parentId ? undefined : data.results[0]);
      return (pipeline?.stages ?? []).map((stage) => ({
        id: stage.id,
        label: `${pipeline!.label}: ${stage.label}`,
      }));
    },
  };
};
