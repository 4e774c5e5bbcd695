import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { mollieClient } from '../mollie/client';
import type { MollieProfile } from '../mollie/types';

const option = (profile: MollieProfile) => ({
  id: profile.id,
  name: profile.website ? `${profile.name} (${profile.website})` : profile.name,
  website: profile.website ?? null,
  mode: profile.mode,
});

/** API key: its own profile; access token: every profile the organization has. */
export const perform = (async (z, bundle) => {
  const mollie = mollieClient(z, bundle);
  if (mollie.credential.kind === 'apiKey') return [option(await mollie.profiles.me())];
  return (await mollie.profiles.list()).items.map(option);
}) satisfies PollingTriggerPerform<[], ReturnType<typeof option>>;

export default defineTrigger({
  key: 'profiles',
  noun: 'Profile',
  display: {
    label: 'List Website Profiles',
    description:
      'Triggers when the Website profile dropdown is opened: lists the Mollie website profiles the connection can see.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform,
    canPaginate: false,
    sample: {
      id: 'pfl_QkEhN94Ba',
      name: 'Bakkerij de Vries (https://bakkerijdevries.nl)',
      website: 'https://bakkerijdevries.nl',
      mode: 'live',
    },
    outputFields: [
      { key: 'id', label: 'Profile ID (pfl_…)' },
      { key: 'name', label: 'Name' },
      { key: 'website', label: 'Website' },
      { key: 'mode', label: 'Mode (test or live)' },
    ],
  },
});
