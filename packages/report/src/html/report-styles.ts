/**
 * The report's only stylesheet, inlined and allowed by its hash. No web fonts, no url(): the page
 * must look right offline and load nothing. Colours keep WCAG AA contrast on white.
 */
export const REPORT_STYLES = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --critical: #a40e26; --high: #bc4c00; --medium: #8a6100; --low: #0a59b5; --info: #59636e; --unknown: #6e40c9;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
main, .banner-inner, footer { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
h1, h2, h3 { line-height: 1.25; }
h2 { font-size: 18px; margin: 24px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
a { color: #0969da; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; word-break: break-all; }
.banner { border-bottom: 1px solid var(--line); padding: 16px 0 12px; background: var(--panel); border-top: 6px solid var(--muted); }
.banner.verdict-pass { border-top-color: var(--ok); }
.banner.verdict-warn { border-top-color: var(--warn); }
.banner.verdict-block, .banner.verdict-incomplete { border-top-color: var(--bad); }
.eyebrow { margin: 0; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.verdict { margin: 4px 0; font-size: 28px; }
.verdict-pass .verdict { color: var(--ok); }
.verdict-warn .verdict { color: var(--warn); }
.verdict-block .verdict, .verdict-incomplete .verdict { color: var(--bad); }
.target { margin: 0 0 8px; color: var(--muted); }
.reasons { margin: 4px 0 8px; padding-left: 20px; }
.reason-kind { display: inline-block; min-width: 86px; font-weight: 600; }
.reason-block .reason-kind, .reason-incomplete .reason-kind { color: var(--bad); }
.reason-warn .reason-kind { color: var(--warn); }
.reason-info .reason-kind { color: var(--muted); }
.engines-note { margin: 6px 0; padding: 6px 10px; border-left: 4px solid var(--bad); background: #fff; }
.tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 0; }
.tile { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
.tile dt { color: var(--muted); font-size: 12px; }
.tile dd { margin: 0; font-size: 20px; font-weight: 600; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); margin-top: 16px; }
.tabs button { font: inherit; border: 1px solid transparent; border-bottom: none; background: none; padding: 8px 14px; cursor: pointer; border-radius: 6px 6px 0 0; color: var(--muted); }
.tabs button[aria-selected="true"] { border-color: var(--line); background: var(--bg); color: var(--fg); font-weight: 600; margin-bottom: -1px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.chart h3 { margin-top: 4px; }
.chart svg { width: 100%; height: auto; display: block; }
.chart text { font: 13px system-ui, sans-serif; fill: var(--fg); }
.chart .bar-track { fill: #eef1f4; }
.chart .bar { fill: #57606a; }
.chart [data-filter] { cursor: pointer; }
.chart [data-filter]:focus { outline: 2px solid #0969da; }
.sev-critical .bar, .bar.sev-critical { fill: var(--critical); }
.sev-high .bar, .bar.sev-high { fill: var(--high); }
.sev-medium .bar, .bar.sev-medium { fill: #d4a72c; }
.sev-low .bar, .bar.sev-low { fill: var(--low); }
.sev-info .bar, .bar.sev-info { fill: var(--info); }
.sev-unknown .bar, .bar.sev-unknown { fill: var(--unknown); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; position: sticky; top: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; margin: 8px 0; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.filters select, .filters input, .filters button, .pager button { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--fg); }
.filters input[type="search"] { min-width: 260px; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; margin: 1px 2px 1px 0; }
.badge.sev-critical { color: #fff; background: var(--critical); border-color: var(--critical); }
.badge.sev-high { color: #fff; background: var(--high); border-color: var(--high); }
.badge.sev-medium { color: var(--medium); }
.badge.sev-low { color: var(--low); }
.badge.sev-info { color: var(--info); }
.badge.sev-unknown { color: var(--unknown); }
.badge.status-new { color: #0969da; }
.badge.status-suppressed { color: var(--muted); }
.badge.status-overdue, .badge.status-blocking { color: var(--bad); }
.badge.status-ran { color: var(--ok); }
.badge.status-not-run { color: var(--muted); }
.badge.status-incomplete { color: var(--bad); }
.badge.control-satisfied { color: var(--ok); }
.badge.control-not-satisfied { color: var(--bad); }
.badge.control-incomplete { color: var(--warn); }
.badge.control-no-evidence { color: var(--muted); }
tr.finding-row.is-suppressed { color: var(--muted); }
button.expand { font: inherit; text-align: left; border: none; background: none; padding: 0; cursor: pointer; color: #0969da; word-break: break-word; }
button.expand::before { content: "▸ "; color: var(--muted); }
button.expand[aria-expanded="true"]::before { content: "▾ "; }
.rule { color: var(--muted); font-size: 12px; word-break: break-all; }
tr.finding-details > td { background: var(--panel); }
.details-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 4px 24px; }
.details-grid dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.details-grid dt { color: var(--muted); }
.details-grid dd { margin: 0; word-break: break-word; }
.message { white-space: pre-wrap; word-break: break-word; margin: 4px 0 8px; }
.pager { display: flex; gap: 8px; align-items: center; margin: 10px 0 24px; }
.pager button:disabled { opacity: .45; cursor: default; }
.note { color: var(--muted); }
.report-error { border: 1px solid var(--bad); color: var(--bad); padding: 8px 12px; border-radius: 6px; }
footer { color: var(--muted); font-size: 12px; padding-top: 16px; padding-bottom: 24px; border-top: 1px solid var(--line); margin-top: 24px; }
[hidden] { display: none !important; }
`;
