import type { ReliabilityCase } from './reliability-case';

export const DESTINATIONS = ['github', 'slack', 'smtp', 'dependency-track'] as const;
export type Destination = (typeof DESTINATIONS)[number];
export const NETWORK_FAULTS = ['rate-limited', 'server-error', 'connection-reset', 'timeout', 'slow-body'] as const;
export type NetworkFault = (typeof NETWORK_FAULTS)[number];

const DESTINATION_TITLES: Record<Destination, string> = {
  github: 'GitHub API (FakeGitHub, OpenAPI-validated; a raw loopback server for socket faults)',
  slack: 'Slack incoming webhook (loopback HTTP server)',
  smtp: 'SMTP server (smtp-server on loopback; a raw TCP server for socket faults)',
  'dependency-track': 'Dependency-Track BOM upload (loopback HTTP server)',
};

const FAULT_TITLES: Record<NetworkFault, Record<Destination, string>> = {
  'rate-limited': {
    github: '429 with Retry-After on the SARIF upload, then accepted',
    slack: '429 with Retry-After, then `ok`',
    smtp: '451 temporary failure on the first session, then accepted',
    'dependency-track': '429 with Retry-After, then a token',
  },
  'server-error': {
    github: '500 on every SARIF upload attempt',
    slack: '500 on every attempt',
    smtp: '554 permanent failure on every session',
    'dependency-track': '500 on every attempt',
  },
  'connection-reset': {
    github: 'the connection is reset on every request',
    slack: 'the connection is reset on every attempt',
    smtp: 'the connection is reset as soon as it opens',
    'dependency-track': 'the connection is reset on every attempt',
  },
  timeout: {
    github: 'the server never answers',
    slack: 'the server never answers',
    smtp: 'the server never sends its greeting',
    'dependency-track': 'the server never answers',
  },
  'slow-body': {
    github: 'headers and a first chunk, then the body stalls',
    slack: 'headers and a first chunk, then the body stalls',
    smtp: 'the greeting comes, then the session stalls',
    'dependency-track': 'headers and a first chunk, then the body stalls',
  },
};

const EXPECTATIONS: Record<NetworkFault, Record<Destination, string>> = {
  'rate-limited': {
    github: 'the upload is retried after the wait and accepted; exactly one retry',
    slack: 'delivered on the second attempt after the Retry-After wait; nothing more',
    smtp: 'delivered on the second session; two sessions in all',
    'dependency-track': 'uploaded on the second attempt after the Retry-After wait',
  },
  'server-error': {
    github: 'bounded retries, then the step goes on: the summary says SARIF was not published and results.sarif is in the artifact; the verdict stands',
    slack: 'bounded attempts, then failed; the notification stays in the delivery report and its Markdown; an override that required Slack stays blocked',
    smtp: 'not retried (permanent); failed with the reply code; the message stays in the delivery report',
    'dependency-track': 'bounded attempts, then `failed` with the status; the caller keeps the SBOM',
  },
  'connection-reset': {
    github: 'bounded retries, then a clear error; no hang',
    slack: 'bounded attempts, then failed; the message stays in the report',
    smtp: 'bounded attempts, then failed; the message stays in the report',
    'dependency-track': 'bounded attempts, then `failed`',
  },
  timeout: {
    github: 'each attempt abandoned after the request timeout; bounded retries; a clear error',
    slack: 'each attempt abandoned after the attempt timeout; bounded; failed and kept',
    smtp: 'each attempt abandoned after the attempt timeout; bounded; failed and kept',
    'dependency-track': 'each attempt abandoned after the attempt timeout; bounded; `failed`',
  },
  'slow-body': {
    github: 'the stalled body is abandoned after the request timeout; bounded retries; a clear error',
    slack: 'the stalled body is abandoned; bounded; failed and kept',
    smtp: 'the stalled session is abandoned; bounded; failed and kept',
    'dependency-track': 'the stalled body is abandoned; bounded; `failed`',
  },
};

export function networkCases(): ReliabilityCase[] {
  return DESTINATIONS.flatMap((destination) =>
    NETWORK_FAULTS.map((fault) => ({
      id: `network/${destination}/${fault}`,
      group: 'network' as const,
      title: `${DESTINATION_TITLES[destination]}: ${FAULT_TITLES[fault][destination]}`,
      expectation: EXPECTATIONS[fault][destination],
    })),
  );
}
