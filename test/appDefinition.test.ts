import App from '../index';
import { publishingProblems } from './helpers/publishingChecks';

describe('publishing checks', () => {
  it('the app passes every check Zapier would make before publishing', () => {
    expect(publishingProblems(App as never)).toEqual([]);
  });

  it('the checks catch what Zapier would reject', () => {
    const broken = {
      authentication: { fields: [{ key: 'token', label: 'Token', helpText: 'Paste it.' }] },
      triggers: {
        paid: {
          key: 'paid',
          noun: 'Payment',
          display: { label: 'Paid', description: 'Fires when a payment is paid.' },
          operation: {
            type: 'hook',
            perform: () => [],
            sample: { id: 'tr_1', amount: { value: '1.00' } },
            outputFields: [{ key: 'id', label: 'ID' }],
            inputFields: [{ key: 'profile', label: 'Profile', helpText: 'Which one.', dynamic: 'missing_profiles.id.name' }],
          },
        },
      },
      searches: { find: { key: 'find', noun: 'Account', display: { label: 'Find', description: 'short' }, operation: { perform: () => [] } } },
      searchOrCreates: { find: { key: 'find', search: 'find', create: 'nothing', display: { label: 'Find or create' } } },
    };

    expect(publishingProblems(broken)).toEqual([
      'authentication: field token needs help text with a link',
      'triggers.paid: sample key amount__value has no labelled output field',
      'triggers.paid: input profile uses a dropdown trigger that does not exist (missing_profiles.id.name)',
      'triggers.paid: hook trigger without performSubscribe',
      'triggers.paid: hook trigger without performUnsubscribe',
      'triggers.paid: hook trigger without performList',
      'searches.find: no real description',
      'searches.find: no sample',
      'searchOrCreates.find: create nothing does not exist',
    ]);
  });
});

describe('runtime', () => {
  it('runs on Node 22, the runtime Zapier gives v19 apps', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
  });
});
