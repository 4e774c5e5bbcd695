import { connectionLabel, testConnection } from '../../authentication';
import type { Chapter } from './context';

export const connectionChapter: Chapter = {
  title: 'Connecting Mollie and the CRM',
  play: async ({ run, say }) => {
    const result = await run(testConnection);
    say(`Connection test passed: Mollie "${result.mollieAccount}" in ${result.mollieMode} mode, ${result.crmAccount}.`);
    const label = await run(connectionLabel, { inputData: result });
    say(`Zapier will show this connection as: ${label}`);
  },
};
