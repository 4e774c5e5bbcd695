import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import type { DropdownOption } from '../crm/adapter';

/** Hidden: feeds the Pipeline dropdown. */
export const perform = (async (z, bundle) =>
  crmAdapter(z, bundle).listOptions('pipelines')) satisfies PollingTriggerPerform<[], DropdownOption>;

export default defineTrigger({
  key: 'crm_pipelines',
  noun: 'Pipeline',
  display: {
    label: 'New CRM Pipeline',
    description: 'Triggers when the Pipeline dropdown is opened: lists the deal pipelines of your CRM.',
    hidden: true,
  },
  operation: {
    perform,
    sample: { id: 'default', label: 'Sales Pipeline' },
    outputFields: [
      { key: 'id', label: 'Pipeline ID' },
      { key: 'label', label: 'Pipeline name' },
    ],
  },
});
