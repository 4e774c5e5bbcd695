import type { Bundle, ZObject } from 'zapier-platform-core';
import { crmAdapter } from '../crm';

/** Hidden: feeds the Pipeline dropdown. */
export const perform = async (z: ZObject, bundle: Bundle) => crmAdapter(z, bundle).listOptions('pipelines');

export default {
  key: 'crm_pipelines',
  noun: 'Pipeline',
  display: { label: 'New CRM Pipeline', description: 'Triggers when the Pipeline dropdown is opened: lists the deal pipelines of your CRM.', hidden: true },
  operation: {
    perform,
    sample: { id: 'default', label: 'Sales Pipeline' },
    outputFields: [
      { key: 'id', label: 'Pipeline ID' },
      { key: 'label', label: 'Pipeline name' },
    ],
  },
};
