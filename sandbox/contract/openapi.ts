import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';

/** An OpenAPI 3.1 document, loosely typed. */
export interface OpenApiSpec {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

type Obj = Record<string, unknown>;
const SPEC_ID = 'https://openapi.sandbox.local/spec.json';
const validators = new WeakMap<OpenApiSpec, { ajv: Ajv2020; compiled: Map<string, ValidateFunction> }>();

/** Loads a YAML or JSON OpenAPI document (js-yaml: tolerant of unquoted dates). */
export function loadSpec(file: string): OpenApiSpec {
  const spec = load(readFileSync(file, 'utf8')) as OpenApiSpec;
  if (!spec || typeof spec.paths !== 'object') throw new Error(`${file} is not an OpenAPI document`);
  return spec;
}

const pointer = (...parts: string[]): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function resolveLocal(spec: OpenApiSpec, node: unknown): unknown {
  let current = node;
  while (current && typeof current === 'object' && typeof (current as Obj).$ref === 'string' && ((current as Obj).$ref as string).startsWith('#/')) {
    current = ((current as Obj).$ref as string)
      .slice(2)
      .split('/')
      .reduce<unknown>((acc, part) => (acc as Obj | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  }
  return current;
}

/**
 * JSON pointer (within the spec) of the response body schema of an operation, or undefined when the
 * spec documents no body for that status. Response-level $refs are followed.
 */
export function responseSchema(spec: OpenApiSpec, method: string, pathTemplate: string, status: number | string): string | undefined {
  const op = spec.paths[pathTemplate]?.[method.toLowerCase()] as Obj | undefined;
  if (!op) throw new Error(`The spec has no operation ${method.toUpperCase()} ${pathTemplate}`);
  const responses = op.responses as Obj | undefined;
  const raw = responses?.[String(status)];
  if (!raw) return undefined;
  let base = ['#', 'paths', pointer(pathTemplate), method.toLowerCase(), 'responses', String(status)].join('/');
  const ref = (raw as Obj).$ref;
  if (typeof ref === 'string') base = ref;
  const content = (resolveLocal(spec, raw) as Obj).content as Obj | undefined;
  const type = content && ['application/hal+json', 'application/json', ...Object.keys(content)].find((t) => content[t]);
  return type ? `${base}/content/${pointer(type)}/schema` : undefined;
}

/** Validates a response body against the spec; returns readable errors (empty when valid). */
export function validate(spec: OpenApiSpec, method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const ref = responseSchema(spec, method, pathTemplate, status);
  if (!ref) return [`The spec documents no ${status} response body for ${method.toUpperCase()} ${pathTemplate}`];
  return validateRef(spec, ref, body);
}

/** Validates data against any schema in the spec given as a local ref, e.g. `#/components/schemas/x`. */
export function validateRef(spec: OpenApiSpec, ref: string, data: unknown): string[] {
  let state = validators.get(spec);
  if (!state) {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
    addFormats(ajv);
    ajv.addSchema({ ...spec, $id: SPEC_ID });
    state = { ajv, compiled: new Map() };
    validators.set(spec, state);
  }
  let fn = state.compiled.get(ref);
  if (!fn) {
    fn = state.ajv.compile({ $ref: `${SPEC_ID}${ref}` });
    state.compiled.set(ref, fn);
  }
  return fn(data) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
}
