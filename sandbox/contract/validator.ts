/**
 * Both directions of every sandbox exchange checked against the vendor's published OpenAPI document
 * by openapi-backend (routing, path/query/header parameters, JSON bodies, response bodies and headers),
 * plus the checks it leaves to its caller: an unknown path or method, a status code the operation does
 * not declare, a body where the spec declares none, and a media type the spec does not list.
 */
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OpenAPIRouter, OpenAPIValidator, type Operation } from 'openapi-backend';
import { loadSpec, type OpenApiSpec } from './openapi';
import { specFiles, VENDOR_SPECS, type SpecVendor } from './specs';

export interface Exchange {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Absent when the response is not the vendor's (an injected outage). */
  response?: { status: number; headers: Record<string, string>; body: string };
}

export interface Violation {
  vendor: string;
  direction: 'request' | 'response';
  method: string;
  path: string;
  /** The spec's path template, when the request matched one. */
  operation?: string;
  status?: number;
  message: string;
}

type Obj = Record<string, unknown>;
type Media = Record<string, Obj | undefined>;

/** openapi-backend reads only `application/json`; vendors' `+json` types (hal+json, problem+json) alias it. */
const ALIAS = 'x-sandbox-json-alias';
const jsonFlavour = (type: string) => /^application\/[\w.-]+\+json$/.test(type);

function aliasJsonMediaTypes(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) return node.forEach(aliasJsonMediaTypes);
  const obj = node as Obj;
  const content = obj.content as Media | undefined;
  if (content && typeof content === 'object' && !content['application/json']) {
    const flavour = Object.keys(content).find(jsonFlavour);
    if (flavour) content['application/json'] = { ...content[flavour], [ALIAS]: true };
  }
  Object.values(obj).forEach(aliasJsonMediaTypes);
}

/** Every operation gets an id: openapi-backend validates only operations that have one. */
function nameOperations(spec: OpenApiSpec): void {
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && !(op as Obj).operationId) (op as Obj).operationId = `${method} ${template}`;
    }
  }
}

/** OpenAPI's own numeric formats, which JSON Schema does not define. */
const OAS_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];
const SCHEMA_REF = '#/components/schemas/';

/**
 * openapi-backend wants parameters, bodies and responses inlined; schemas stay references into the
 * whole document, which Ajv holds under `specId` (inlining them breaks on the specs' shared and
 * recursive schemas).
 */
function inlineNonSchemaRefs(spec: OpenApiSpec, specId: string): OpenApiSpec {
  const target = (ref: string): unknown =>
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, part) => (node as Obj | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
  const walk = (node: unknown, depth: number): unknown => {
    if (!node || typeof node !== 'object' || depth > 64) return node;
    if (Array.isArray(node)) return node.map((item) => walk(item, depth + 1));
    const ref = (node as Obj).$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF)) return { ...(node as Obj), $ref: `${specId}${ref}` };
    if (typeof ref === 'string' && ref.startsWith('#/')) return walk(target(ref), depth + 1);
    return Object.fromEntries(Object.entries(node as Obj).map(([key, value]) => [key, walk(value, depth + 1)]));
  };
  return { ...spec, paths: walk(spec.paths, 0) as OpenApiSpec['paths'] };
}

/** One Ajv per validation context (openapi-backend asks per operation), each holding the whole document. */
const ajvFor = (spec: OpenApiSpec, specId: string) => {
  const byContext = new Map<string, Ajv>();
  return (_original: unknown, options: Obj, context: string): Ajv => {
    let ajv = byContext.get(context);
    if (!ajv) {
      // Every error of a request; the first of a response (large lists would otherwise cost milliseconds each).
      const settings = { ...options, strict: false, allErrors: context !== 'responseValidator', validateSchema: false, logger: false as const };
      ajv = String(spec.openapi).startsWith('3.1') ? new Ajv2020(settings) : new Ajv(settings);
      addFormats(ajv);
      for (const name of OAS_FORMATS) ajv.addFormat(name, true);
      ajv.addSchema({ ...spec, $id: specId });
      byContext.set(context, ajv);
    }
    return ajv;
  };
};

const mediaType = (value: string | undefined) => (value ?? '').split(';')[0].trim().toLowerCase();

const queryObject = (query: URLSearchParams): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
};

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

