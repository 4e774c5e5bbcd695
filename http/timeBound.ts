/**
 * How long one request may take: at most REQUEST_TIMEOUT_MS, and never past
 * the run's deadline (http/deadline.ts). The bound is one moment, fixed when
 * the request starts, and it covers the headers, the body and every redirect
 * followed for it: node-fetch's own `timeout` restarts per redirect and again
 * for the body, so an AbortSignal carries the bound instead.
 */
import type { HttpRequestOptions } from 'zapier-platform-core';
import { errors } from 'zapier-platform-core';
import { nowMs, RUN_BUDGET_MS, timeLeftMs } from './deadline';

/** No vendor call may use up the 30 s a Zapier invocation has (REQUEST_TIMEOUT_MS overrides it, e.g. in the soak). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** Less time than this left is no time: the request is not sent. */
export const MIN_REQUEST_MS = 100;
/** How long Zapier waits before running again a step whose time ran out. */
export const OUT_OF_TIME_RETRY_SECONDS = 30;

const requestTimeoutMs = () => Number(process.env.REQUEST_TIMEOUT_MS) || REQUEST_TIMEOUT_MS;

export interface BudgetData {
  /** The moment (on the deadline's clock) this request and its redirects must be done by. */
  requestDeadlineAt?: number;
  redirects?: number;
}

const dataOf = (request: HttpRequestOptions): BudgetData => (request.middlewareData ?? {}) as BudgetData;

/** The retryable error of a request that was not sent because no time was left for it. */
export const outOfTime = (target: string, why: 'run' | 'request'): Error =>
  new errors.ThrottledError(
    why === 'run'
      ? `The request to ${target} was not sent: this run used up its ${RUN_BUDGET_MS / 1000} s (Zapier gives a run 30 s). Zapier will try again.`
      : `${target} did not answer within ${requestTimeoutMs() / 1000} s (redirects included). Zapier will try again.`,
    OUT_OF_TIME_RETRY_SECONDS,
  );

/**
 * Gives the request what is left of its bound (opened here for a first request,
 * carried over on a redirect): a timeout and an abort signal for headers and body
 * together. With no time left it is refused before it is sent.
 */
export const applyRequestBudget = (request: HttpRequestOptions, target: string): HttpRequestOptions => {
  const data = dataOf(request);
  const runLeft = timeLeftMs();
  const own = Math.min(requestTimeoutMs(), request.timeout ?? Infinity);
  const now = nowMs();
  const deadlineAt = data.requestDeadlineAt ?? now + Math.min(own, runLeft);
  const left = Math.min(deadlineAt - now, runLeft);
  // A bound configured short (REQUEST_TIMEOUT_MS in the soak) is used as it is; one worn down by time spent is not.
  const enough = Math.min(MIN_REQUEST_MS, own);
  if (left < enough) throw outOfTime(target, runLeft < enough ? 'run' : 'request');
  const ms = Math.ceil(left);
  request.middlewareData = { ...request.middlewareData, requestDeadlineAt: deadlineAt };
  request.timeout = ms;
  (request as { signal?: AbortSignal }).signal = AbortSignal.timeout(ms);
  return request;
};

/** The bound and redirect count a follow-up request (a redirect) carries over. */
export const carriedBudget = (request: HttpRequestOptions): BudgetData => {
  const data = dataOf(request);
  return { requestDeadlineAt: data.requestDeadlineAt, redirects: (data.redirects ?? 0) + 1 };
};
