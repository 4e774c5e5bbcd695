import type { ZObject } from 'zapier-platform-core';
import { apiBase } from '../http/endpoints';
import type { CrmAdapter } from './adapter';

export const hubspotAdapter = (z: ZObject): CrmAdapter => ({
  crm: 'hubspot',
  whoAmI: async () => {
    const response = await z.request<{ portalId: number; uiDomain?: string }>({ url: `${apiBase('hubspot')}/account-info/v3/details` });
    return { name: `HubSpot account ${response.data.portalId}` };
  },
});