interface AjvError {
  instancePath?: string;
  message?: string;
  params?: unknown;
}
const describe = (errors: AjvError[] | null | undefined): string[] => [
  ...new Set((errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params ?? {})}`)),
];

const declaredTypes = (content: Media | undefined): string[] =>
  Object.entries(content ?? {})
    .filter(([, media]) => !media?.[ALIAS])
    .map(([type]) => type);

const admits = (declared: string[], actual: string) =>
  declared.some((type) => type === actual || type === '*/*' || (type.endsWith('/*') && actual.startsWith(type.slice(0, -1))));

/** True when an Accept header admits a media type (any, its whole family, or itself; q=0 refuses). */
const accepts = (accept: string, type: string): boolean =>
  accept.split(',').some((part) => {
    const [range, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (params.some((param) => /^q=0(\.0*)?$/.test(param))) return false;
    const family = (media: string) => media.split('/')[0];
    const any = (media: string) => media === '*/*';
    const wholeFamily = (media: string, other: string) => media.endsWith('/*') && family(media) === family(other);
    return any(range) || any(type) || range === type || wholeFamily(range, type) || wholeFamily(type, range);
  });

function declaresStatus(responses: Obj, status: number): Obj | undefined {
  return (responses[String(status)] ?? responses[`${Math.floor(status / 100)}XX`] ?? responses.default) as Obj | undefined;
}

interface Api {
  router: OpenAPIRouter;
  validator: OpenAPIValidator;
}

/** One vendor's specs, ready to check exchanges. */
export class ContractValidator {
  private constructor(
    readonly vendor: SpecVendor,
    private readonly apis: Api[],
  ) {}

  static load(vendor: SpecVendor): ContractValidator {
    const apis = specFiles(vendor).map((file) => {
        const spec = loadSpec(file);
        aliasJsonMediaTypes(spec);
        VENDOR_SPECS[vendor].adapt?.(spec);
        nameOperations(spec);
        const specId = `https://contract.sandbox.local/${vendor}/${path.basename(file)}`;
        const definition = inlineNonSchemaRefs(spec, specId) as never;
        const router = new OpenAPIRouter({ definition, apiRoot: VENDOR_SPECS[vendor].apiRoot });
        // The definition never changes: list its operations once, not on every match (openapi-backend rebuilds them per call).
        const operations = router.getOperations();
        router.getOperations = () => operations;
        const validator = new OpenAPIValidator({ definition, router, lazyCompileValidators: true, customizeAjv: ajvFor(spec, specId) as never });
        const api = { router, validator };
        return api;
      });
    return new ContractValidator(vendor, apis);
  }

  check(exchange: Exchange): Violation[] {
    const found: Violation[] = [];
    const where = { vendor: this.vendor, method: exchange.method, path: exchange.path };
    // An empty body is no body, whatever Content-Type came with it.
    const headers = exchange.rawBody ? exchange.headers : Object.fromEntries(Object.entries(exchange.headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
    let request = { method: exchange.method, path: exchange.path, query: queryObject(exchange.query), headers: headers as never, body: exchange.rawBody || undefined };
    let api: Api | undefined;
    let operation: Operation | undefined;
    for (const form of VENDOR_SPECS[this.vendor].pathForms(exchange.path)) {
      api = this.apis.find((candidate) => (operation = candidate.router.matchOperation({ ...request, path: form } as never)));
      if (api) {
        request = { ...request, path: form };
        break;
      }
    }
    if (!api || !operation) {
      const pathKnown = this.apis.some((candidate) => candidate.router.getOperations().some((op) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(candidate.router.normalizePath(exchange.path))));
      return [{ ...where, direction: 'request', message: pathKnown ? `the spec has no ${exchange.method} operation on this path` : 'the spec has no such path' }];
    }
    const at = { ...where, operation: `${operation.method.toUpperCase()} ${operation.path}` };
    const add = (direction: Violation['direction'], message: string, status?: number) => found.push({ ...at, direction, message, ...(status ? { status } : {}) });

    const requestBody = operation.requestBody as { content?: Media } | undefined;
    if (exchange.rawBody.trim()) {
      const sent = mediaType(exchange.headers['content-type']);
      if (!requestBody) add('request', 'sends a body, but the operation declares no request body');
      else if (!admits(declaredTypes(requestBody.content), sent)) add('request', `sends Content-Type "${sent}", the spec declares ${declaredTypes(requestBody.content).join(', ')}`);
    }
    describe(api.validator.validateRequest(request as never, operation).errors as AjvError[]).forEach((message) => add('request', message));

    const response = exchange.response;
    if (!response) return found;
    const declared = declaresStatus((operation.responses ?? {}) as Obj, response.status);
    if (!declared) {
      add('response', `status ${response.status} is not declared (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`, response.status);
      return found;
    }
    const content = declared.content as Media | undefined;
    const accept = exchange.headers.accept;
    const answerable = declaredTypes(content);
    if (typeof accept === 'string' && answerable.length && !answerable.some((type) => accepts(accept, type))) {
      add('request', `Accept "${accept}" admits none of the media types the spec answers with (${answerable.join(', ')})`, response.status);
    }
    if (response.body.trim()) {
      const sent = mediaType(response.headers[Object.keys(response.headers).find((h) => h.toLowerCase() === 'content-type') ?? '']);
      if (!content) add('response', 'answers with a body, but the spec declares none for this status', response.status);
      else if (!admits(declaredTypes(content), sent)) add('response', `answers Content-Type "${sent}", the spec declares ${declaredTypes(content).join(', ')}`, response.status);
      const body = parseJson(response.body);
      if (!body.ok && content?.['application/json']) add('response', 'the body is not JSON', response.status);
      if (body.ok && content?.['application/json']) {
        describe(api.validator.validateResponse(body.value, operation, response.status).errors as AjvError[]).forEach((message) => add('response', message, response.status));
      }
    }
    const answeredHeaders = api.validator.validateResponseHeaders(response.headers, operation, { statusCode: response.status });
    describe(answeredHeaders.errors as AjvError[]).forEach((message) => add('response', `header ${message}`, response.status));
    return found;
  }
}
