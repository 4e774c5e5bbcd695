import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from '../crm';
import { crmIdInput } from '../crm/ids';

/** Hidden: feeds the Stage dropdown with the stages of the chosen pipeline. */
export const perform = async (z: ZObject, bundle: Bundle) => {
  const pipeline = crmIdInput(bundle, 'pipeline', bundle.inputData.pipeline_id, 'Pipeline');
  return crmAdapter(z, bundle).listOptions('stages', pipeline);
};

export default {
  key: 'crm_stages',
  noun: 'Stage',
  display: { label: 'New CRM Stage', description: 'Triggers when the Stage dropdown is opened: lists the stages of the chosen deal pipeline.', hidden: true },
  operation: {
    perform,
    sample: { id: 'closedwon', label: 'Sales Pipeline: Closed Won' },
    outputFields: [
      { key: 'id', label: 'Stage ID' },
      { key: 'label', label: 'Stage name' },
    ],
  },
};
