import type { PollingTriggerPerform } from 'zapier-platform-core';
import { defineTrigger } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import type { DropdownOption } from '../crm/adapter';
import { crmIdInput } from '../crm/ids';

/** What the step with the Stage dropdown passes along: the pipeline chosen in it. */
type StepInput = { pipeline_id?: string };

/** Hidden: feeds the Stage dropdown with the stages of the chosen pipeline. */
export const perform = (async (z, bundle) => {
  const pipeline = crmIdInput(bundle, 'pipeline', bundle.inputData.pipeline_id, 'Pipeline');
  return crmAdapter(z, bundle).listOptions('stages', pipeline);
}) satisfies PollingTriggerPerform<StepInput, DropdownOption>;

export default defineTrigger({
  key: 'crm_stages',
  noun: 'Stage',
  display: {
    label: 'New CRM Stage',
    description: 'Triggers when the Stage dropdown is opened: lists the stages of the chosen deal pipeline.',
    hidden: true,
  },
  operation: {
    perform,
    sample: { id: 'closedwon', label: 'Sales Pipeline: Closed Won' },
    outputFields: [
      { key: 'id', label: 'Stage ID' },
      { key: 'label', label: 'Stage name' },
    ],
  },
});
