import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from './crm';
import { readCredentials } from './http/credentials';
import { VENDOR_LABELS } from './http/endpoints';
import { mollieClient } from './mollie/client';

export type ConnectionTestResult = {
  mollieAccount: string;
  mollieMode: 'test' | 'live';
  crm: string;
  crmAccount: string;
};

/** Who the Mollie credential belongs to: the website profile for a key, the organization for a token. */
const mollieAccountName = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const mollie = mollieClient(z, bundle);
  if (mollie.credential.kind === 'apiKey') return (await mollie.profiles.me()).name;
  return (await mollie.organizations.me()).name;
};

export const testConnection = async (z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> => {
  const credentials = readCredentials(bundle.authData);
  const mollieAccount = await mollieAccountName(z, bundle);
  const crm = await crmAdapter(z, bundle).whoAmI();
  return {
    mollieAccount,
    mollieMode: credentials.mollie.mode,
    crm: VENDOR_LABELS[credentials.crm],
    crmAccount: crm.name,
  };
};

/** e.g. "Bakkerij de Vries (Mollie test) + HubSpot account 123456": names both accounts, never a secret. */
export const connectionLabel = async (_z: ZObject, bundle: Bundle): Promise<string> => {
  const { mollieAccount, mollieMode, crmAccount } = bundle.inputData as ConnectionTestResult;
  return `${mollieAccount} (Mollie ${mollieMode}) + ${crmAccount}`;
};

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'mollieCredential',
      label: 'Mollie API key or access token',
      type: 'password',
      required: true,
      helpText:
        'An API key starts with `test_` (test payments, no real money) or `live_`: Mollie dashboard → ' +
        '[Developers → API keys](https://my.mollie.com/dashboard/developers/api-keys). An organization access token ' +
        '(`access_`) unlocks the instant triggers and settlements; give it the scopes of the steps you use: ' +
        '`payments.read`, `refunds.read`, `payment-links.read`, `payment-links.write`, `customers.read`, ' +
        "`customers.write` (Link Payment to CRM Account notes the CRM customer ID on the payer's Mollie customer), " +
        "`mandates.read` (the payer's IBAN), `profiles.read`, `organizations.read`, `webhooks.write` (instant " +
        'triggers), `settlements.read`. See [Mollie: permissions](https://docs.mollie.com/reference/authentication).',
    },
    {
      key: 'mollieMode',
      label: 'Mode for an access token',
      type: 'string',
      isNoSecret: true,
      required: false,
      choices: { live: 'Live payments', test: 'Test payments' },
      default: 'live',
      helpText:
        'Only used with an organization access token (`access_…`): which payments to work with. An API key already decides this ' +
        'itself (`test_` or `live_`). See [Mollie: test mode](https://docs.mollie.com/docs/testing).',
    },
    {
      key: 'crm',
      label: 'CRM',
      type: 'string',
      isNoSecret: true,
      required: true,
      choices: { hubspot: 'HubSpot', moneybird: 'Moneybird', pipedrive: 'Pipedrive' },
      helpText:
        'The CRM or accounting system where your customers live. Payments are matched to its accounts and recorded there. ' +
        'New to this? [HubSpot](https://www.hubspot.com/products/crm), [Moneybird](https://www.moneybird.com/) and ' +
        '[Pipedrive](https://www.pipedrive.com/) are supported.',
    },
    {
      key: 'crmToken',
      label: 'CRM token',
      type: 'password',
      required: true,
      helpText:
        'HubSpot: the access token of a private app ([how to create one](https://developers.hubspot.com/docs/api/private-apps)), ' +
        'with the companies, contacts, deals and schemas scopes. Moneybird: a personal API token from ' +
        '[Moneybird → Developers](https://moneybird.com/user/applications/new). Pipedrive: your personal API token from ' +
        '[Pipedrive → Personal preferences → API](https://app.pipedrive.com/settings/api).',
    },
    {
      key: 'moneybirdAdministrationId',
      label: 'Moneybird administration ID',
      type: 'string',
      isNoSecret: true,
      required: false,
      helpText:
        'Only for Moneybird: the number in your Moneybird web address, e.g. `123456789` in moneybird.com/123456789/sales_invoices. ' +
        'See [Moneybird API: administrations](https://developer.moneybird.com/api/administration/).',
    },
    {
      key: 'pipedriveCompanyDomain',
      label: 'Pipedrive company domain',
      type: 'string',
      isNoSecret: true,
      required: false,
      helpText:
        'Only for Pipedrive: the first part of your Pipedrive address, e.g. `acme` for acme.pipedrive.com. ' +
        'See [Pipedrive: company domain](https://pipedrive.readme.io/docs/how-to-find-the-api-token).',
    },
    {
      key: 'crmAccountObject',
      label: 'HubSpot accounts are',
      type: 'string',
      isNoSecret: true,
      required: false,
      choices: { companies: 'Companies (businesses)', contacts: 'Contacts (people)' },
      default: 'companies',
      helpText:
        'Only for HubSpot: what a customer account is. Companies (the default) are found from an e-mail through their contacts; ' +
        'choose contacts if you sell to people. See [HubSpot: companies and contacts](https://knowledge.hubspot.com/records/understand-the-crm).',
    },
    {
      key: 'crmCustomerIdField',
      label: 'Customer ID field',
      type: 'string',
      isNoSecret: true,
      required: false,
      helpText:
        'Optional. HubSpot: the internal name of the company (or contact) property holding your customer ID (default `customer_id`). ' +
        'Pipedrive: the name or key of the organization field holding it (default `Customer ID`). Moneybird uses its own customer ID. ' +
        'See [HubSpot: property internal names](https://knowledge.hubspot.com/properties/manage-your-properties).',
    },
    {
      key: 'crmIbanField',
      label: 'IBAN field',
      type: 'string',
      isNoSecret: true,
      required: false,
      helpText:
        'Optional, for HubSpot and Pipedrive: the property of your companies (or contacts) or the organization field that holds the ' +
        "customer's bank account (IBAN), e.g. `iban`. HubSpot: its internal name; Pipedrive: the field's name or key. With it, a " +
        "payment by bank transfer, iDEAL or SEPA direct debit is matched by the payer's IBAN, and Link Payment to CRM Account notes " +
        "the payer's IBAN on an account that has none. Moneybird uses the contact's own IBAN. " +
        'See [HubSpot: create properties](https://knowledge.hubspot.com/properties/create-and-edit-properties) and ' +
        '[Pipedrive: custom fields](https://support.pipedrive.com/en/article/custom-fields).',
    },
  ],
  test: testConnection,
  connectionLabel,
} satisfies Authentication;
