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
    octokit.hook.wrap('request', (request, options) => {
      options.request ??= {};
      const settings = options.request;
      if (!(CALLER_SIGNAL in settings)) settings[CALLER_SIGNAL] = settings.signal ?? null;
      const caller = settings[CALLER_SIGNAL];
      const timeout = AbortSignal.timeout(milliseconds);
      settings.signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
      return request(options);
    });
  };
}
