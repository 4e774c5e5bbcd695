/**
 * The one place the app reaches into zapier-platform-core's internals (pinned
 * at 19.1.0): the app request client that core makes z.request of. Middleware
 * receives a z without request(), so a follow-up request (a redirect) goes
 * through this client, made from the invocation's input as core makes
 * z.request: it passes every middleware of the app again.
 * test/coreInternals.test.ts fails when core changes what this relies on: the
 * module and its export, and the invocation's input on every request.
 */
import type { Bundle, HttpRequestOptions, HttpResponse, ZObject } from 'zapier-platform-core';

type Send = (options: HttpRequestOptions & { url: string }) => Promise<HttpResponse>;
type CreateAppRequestClient = (input: unknown, options: { extraArgs: unknown[] }) => Send;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- core's internals have no types; this file is the only one to reach them
const coreRequestClient: unknown = require('zapier-platform-core/src/tools/create-app-request-client');
const createAppRequestClient = coreRequestClient as CreateAppRequestClient;

/** What core puts on every request it sends: the invocation's input (with the app definition), for its own middleware. */
export const invocationInput = (request: HttpRequestOptions): unknown =>
  (request as { input?: unknown }).input;

/** A request client like z.request for the invocation that sent `request`: the app's middleware gets this z and bundle. */
export const requestClientLike = (request: HttpRequestOptions, z: ZObject, bundle: Bundle): Send =>
  createAppRequestClient(invocationInput(request), { extraArgs: [z, bundle] });
