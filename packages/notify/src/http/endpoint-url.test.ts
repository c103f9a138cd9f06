import { describe, expect, it } from 'vitest';
import { checkEndpointUrl, describeEndpoint } from './endpoint-url';

describe('checkEndpointUrl', () => {
  it('accepts https', () => {
    expect(checkEndpointUrl('https://hooks.slack.com/services/T/B/x', 'url').host).toBe('hooks.slack.com');
  });

  it('accepts plain http only to a loopback IP, and only when allowed', () => {
    expect(() => checkEndpointUrl('http://127.0.0.1:8080/x', 'url')).toThrow(/must be an https URL/);
    expect(checkEndpointUrl('http://127.0.0.1:8080/x', 'url', { allowInsecureLoopback: true }).port).toBe('8080');
    expect(checkEndpointUrl('http://[::1]:8080/x', 'url', { allowInsecureLoopback: true }).port).toBe('8080');
    for (const url of ['http://localhost/x', 'http://10.1.2.3/x', 'http://127.0.0.1.nip.io/x', 'ftp://127.0.0.1/x', 'file:///etc/passwd']) {
      expect(() => checkEndpointUrl(url, 'url', { allowInsecureLoopback: true }), url).toThrow(/https/);
    }
  });

  it('refuses credentials in the URL and never repeats the URL in an error', () => {
    expect(() => checkEndpointUrl('https://u:secretpw@example.com/x', 'webhook URL')).toThrow('webhook URL must not carry a user name or password');
    expect(() => checkEndpointUrl('not a url secret-token', 'Slack webhook URL')).toThrow(/^Slack webhook URL is not a valid URL$/);
  });

  it('describes an endpoint by scheme and host only', () => {
    expect(describeEndpoint(new URL('https://hooks.slack.com/services/T/B/token?x=1'))).toBe('https://hooks.slack.com');
  });
});
