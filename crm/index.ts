import type { Bundle, ZObject } from 'zapier-platform-core';
import { readCredentials } from '../http/credentials';
import type { CrmAdapter } from './adapter';
import { hubspotAdapter } from './hubspot/adapter';
import { moneybirdAdapter } from './moneybird/adapter';
import { pipedriveAdapter } from './pipedrive/adapter';

/** The adapter for the CRM this connection uses. */
export const crmAdapter = (z: ZObject, bundle: Pick<Bundle, 'authData'>): CrmAdapter => {
  const credentials = readCredentials(bundle.authData);
  switch (credentials.crm) {
    case 'hubspot':
      return hubspotAdapter(z, credentials.accounts, credentials.crmSettings);
    case 'moneybird':
      return moneybirdAdapter(z, credentials.moneybirdAdministrationId!, credentials.accounts);
    case 'pipedrive':
      return pipedriveAdapter(z, credentials.pipedriveDomain!, credentials.accounts, credentials.crmSettings);
  }
};
