import type { ZObject } from 'zapier-platform-core';
import { apiBase } from '../http/endpoints';
import type { CrmAdapter } from './adapter';

interface Administration {
  id: string | number;
  name: string;
}

export const moneybirdAdapter = (z: ZObject, administrationId: string): CrmAdapter => ({
  crm: 'moneybird',
  whoAmI: async () => {
    const response = await z.request<Administration[]>({ url: `${apiBase('moneybird')}/api/v2/administrations` });
    const administrations = response.data ?? [];
    const mine = administrations.find((administration) => String(administration.id) === administrationId);
    if (!mine) {
      const seen = administrations.map((administration) => `${administration.name} (${administration.id})`).join(', ') || 'none';
      throw new z.errors.Error(
        `Moneybird administration ID: this token has no administration ${administrationId}. It can see: ${seen}.`,
        'InvalidCredential',
        400,
      );
    }
    return { name: `Moneybird ${mine.name}` };
  },
});
