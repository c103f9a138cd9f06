/**
 * What `node --cpu-prof` showed where a target was missed, what was changed for it, and what remains.
 * Written by hand from profiles of this code (the bench cannot profile itself meaningfully); kept next
 * to the renderer so the generated page carries it. Update it when a profile says something new.
 */
export const PROFILE_NOTES = `Profiles taken with \`node --cpu-prof\` on the bench's own workers and bundles (trivy image reports at 10k and
100k findings, compact at 1M, \`gatehouse demo\`, and \`actions/policy-gate/dist/index.js\` started without inputs).

**Changed because of them** (each behaviour-preserving, with tests that compare old and new output):

- Findings are validated by ajv validators compiled from the exported JSON Schema (zod still explains any
  refusal), and discriminated unions (\`location\`, \`severityBasis\`) check only the branch a finding names:
  validating 10k findings went from about 95 ms to 22 ms in one process. Adapters' per-entry zod schemas
  (trivy, semgrep, gitleaks, npm audit) use the same compiled path once a report has 500 entries; smaller
  reports stay with zod, so the demo does not pay a compile it would not earn back.
- findings.json is validated once, put in schema key order without zod copying every finding, and written in
  pieces (a million findings make more than one string can hold).
- Markdown escaping is one pass instead of five regular expressions; canonical http(s) references skip the
  URL parser (fuzzed against it); a rule's help text and Markdown share their parts; cached CVSS ratings are
  copied by hand instead of \`structuredClone\`; finalize makes one copy per draft.

**What remains:**

- Throughput: every finding still becomes several objects (draft, finding, merged finding, SARIF result and,
  with one CVE per finding as in these reports, a SARIF rule with help text and Markdown), so garbage
  collection takes 15–25% of the pipeline's time; a SHA-256 per identity; compiling the Finding validator
  (a few hundred ms) is paid once per process. The pipeline does far more than the floor (five outputs, not
  one), so the 2× floor target is not in reach by trimming; it would take fewer intermediate objects
  (drafts finalized in place) and precompiled (standalone) validators.
- Memory at 1M compact findings is about 3.5 KB per finding, close to Node's default heap limit on a
  machine this size (about 4 GiB): drafts and findings are alive at the same time during assembly.
- Cold start is dominated by compiling and evaluating the whole bundle before the first input is read:
  \`actions/policy-gate/dist/index.js\` is 7 MiB and evaluates undici twice (6.x and 7.x), the
  \`@actions/artifact\` stack (archiver, unzip-stream, Azure storage, protobuf), lodash, es-abstract and zod with
  its 64 locales, none of which is needed to find a missing input. The fix lies outside the packages this
  bench may change: read and validate inputs first and \`await import()\` the rest (esbuild evaluates
  dynamically imported modules only when reached), load \`@actions/artifact\` and the GitHub client where they
  are used, one undici. Even then the bundle's size costs its compile time; \`@actions/core\` alone is already
  above 1.5× bare Node.
- Demo: generating the planted fake RSA private key (\`generateKeyPairSync\`) takes about a second of CPU and
  counts as ours; an EC key would take milliseconds. Loading the CLI bundle and compiling validators follow.`;
