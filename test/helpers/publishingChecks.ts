/**
 * What Zapier's publishing checks would say about an app definition. Those
 * checks run on Zapier's servers, which cannot be reached from here, so this
 * mirrors the ones that matter to users.
 */
type Field = { key: string; label?: string; type?: string; helpText?: string; dynamic?: string; search?: string; children?: Field[] };
type Operation = {
  key: string;
  noun?: string;
  display?: { label?: string; description?: string; hidden?: boolean };
  operation?: {
    type?: string;
    sample?: Record<string, unknown>;
    outputFields?: Field[];
    inputFields?: (Field | ((...args: unknown[]) => unknown))[];
    perform?: unknown;
    performSubscribe?: unknown;
    performUnsubscribe?: unknown;
    performList?: unknown;
  };
};
type AppDefinition = {
  authentication?: { fields?: Field[] };
  triggers?: Record<string, Operation>;
  searches?: Record<string, Operation>;
  creates?: Record<string, Operation>;
  searchOrCreates?: Record<string, { key: string; search: string; create: string; display?: { label?: string } }>;
};

const MARKDOWN_LINK = /\[[^\]]+\]\(https?:\/\/[^)]+\)/;

/** Sample keys as Zapier flattens them (nested objects joined with `__`). */
export const flattenKeys = (value: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(value).flatMap(([key, child]) =>
    // Zapier line items: an array of objects is the field itself plus `key[]child` per key of its items.
    Array.isArray(child) && child.length > 0 && child.every((item) => item && typeof item === 'object' && !Array.isArray(item))
      ? [`${prefix}${key}`, ...new Set(child.flatMap((item) => Object.keys(item as object).map((inner) => `${prefix}${key}[]${inner}`)))]
      : child && typeof child === 'object' && !Array.isArray(child)
        ? flattenKeys(child as Record<string, unknown>, `${prefix}${key}__`)
        : [`${prefix}${key}`],
  );

const operationProblems = (kind: string, mapKey: string, op: Operation, app: AppDefinition): string[] => {
  const where = `${kind}.${mapKey}`;
  const problems: string[] = [];
  if (op.key !== mapKey) problems.push(`${where}: key "${op.key}" differs from its place in the app`);
  if (!op.noun) problems.push(`${where}: no noun`);
  if (!op.display?.label) problems.push(`${where}: no label`);
  if (!op.display?.description || op.display.description.length < 20) problems.push(`${where}: no real description`);
  const sample = op.operation?.sample;
  if (!sample || Object.keys(sample).length === 0) problems.push(`${where}: no sample`);
  if (kind === 'triggers' && typeof sample?.id === 'string' && sample.id.includes(':')) {
    const label = op.operation?.outputFields?.find((field) => field.key === 'id')?.label ?? '';
    if (!/event/i.test(label)) problems.push(`${where}: id ${sample.id} names an event, but its output field is labelled "${label}"`);
  }
  const outputFields = op.operation?.outputFields ?? [];
  for (const field of outputFields) if (!field.label) problems.push(`${where}: output field ${field.key} has no label`);
  const labelled = new Set(outputFields.map((field) => field.key));
  for (const key of sample ? flattenKeys(sample) : []) {
    if (!labelled.has(key)) problems.push(`${where}: sample key ${key} has no labelled output field`);
  }
  for (const field of op.operation?.inputFields ?? []) {
    if (typeof field === 'function') continue;
    if (!field.label) problems.push(`${where}: input field ${field.key} has no label`);
    if (!field.helpText) problems.push(`${where}: input field ${field.key} has no help text`);
    if (field.dynamic) {
      const trigger = app.triggers?.[field.dynamic.split('.')[0]];
      if (!trigger) problems.push(`${where}: input ${field.key} uses a dropdown trigger that does not exist (${field.dynamic})`);
    }
    if (field.search && !app.searches?.[field.search.split('.')[0]]) {
      problems.push(`${where}: input ${field.key} points at a search that does not exist (${field.search})`);
    }
  }
  if (op.operation?.type === 'hook') {
    for (const method of ['perform', 'performSubscribe', 'performUnsubscribe', 'performList'] as const) {
      if (!op.operation[method]) problems.push(`${where}: hook trigger without ${method}`);
    }
  } else if (!op.operation?.perform) problems.push(`${where}: no perform`);
  return problems;
};

export const publishingProblems = (app: AppDefinition): string[] => {
  const problems: string[] = [];
  for (const field of app.authentication?.fields ?? []) {
    if (!field.label) problems.push(`authentication: field ${field.key} has no label`);
    if (!field.helpText || !MARKDOWN_LINK.test(field.helpText)) problems.push(`authentication: field ${field.key} needs help text with a link`);
  }
  for (const kind of ['triggers', 'searches', 'creates'] as const) {
    for (const [key, op] of Object.entries(app[kind] ?? {})) problems.push(...operationProblems(kind, key, op, app));
  }
  for (const [key, pair] of Object.entries(app.searchOrCreates ?? {})) {
    if (pair.key !== key || pair.search !== key) problems.push(`searchOrCreates.${key}: must sit under its search's key`);
    if (!app.searches?.[pair.search]) problems.push(`searchOrCreates.${key}: search ${pair.search} does not exist`);
    if (!app.creates?.[pair.create]) problems.push(`searchOrCreates.${key}: create ${pair.create} does not exist`);
    if (!pair.display?.label) problems.push(`searchOrCreates.${key}: no label`);
  }
  return problems;
};

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();
const diff = (a: string[], b: string[]) => a.filter((key) => !b.includes(key));

/**
 * What the editor shows is what runs: the sample's keys, the output fields'
 * keys and the keys of every live item are one and the same set.
 */
export const keyProblems = (where: string, op: Operation, live: Record<string, unknown>[]): string[] => {
  const fields = sorted((op.operation?.outputFields ?? []).map((field) => field.key));
  const sample = sorted(op.operation?.sample ? flattenKeys(op.operation.sample) : []);
  const problems: string[] = [];
  const compare = (what: string, keys: string[], item?: Record<string, unknown>) => {
    // An empty list of line items (no candidates, say) has no items to show the children of.
    const emptyList = (key: string) => key.includes('[]') && Array.isArray(item?.[key.split('[]')[0]]) && (item![key.split('[]')[0]] as unknown[]).length === 0;
    const missing = diff(fields, keys).filter((key) => !emptyList(key));
    const extra = diff(keys, fields);
    if (missing.length) problems.push(`${where}: ${what} lacks ${missing.join(', ')}`);
    if (extra.length) problems.push(`${where}: ${what} has keys without an output field: ${extra.join(', ')}`);
  };
  compare('sample', sample);
  if (live.length === 0) problems.push(`${where}: no live item to compare`);
  live.forEach((item, n) => compare(`live item ${n} (${String(item.id)})`, sorted(flattenKeys(item)), item));
  return problems;
};

const TEXT_BOOLEAN = /^(true|false)$/i;

/** Booleans are real booleans: typed boolean in the output fields, true/false (or null) in the sample and live, never "true"/"false" text. */
export const booleanProblems = (where: string, op: Operation, live: Record<string, unknown>[]): string[] => {
  const problems: string[] = [];
  const fields = op.operation?.outputFields ?? [];
  const booleanKeys = fields.filter((field) => field.type === 'boolean').map((field) => field.key);
  for (const field of fields) {
    if (field.type !== 'boolean' && /true\/false|yes\/no/i.test(field.label ?? '')) problems.push(`${where}: output field ${field.key} reads as a boolean but is not typed boolean`);
  }
  const sources: Array<[string, Record<string, unknown>]> = [
    ['sample', op.operation?.sample ?? {}],
    ...live.map((item, n): [string, Record<string, unknown>] => [`live item ${n}`, item]),
  ];
  for (const [what, item] of sources) {
    for (const [key, value] of Object.entries(item)) {
      if (typeof value === 'string' && TEXT_BOOLEAN.test(value)) problems.push(`${where}: ${what} ${key} is the text "${value}", not a boolean`);
      if (booleanKeys.includes(key) && value !== null && typeof value !== 'boolean') problems.push(`${where}: ${what} ${key} is typed boolean but is ${JSON.stringify(value)}`);
    }
  }
  return problems;
};
