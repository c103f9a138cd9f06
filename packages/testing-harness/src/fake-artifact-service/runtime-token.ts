/**
 * ACTIONS_RUNTIME_TOKEN is a JWT; @actions/artifact decodes (never verifies) it and reads the run and
 * job backend ids from its `scp` claim: "Actions.Results:<runBackendId>:<jobBackendId>".
 */
export function runtimeToken(runBackendId: string, jobBackendId: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = encode({ typ: 'JWT', alg: 'RS256', x5t: 'gatehouse-fake' });
  const payload = encode({
    scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`,
    iss: 'gatehouse-fake-artifact-service',
    iat: now,
    nbf: now,
    exp: now + 3600,
  });
  return `${header}.${payload}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}
