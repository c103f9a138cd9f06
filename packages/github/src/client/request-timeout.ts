interface RequestLike {
  request?: { signal?: AbortSignal; [CALLER_SIGNAL]?: AbortSignal | null } & Record<string, unknown>;
}

interface HookedOctokit {
  hook: {
    wrap(name: 'request', wrapper: (request: (options: RequestLike) => Promise<unknown>, options: RequestLike) => Promise<unknown>): void;
  };
}

const CALLER_SIGNAL = Symbol('gatehouse.callerSignal');

/**
 * An octokit plugin that abandons each attempt of a request after `milliseconds` (octokit has no
 * timeout of its own: a hung connection would hold the job until GitHub kills it). Registered before
 * the retry plugin, so each retry starts with a fresh timer.
 *
 * before-after-hook binds the same options object into every layer and calls the inner layer
 * without arguments, so the signal is set on that shared object rather than passed along.
 */
export function requestTimeout(milliseconds: number) {
  return (octokit: HookedOctokit): void => {
    octokit.hook.wrap('request', async (request, options) => {
      options.request ??= {};
      const settings = options.request;
      if (!(CALLER_SIGNAL in settings)) settings[CALLER_SIGNAL] = settings.signal ?? null;
      const caller = settings[CALLER_SIGNAL];
      const timeout = AbortSignal.timeout(milliseconds);
      settings.signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
      const response = await request(options);
      // @octokit/request swallows an error while reading the body and returns the text read so far
      // (often ""): a body that stalled past the timeout would pass as a complete 2xx answer.
      if (timeout.aborted) throw truncatedResponse(milliseconds, options);
      return response;
    });
  };
}

/**
 * Shaped like @octokit/request's RequestError for an aborted fetch (name HttpError, status 500,
 * the request options), so the retry plugin retries it and callGitHub classifies it as the hang it is.
 */
function truncatedResponse(milliseconds: number, options: RequestLike): Error {
  const error = new Error(`the response did not arrive in full within ${milliseconds} ms (its body stalled)`) as Error & { status: number; request: unknown };
  error.name = 'HttpError';
  error.status = 500;
  error.request = options;
  return error;
}
