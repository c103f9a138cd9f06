import { generateReport, reportKind } from './generate/report-kinds';
for (const [k, n] of [['trivy-image', 10000], ['trivy-compact', 10000], ['semgrep', 10000], ['gitleaks', 10000], ['npm-audit', 10000]] as const) {
  console.log(k, generateReport(reportKind(k), n, `bench/.out/${k}-${n}.json`));
}
