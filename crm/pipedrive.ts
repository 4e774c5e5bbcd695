import type { ZObject } from 'zapier-platform-core';
import { apiBase } from '../http/endpoints';
import type { CrmAdapter } from './adapter';

export const pipedriveAdapter = (z: ZObject, companyDomain: string): CrmAdapter => ({
  crm: 'pipedrive',
  whoAmI: async () => {
    const response = await z.request<{ data: { company_name?: string; name?: string } }>({
      url: `${apiBase('pipedrive', companyDomain)}/api/v1/users/me`,
    });
    return { name: `Pipedrive ${response.data.data.company_name ?? companyDomain}` };
  },
});
