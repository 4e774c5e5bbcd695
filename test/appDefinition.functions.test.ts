/**
 * The definition Zapier loads holds only what Zapier calls (issue 21 §4): every function in it
 * stands where Zapier's schema says Zapier calls one, so nothing test-only rides along.
 */
import App from '../index';

type Node = unknown;

const OPERATION_METHODS: Record<string, RegExp> = {
  triggers: /^(perform|performList|performSubscribe|performUnsubscribe|performBuffer|(input|output)Fields\.\d+)$/,
  searches: /^(perform|performResume|performGet|(input|output)Fields\.\d+)$/,
  creates: /^(perform|performResume|performGet|performBuffer|(input|output)Fields\.\d+)$/,
};

/** Is `path` a place Zapier calls a function of a CLI app (zapier-platform-schema: app, authentication, operations)? */
const zapierCalls = (path: string[]): boolean => {
  const [top, key, part, ...method] = path;
  if (top === 'beforeRequest' || top === 'afterResponse') return path.length === 2 && /^\d+$/.test(key);
  if (top === 'authentication') return path.length === 2 && (key === 'test' || key === 'connectionLabel');
  const methods = OPERATION_METHODS[top];
  return !!methods && part === 'operation' && methods.test(method.join('.'));
};

/** Every function in the definition, by its path (an object shared by two operations is walked at both). */
const functionPaths = (node: Node, path: string[] = [], above: Node[] = []): string[][] => {
  if (typeof node === 'function') return [path];
  if (typeof node !== 'object' || node === null || above.includes(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => functionPaths(value, [...path, key], [...above, node]));
};

/** The functions of a definition that Zapier never calls. */
const strayFunctions = (definition: Node): string[] =>
  functionPaths(definition)
    .filter((path) => !zapierCalls(path))
    .map((path) => path.join('.'));

describe('the definition Zapier loads holds only what Zapier calls', () => {
  it('has no function Zapier does not call (no hydrators, no test helpers)', () => {
    expect(strayFunctions(App)).toEqual([]);
  });

  it('holds the functions of every operation, the connection test and label, and the middleware', () => {
    const paths = functionPaths(App).map((path) => path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['authentication.test', 'authentication.connectionLabel', 'beforeRequest.0', 'afterResponse.0']));
    for (const kind of ['triggers', 'searches', 'creates'] as const) {
      for (const [key, operation] of Object.entries((App as unknown as Record<string, Record<string, { operation: { type?: string } }>>)[kind])) {
        const methods = operation.operation.type === 'hook' ? ['perform', 'performList', 'performSubscribe', 'performUnsubscribe'] : ['perform'];
        for (const method of methods) expect(paths).toContain(`${kind}.${key}.operation.${method}`);
      }
    }
  });

  const perform = () => [];
  it.each([
    ['a hydrator', { hydrators: { unguarded0: perform } }, ['hydrators.unguarded0']],
    ['a helper beside the performs', { creates: { c: { operation: { perform, helper: perform } } } }, ['creates.c.operation.helper']],
    ['a function outside any operation', { triggers: { t: { perform } } }, ['triggers.t.perform']],
    ['a function in a sample', { searches: { s: { operation: { perform, sample: { id: perform } } } } }, ['searches.s.operation.sample.id']],
    ['a search method only creates have', { searches: { s: { operation: { perform, performBuffer: perform } } } }, ['searches.s.operation.performBuffer']],
    ['an ad-hoc test request', { _testRequest: perform }, ['_testRequest']],
    ['a middleware-like function elsewhere', { authentication: { test: perform, fields: [perform] } }, ['authentication.fields.0']],
  ])('the check finds %s', (_what, definition, stray) => {
    expect(strayFunctions(definition)).toEqual(stray);
  });

  it('the check passes every place Zapier calls', () => {
    const definition = {
      beforeRequest: [perform],
      afterResponse: [perform, perform],
      authentication: { test: perform, connectionLabel: perform },
      triggers: { h: { operation: { type: 'hook', perform, performList: perform, performSubscribe: perform, performUnsubscribe: perform, inputFields: [{ key: 'a' }, perform] } } },
      searches: { s: { operation: { perform, outputFields: [perform] } } },
      creates: { c: { operation: { perform, inputFields: [perform] } } },
    };
    expect(strayFunctions(definition)).toEqual([]);
  });
});
