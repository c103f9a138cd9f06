import { describe, expect, it } from 'vitest';
import { smtpFailure } from './smtp-failure';

const err = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('smtpFailure', () => {
  it('retries transient replies and connection failures', () => {
    expect(smtpFailure(err({ code: 'EENVELOPE', responseCode: 451, permanent: false, response: '451 4.7.1 Try again later' }), 'smtp:587')).toMatchObject({ retryable: true, status: 451 });
    expect(smtpFailure(err({ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }), 'smtp:587').retryable).toBe(true);
    expect(smtpFailure(err({ code: 'ETIMEDOUT', message: 'Greeting never received' }), 'smtp:587').retryable).toBe(true);
    expect(smtpFailure(err({ code: 'EPROTOCOL', responseCode: 421, response: '421 shutting down' }), 'smtp:587').retryable).toBe(true);
  });

  it('does not retry permanent replies, authentication, TLS or certificate problems', () => {
    expect(smtpFailure(err({ code: 'EENVELOPE', responseCode: 550, permanent: true, response: '550 No such user' }), 's').retryable).toBe(false);
    expect(smtpFailure(err({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }), 's').retryable).toBe(false);
    expect(smtpFailure(err({ code: 'ETLS', message: 'STARTTLS not offered' }), 's').retryable).toBe(false);
    expect(smtpFailure(err({ code: 'ESOCKET', message: 'self-signed certificate' }), 's').retryable).toBe(false);
  });

  it('keeps the message on one bounded line', () => {
    const failure = smtpFailure(err({ code: 'EMESSAGE', responseCode: 554, response: `554 rejected\r\n::error::injected ${'x'.repeat(1_000)}` }), 'smtp.example.com:587');
    expect(failure.message).not.toMatch(/[\r\n]/);
    expect(failure.message.length).toBeLessThanOrEqual(500);
    expect(failure.message.startsWith('SMTP smtp.example.com:587: EMESSAGE: 554 rejected ::error::injected')).toBe(true);
  });
});
