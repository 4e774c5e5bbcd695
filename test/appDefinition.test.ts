import type { Bundle } from 'zapier-platform-core';
import App from '../index';
import { SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY, SANDBOX_HUBSPOT_TOKEN, startSandbox, type Sandbox } from '../sandbox';
import { booleanProblems, keyProblems, publishingProblems } from './helpers/publishingChecks';
import { paidPayment } from './helpers/paidPayment';
import { emulateZapier, type Item } from './helpers/zapier';

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

type DescribedOp = { key?: string; display?: { description?: string; hidden?: boolean }; operation?: { inputFields?: unknown[] } };
type Definition = { triggers?: Record<string, DescribedOp>; searches?: Record<string, DescribedOp>; creates?: Record<string, DescribedOp> };
type InputField = { key: string; search?: string; dynamic?: string };

/** Every input field an operation can show: static ones, and what its field functions give for each CRM (and none). */
const allInputFields = (op: DescribedOp): InputField[] =>
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

type Op = Parameters<typeof keyProblems>[1];
const triggers = (App as unknown as { triggers: Record<string, Op> }).triggers;

describe('what the editor shows is what runs (every trigger, live items from the sandbox)', () => {
  let sb: Sandbox;
  const live: Record<string, Item[]> = {};
  const actions: Record<string, Item[]> = {};
  const apiKeyAuth = { mollieCredential: SANDBOX_API_KEY, crm: 'hubspot', crmToken: SANDBOX_HUBSPOT_TOKEN };
  const tokenAuth = { ...apiKeyAuth, mollieCredential: SANDBOX_ACCESS_TOKEN, mollieMode: 'test' };
  const POLLING: Record<string, Partial<Bundle>> = {
    payment_paid: {},
    payment_failed: { inputData: { include_canceled_expired: true } },
    payment_refunded: {},
    chargeback_received: {},
    payment_link_paid: {},
    unmatched_payment: {},
  };
  const INSTANT = ['payment_paid_instant', 'payment_failed_instant', 'payment_refunded_instant'];

  beforeAll(async () => {
    sb = await startSandbox({ seed: 11 });
    Object.assign(process.env, sb.env());
    sb.hubspot.seedCompany({ name: 'Acme B.V.', customerId: 'CUST-1', emails: ['finance@acme.nl'] });
    const zapier = emulateZapier({ bundle: { authData: apiKeyAuth } });
    const zaps = Object.fromEntries(
      await Promise.all(Object.entries(POLLING).map(async ([key, bundle]) => [key, { zap: await zapier.turnOn(key, bundle), bundle }] as const)),
    );
    const hook = sb.mollie.createWebhook({ name: 'all', url: 'http://127.0.0.1:9/hook', eventTypes: ['*'] });
    sb.clock.advance(60_000);

    // After the Zaps are on: payments with and without metadata, a failure, a refund, a chargeback, a paid link.
    const paid = (input: Parameters<typeof paidPayment>[1]) => paidPayment(sb, input);
    const withMetadata = paid({ metadata: { invoiceNumber: 'INV-7', customerId: 'CUST-1', note: { any: 'thing' } }, billingAddress: { email: 'finance@acme.nl' } });
    const bare = paid({});
    paid({ billingAddress: { email: 'stranger@nowhere.nl' } });
    sb.mollie.setPaymentStatus(sb.mollie.createPayment({ amount: { currency: 'EUR', value: '5.00' }, description: 'Declined' }).id, 'failed');
    sb.mollie.createRefund(bare, { amount: '5.00' });
    sb.mollie.createChargeback(paid({ method: 'directdebit' }));
    sb.mollie.payPaymentLink(sb.mollie.createPaymentLink({ description: 'Invoice INV-8', amount: { currency: 'EUR', value: '10.00' } }).id);
    sb.clock.advance(15 * 60_000);

    for (const [key, { zap, bundle }] of Object.entries(zaps)) live[key] = (await zap.poll(bundle)).fired;
    const instant = emulateZapier({ bundle: { authData: tokenAuth } });
    for (const key of INSTANT) {
      const deliveries = sb.mollie.pendingDeliveries().filter((delivery) => delivery.webhookId === hook.id);
      const delivered: Item[] = [];
      for (const delivery of deliveries) {
        const step = await instant.invoke<Item[]>(`triggers.${key}.operation.perform`, instant.bundleFor({
          inputData: { include_canceled_expired: true },
          subscribeData: { id: hook.id, secret: hook.secret },
          rawRequest: { method: 'POST', headers: delivery.headers, content: delivery.body, querystring: '' },
          cleanedRequest: JSON.parse(delivery.body),
        } as Partial<Bundle>));
        delivered.push(...(step.output ?? []));
      }
      const listed = await instant.testTrigger(key, { inputData: { include_canceled_expired: true } });
      live[key] = [...delivered, ...(listed.output ?? [])];
      live[`${key} (deliveries)`] = delivered;
    }
    live.profiles = (await zapier.invoke<Item[]>('triggers.profiles.operation.perform', zapier.bundleFor())).output ?? [];
    live.payment_methods = (await zapier.invoke<Item[]>('triggers.payment_methods.operation.perform', zapier.bundleFor())).output ?? [];
    live.crm_pipelines = (await zapier.invoke<Item[]>('triggers.crm_pipelines.operation.perform', zapier.bundleFor())).output ?? [];
    const pipeline = String(live.crm_pipelines[0]?.id ?? '');
    live.crm_stages = (await zapier.invoke<Item[]>('triggers.crm_stages.operation.perform', zapier.bundleFor({ inputData: { pipeline_id: pipeline } }))).output ?? [];
    // A trigger added later without a scenario here: its Test trigger records, so the rule still holds (or fails for want of data).
    for (const key of Object.keys(triggers).filter((name) => !(name in live))) live[key] = (await zapier.testTrigger(key)).output ?? [];

    // Searches and creates: one run each that finds or makes something.
    const account = await zapier.search('find_crm_account', { inputData: { email: 'finance@acme.nl' } });
    const record = await zapier.create('create_crm_payment_record', { inputData: { payment_id: bare } });
    const link = await zapier.create('create_payment_link', { inputData: { invoice_number: 'INV-9', amount: '12.00', currency: 'EUR' } });
    actions.find_crm_account = account.output ?? [];
    actions.create_crm_payment_record = record.output ? [record.output] : [];
    actions.find_crm_payment_record = (await zapier.search('find_crm_payment_record', { inputData: { payment_id: bare } })).output ?? [];
    actions.match_payment = (await zapier.search('match_payment', { inputData: { payment_id: withMetadata } })).output ?? [];
    actions.create_payment_link = link.output ? [link.output] : [];
    actions.find_payment_link = (await zapier.search('find_payment_link', { inputData: { invoice_number: 'INV-9' } })).output ?? [];
    actions.create_crm_account = [(await zapier.create('create_crm_account', { inputData: { name: 'New B.V.', email: 'new@new.nl' } })).output ?? {}];
  });
  afterAll(() => sb.close());

  const operations = { ...(App as unknown as { searches: Record<string, Op> }).searches, ...(App as unknown as { creates: Record<string, Op> }).creates };
  it.each(['find_crm_account', 'find_crm_payment_record', 'match_payment', 'find_payment_link', 'create_crm_account', 'create_crm_payment_record', 'create_payment_link'])(
    '%s: sample keys = output field keys = keys of its live result, booleans are booleans',
    (key) => {
      expect([...keyProblems(key, operations[key], actions[key]), ...booleanProblems(key, operations[key], actions[key])]).toEqual([]);
    },
  );

  it('ran every trigger the app has', () => {
    expect(Object.keys(triggers).filter((key) => !(key in live)).sort()).toEqual([]);
  });

  it.each(Object.keys(triggers))('%s: sample keys = output field keys = keys of every live item', (key) => {
    expect(keyProblems(`triggers.${key}`, triggers[key], live[key])).toEqual([]);
  });

  it.each(Object.keys(triggers))('%s: booleans are booleans, in the sample and live', (key) => {
    expect(booleanProblems(`triggers.${key}`, triggers[key], live[key])).toEqual([]);
  });

  it('payments without metadata keep the metadata keys, as null', () => {
    const bare = live.payment_paid.filter((item) => item.metadata_json === null);
    expect(bare.length).toBeGreaterThan(0);
    for (const item of bare) {
      expect(item).toMatchObject({ metadata_invoiceNumber: null, metadata_customerId: null });
      // Without metadata an invoice number can only have been read from the description.
      expect(item.invoice_number_source).toBe(item.invoice_number === null ? null : 'description');
    }
    expect(live.payment_refunded[0]).toMatchObject({ payment_metadata_invoiceNumber: null, payment_metadata_customerId: null, payment_metadata_json: null });
  });

  it('the instant refund trigger’s deliveries and its Test trigger records have the same keys', () => {
    const delivered = live['payment_refunded_instant (deliveries)'];
    expect(delivered.length).toBeGreaterThan(0);
    const listed = live.payment_refunded_instant.slice(delivered.length);
    expect(listed.length).toBeGreaterThan(0);
    expect(Object.keys(listed[0]).sort()).toEqual(Object.keys(delivered[0]).sort());
  });

  it('the check catches a trigger whose event id (tr_x:paid) is labelled as a plain ID', () => {
    const app = { triggers: { paid: { ...triggers.payment_paid, operation: { ...triggers.payment_paid.operation, outputFields: [{ key: 'id', label: 'ID' }] } } } };
    expect(publishingProblems(app as never)).toContain('triggers.paid: id tr_7UhSN1zuXS:paid names an event, but its output field is labelled "ID"');
  });

  it('the checks catch a broken definition: a key the sample lacks, a live key without a field, text booleans', () => {
    const broken: Op = {
      key: 'broken',
      operation: {
        sample: { id: 'tr_1:paid', paid: 'true', amount: '1.00' },
        outputFields: [{ key: 'id', label: 'ID' }, { key: 'paid', label: 'Paid (true/false)' }, { key: 'amount', label: 'Amount' }, { key: 'mode', label: 'Mode' }, { key: 'full', label: 'Full', type: 'boolean' }],
      },
    };
    const liveItems = [{ id: 'tr_2:paid', paid: 'false', amount: '2.00', mode: 'test', full: 'true', metadata_orderId: '7' }];
    expect(keyProblems('triggers.broken', broken, liveItems)).toEqual([
      'triggers.broken: sample lacks full, mode',
      'triggers.broken: live item 0 (tr_2:paid) has keys without an output field: metadata_orderId',
    ]);
    expect(keyProblems('triggers.broken', broken, [])).toContain('triggers.broken: no live item to compare');
    expect(booleanProblems('triggers.broken', broken, liveItems)).toEqual([
      'triggers.broken: output field paid reads as a boolean but is not typed boolean',
      'triggers.broken: sample paid is the text "true", not a boolean',
      'triggers.broken: live item 0 paid is the text "false", not a boolean',
      'triggers.broken: live item 0 full is the text "true", not a boolean',
      'triggers.broken: live item 0 full is typed boolean but is "true"',
    ]);
  });
});
