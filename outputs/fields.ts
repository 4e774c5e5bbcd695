/** What the output modules share: the field shape, readers of Mollie's loose JSON, and event labelling. */
export interface OutputField {
  key: string;
  label: string;
  type?: 'string' | 'number' | 'boolean' | 'datetime';
}

/** Every item of one shape has the same keys, whatever Mollie left out: a missing value is null, never a missing key. */
export type NormalizedPayment = Record<string, string | boolean | null>;

export type Loose = Record<string, unknown>;

export const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;
export const asRecord = (value: unknown): Loose | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

export const metadataText = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** The item with exactly these fields' keys (null where it has none). */
export const pick = <T extends Record<string, unknown>>(item: T, fields: OutputField[]): T =>
  Object.fromEntries(fields.map(({ key }) => [key, item[key] ?? null])) as T;

/** A status trigger's item id names the event (the thing and the status it reached, `tr_x:paid`), so it is labelled as such. */
export const asEventOutput = (fields: OutputField[], example: string, plainId: string): OutputField[] =>
  fields.map((field) =>
    field.key === 'id'
      ? { ...field, label: `Event ID (e.g. ${example}; for the ID itself map ${plainId})` }
      : field,
  );
