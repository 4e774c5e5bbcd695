import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from '../crm';

/** Hidden: feeds the Stage dropdown with the stages of the chosen pipeline. */
export const perform = async (z: ZObject, bundle: Bundle) => {
  const pipeline = typeof bundle.inputData.pipeline_id === 'string' && bundle.inputData.pipeline_id.trim() ? bundle.inputData.pipeline_id.trim() : undefined;
  return crmAdapter(z, bundle).listOptions('stages', pipeline);
};

export default {
  key: 'crm_stages',
  noun: 'Stage',
  display: { label: 'New CRM Stage', description: 'Lists the stages of the chosen deal pipeline, for dropdowns.', hidden: true },
  operation: {
    perform,
    sample: { id: 'closedwon', label: 'Sales Pipeline: Closed Won' },
    outputFields: [
      { key: 'id', label: 'Stage ID' },
      { key: 'label', label: 'Stage name' },
    ],
  },
};
