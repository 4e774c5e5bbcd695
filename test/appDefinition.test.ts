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

type Op = { key?: string; display?: { description?: string; hidden?: boolean }; operation?: { inputFields?: unknown[] } };
type Definition = { triggers?: Record<string, Op>; searches?: Record<string, Op>; creates?: Record<string, Op> };
type InputField = { key: string; search?: string; dynamic?: string };

/** Every input field an operation can show: static ones, and what its field functions give for each CRM (and none). */
const allInputFields = (op: Op): InputField[] =>
  (op.operation?.inputFields ?? []).flatMap((field) =>
    typeof field === 'function'
      ? ['hubspot', 'moneybird', 'pipedrive', undefined].flatMap((crm) => (field as (z: unknown, bundle: unknown) => InputField[])({}, { authData: { crm }, inputData: {} }))
      : [field as InputField],
  );

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z(])/).filter(Boolean);

/** Zapier's D014 and D021, and the house rule that searches start "Finds" and creates "Creates", in plain one- or two-sentence descriptions. */
const editorChecks = (app: Definition): string[] => {
  const problems: string[] = [];
  const starts = { triggers: 'Triggers when', searches: 'Finds', creates: 'Creates' } as const;
  for (const kind of ['triggers', 'searches', 'creates'] as const) {
    for (const [key, op] of Object.entries(app[kind] ?? {})) {
      const where = `${kind}.${key}`;
      const description = op.display?.description ?? '';
      if (!description.startsWith(`${starts[kind]} `)) problems.push(`${where}: description must start "${starts[kind]}" (${kind === 'triggers' ? 'D021' : 'house rule'})`);
      const count = sentences(description).length;
      if (count < 1 || count > 2 || !/[.]$/.test(description)) problems.push(`${where}: description must be one or two sentences ending in a full stop (has ${count})`);
      if (/[`*_]{2}|`|\]\(|<\/?[a-z]/i.test(description)) problems.push(`${where}: description must be plain text (no Markdown or HTML)`);
      for (const field of allInputFields(op)) {
        if (field.search && !field.dynamic) problems.push(`${where}: input ${field.key} has search but no dynamic (D014)`);
      }
    }
  }
  return problems;
};

describe('integration checks D014 and D021, and how operations are described', () => {
  it('the app passes them', () => {
    expect(editorChecks(App as never)).toEqual([]);
  });

  const valid = (): Definition => ({
    triggers: { paid: { display: { description: 'Triggers when a payment is paid.' }, operation: { inputFields: [] } } },
    searches: { find: { display: { description: 'Finds a payment. By its ID.' }, operation: { inputFields: [{ key: 'account', search: 'find.id', dynamic: 'accounts.id.name' }] } } },
    creates: { make: { display: { description: 'Creates a payment link.' }, operation: { inputFields: [() => [{ key: 'stage', dynamic: 'stages.id.label' }]] } } },
  });

  it('a valid definition has no problems (so the negative cases below fail for their one reason)', () => {
    expect(editorChecks(valid())).toEqual([]);
  });

  it.each([
    ['D014: a search field without dynamic', (app: Definition) => ((app.searches!.find.operation!.inputFields![0] as InputField).dynamic = undefined), 'searches.find: input account has search but no dynamic (D014)'],
    ['D014: also in fields a function gives for one CRM', (app: Definition) => (app.creates!.make.operation!.inputFields = [(_z: unknown, bundle: { authData: { crm?: string } }) => (bundle.authData.crm === 'moneybird' ? [{ key: 'acc', search: 'find.id' }] : [])]), 'creates.make: input acc has search but no dynamic (D014)'],
    ['D021: a trigger that "Fires when"', (app: Definition) => (app.triggers!.paid.display!.description = 'Fires when a payment is paid.'), 'triggers.paid: description must start "Triggers when" (D021)'],
    ['a search that does not start "Finds"', (app: Definition) => (app.searches!.find.display!.description = 'Looks up a payment.'), 'searches.find: description must start "Finds" (house rule)'],
    ['a create that does not start "Creates"', (app: Definition) => (app.creates!.make.display!.description = 'Makes a payment link.'), 'creates.make: description must start "Creates" (house rule)'],
    ['three sentences', (app: Definition) => (app.triggers!.paid.display!.description = 'Triggers when a payment is paid. Once. Really.'), 'triggers.paid: description must be one or two sentences ending in a full stop (has 3)'],
    ['Markdown in a description', (app: Definition) => (app.creates!.make.display!.description = 'Creates a [payment link](https://mollie.com).'), 'creates.make: description must be plain text (no Markdown or HTML)'],
  ])('catches %s', (_case, breakIt, problem) => {
    const app = valid();
    breakIt(app as never);
    expect(editorChecks(app)).toEqual([problem]);
  });
});
