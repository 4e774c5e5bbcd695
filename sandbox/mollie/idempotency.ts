import type { VirtualClock } from '../clock';
import type { SandboxRequest, SandboxResponse } from '../http';

/** Mollie keeps the answer to a keyed request about an hour ("it protects retries, not long-term uniqueness"). */
export const IDEMPOTENCY_WINDOW_MS = 60 * 60_000;
const KEYED_METHODS = new Set(['POST', 'PATCH', 'DELETE']);

/**
 * The `Idempotency-Key` header on POST, PATCH and DELETE: a second request with a key already answered
 * (same credential, method and path, within the window, on the virtual clock) is a duplicate. It is not
 * carried out again; the first answer is given again. Only answers that carried a request out are kept:
 * a refused or failed request can be retried with the same key.
 */
export class IdempotencyKeys {
  private readonly answered = new Map<string, { at: number; response: SandboxResponse }>();

  constructor(private readonly clock: VirtualClock) {}

  private scope(req: SandboxRequest): string | undefined {
    const key = req.headers['idempotency-key'];
    if (!KEYED_METHODS.has(req.method) || typeof key !== 'string' || !key) return undefined;
    return JSON.stringify([req.headers.authorization ?? '', req.method, req.path, key]);
  }

  /** The first answer to this keyed request, when there is one still kept. */
  replay(req: SandboxRequest): SandboxResponse | undefined {
    const scope = this.scope(req);
    const kept = scope ? this.answered.get(scope) : undefined;
    if (!kept) return undefined;
    if (this.clock.now().getTime() - kept.at < IDEMPOTENCY_WINDOW_MS) return kept.response;
    this.answered.delete(scope!);
    return undefined;
  }

  /** Keeps the answer to a keyed request that was carried out (2xx). */
  remember(req: SandboxRequest, response: SandboxResponse): SandboxResponse {
    const scope = this.scope(req);
    if (scope && response.status >= 200 && response.status < 300) this.answered.set(scope, { at: this.clock.now().getTime(), response });
    return response;
  }
}
