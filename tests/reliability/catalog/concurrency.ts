import type { ReliabilityCase } from './reliability-case';

export const CONCURRENCY_CASES: ReliabilityCase[] = [
  {
    id: 'concurrency/ledger-two-writers',
    group: 'concurrency',
    title:
      'two default-branch policy-gate runs (the committed bundle under Node 24, the real findings ledger, FakeGitHub and one FakeArtifactService each) start at once; the fake GitHub answers neither ledger read until both have arrived, so both read the same earlier ledger before either writes',
    expectation:
      'each run uploads its own `gatehouse-ledger` artifact (neither overwrites the other); a third run unites them with the earlier ledger: every finding either run saw is known, each with the earliest first-seen date any of them had',
  },
];
