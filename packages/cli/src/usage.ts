export const USAGE = `gatehouse — one finding schema, one policy, one gate

Usage:
  gatehouse scan [path] [--policy FILE] [--out DIR] [--staged] [--engines a,b] [--osv-db PATH] [--sbom]
      Run the engines available here on a directory (default: .). Writes <path>/.gatehouse/.
      --staged scans only what is staged for commit (the pre-commit hook); --osv-db points the
      offline dependency engine at an OSV export (a directory of records or osv.dev's all.zip);
      --sbom also writes sbom.cdx.json (the bundled cyclonedx-npm on each npm lockfile, offline,
      validated against the official CycloneDX schema).
  gatehouse normalize --from <engine> <report>... [--policy FILE] [--out DIR] [--workspace DIR]
      Turn reports produced elsewhere into findings, SARIF and a decision. Writes ./.gatehouse/.
  gatehouse policy check [file]
      Validate a policy file (default: .github/gatehouse.yml).
  gatehouse baseline [path] [--out FILE]
      Record the current findings as the baseline for new-only mode.
  gatehouse demo [--out DIR]
      The full pipeline on examples/vulnerable-app, its SBOM (sbom.cdx.json) included.

Options:
  --policy FILE   policy file (default <path>/.github/gatehouse.yml; built-in defaults when absent)
  --out DIR       output directory
  --verbose       debug output on stderr
  --version       print the version
  --help          this text

Exit codes: 0 pass or warn; 1 blocked; 2 incomplete, unreadable report, unknown engine, or invalid
policy/configuration (a run both blocked and incomplete exits 2, and the summary says both).
`;
