/**
 * Every function Zapier calls in the app (perform, performList,
 * performSubscribe/Unsubscribe, the connection test and label, dynamic
 * fields) runs here: under one deadline (http/deadline.ts), and with every
 * unexpected error made clean. zapier-platform-core appends the bundle
 * (inputData, subscribeData with the webhook signing secret) to the message
 * of any error that is not one of its own, and a raw error's message may
 * carry a credential (Node's header check repeats the header). So: Zapier's
 * own errors pass unchanged (and core is told not to append the bundle);
 * a dropped connection or a timeout becomes a retryable error; anything
 * else becomes a plain error with a fixed message and nothing from the run.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { withDeadline } from './deadline';
import { networkReason, UNREACHABLE_RETRY_SECONDS } from './network';

type Performer = (z: ZObject, bundle: Bundle) => unknown;
type Tree = Record<string, unknown>;

const ZAPIER_ERRORS = Object.values(errors).filter(
  (value): value is new (...args: never[]) => Error =>
    typeof value === 'function' && value.prototype instanceof Error,
);

const isZapierError = (error: unknown): error is Error & { doNotContextify?: boolean } =>
  error instanceof Error && ZAPIER_ERRORS.some((kind) => error instanceof kind);

/** The error Zapier shows for one that was not meant for it: nothing of the run in it. */
export const cleanError = (error: unknown, label: string): Error => {
  if (isZapierError(error)) {
    error.doNotContextify = true;
    return error;
  }
  const reason = networkReason(error);
  if (reason)
    return new errors.ThrottledError(
      `${label}: a request failed (${reason}). Zapier will try again.`,
      UNREACHABLE_RETRY_SECONDS,
    );
  const kind = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) ? error.name : 'error';
  return new errors.Error(
    `${label} stopped on an unexpected ${kind} in the app. No details are shown, so that nothing from the connection or the step's data can leak. Try again; if it keeps happening, contact the app's support.`,
    'UnexpectedError',
    500,
  );
};

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as Promise<unknown> | undefined)?.then === 'function';

/** The function under the run's deadline, its errors made clean; what it returns at once (a field list) it still returns at once. */
export const guarded = (perform: Performer, label: string): Performer => {
  const run = (z: ZObject, bundle: Bundle) => {
    try {
      const result = withDeadline(() => perform(z, bundle) as Promise<unknown>);
      return isPromise(result)
        ? result.catch((error: unknown) => {
            throw cleanError(error, label);
          })
        : result;
    } catch (error) {
      throw cleanError(error, label);
    }
  };
  return run;
};

const PERFORMS = /^perform/;
const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The functions an operation holds: its performs, and dynamic input or output fields. */
const guardOperation = (operation: Tree, label: string): void => {
  for (const [key, value] of Object.entries(operation)) {
    if (PERFORMS.test(key) && typeof value === 'function') {
      operation[key] = guarded(value as Performer, label);
    } else if ((key === 'inputFields' || key === 'outputFields') && Array.isArray(value)) {
      operation[key] = value.map((field: unknown) =>
        typeof field === 'function' ? guarded(field as Performer, label) : field,
      );
    }
  }
};

/**
 * Guards every function Zapier calls in an app definition, in place, and
 * adds nothing: the definition holds only what Zapier calls. Tests run an
 * operation by its path in the definition, as Zapier does (test/helpers/app.ts).
 */
export const guardApp = <App extends object>(definition: App): App => {
  const app = definition as unknown as Tree;
  for (const kind of ['triggers', 'searches', 'creates', 'resources'] as const) {
    const operations = app[kind];
    if (!isTree(operations)) continue;
    for (const definition of Object.values(operations)) {
      if (!isTree(definition)) continue;
      const label =
        (isTree(definition.display) &&
          typeof definition.display.label === 'string' &&
          definition.display.label) ||
        String(definition.key ?? kind);
      if (isTree(definition.operation)) guardOperation(definition.operation, label);
    }
  }
  const authentication = app.authentication;
  if (isTree(authentication)) {
    for (const [key, label] of [
      ['test', 'The connection test'],
      ['connectionLabel', 'The connection label'],
    ] as const) {
      const value = authentication[key];
      if (typeof value === 'function') authentication[key] = guarded(value as Performer, label);
    }
  }
  return definition;
};
