/** The report's print and screen styles: inline in the HTML, which loads nothing. A4 and Letter both fit (12 mm margins). */
export const STYLES = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #eef0f3; color: #1d2430; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; -webkit-font-smoothing: antialiased; }
.page { max-width: 980px; margin: 32px auto; padding: 44px 52px 36px; background: #fff; border: 1px solid #dde1e7; border-radius: 10px; box-shadow: 0 1px 3px rgba(16, 24, 40, .06); }
h1 { margin: 4px 0 2px; font-size: 28px; line-height: 1.2; font-weight: 700; letter-spacing: -.01em; }
h2 { margin: 0 0 4px; padding-bottom: 8px; border-bottom: 2px solid #1d2430; font-size: 16px; font-weight: 700; letter-spacing: .01em; break-after: avoid; }
p { margin: 0; }
section { margin-top: 34px; }
.head { padding-bottom: 22px; border-bottom: 1px solid #dde1e7; }
.head-top { display: flex; align-items: center; justify-content: space-between; gap: 16px; }
.eyebrow { color: #4a5566; font-size: 12px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
.subject { font-size: 19px; font-weight: 500; color: #2c3646; }
.meta { margin-top: 8px; color: #5b6676; font-size: 12.5px; }
.lead { margin: 10px 0 12px; color: #4a5566; font-size: 13px; }
.muted { color: #6b7585; }
.strong { font-weight: 600; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; margin-top: 24px; }
.card { padding: 14px 16px; border: 1px solid #dde1e7; border-radius: 8px; background: #f8f9fb; }
.card-label { color: #4a5566; font-size: 11.5px; font-weight: 600; letter-spacing: .05em; text-transform: uppercase; }
.card-value { margin: 6px 0 2px; font-size: 26px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.card-value span { font-size: 14px; font-weight: 500; color: #4a5566; }
.card-value .badge { font-size: 13px; padding: 3px 10px; }
.card-note { color: #6b7585; font-size: 12px; }
.facts { margin: 12px 0 0; display: grid; grid-template-columns: 1fr; }
.facts > div { display: grid; grid-template-columns: 190px 1fr; gap: 16px; padding: 8px 0; border-bottom: 1px solid #edf0f3; }
.facts dt { color: #4a5566; font-size: 13px; font-weight: 600; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-size: 13px; }
thead { display: table-header-group; }
th { padding: 8px 10px; background: #f3f5f8; border-bottom: 1px solid #d5dae1; color: #4a5566; font-size: 11px; font-weight: 700; letter-spacing: .05em; text-align: left; text-transform: uppercase; white-space: nowrap; }
td { padding: 9px 10px; border-bottom: 1px solid #edf0f3; vertical-align: top; overflow-wrap: anywhere; }
tr { break-inside: avoid; }
.num { width: 1%; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.when { width: 1%; white-space: nowrap; color: #5b6676; font-size: 12px; }
.value { margin-top: 2px; color: #3b4657; }
.hint { margin-top: 4px; color: #5b6676; font-size: 12.5px; }
.hint-label { font-weight: 600; color: #4a5566; }
.settings td:nth-child(2), .settings td:nth-child(3), .steps td:nth-child(3), .checks td:nth-child(3) { white-space: nowrap; }
.steps td:nth-child(2) { width: 24%; }
.checks td:nth-child(2) { width: 34%; }
.badge { display: inline-block; padding: 1px 8px; border: 1px solid; border-radius: 999px; font-size: 11.5px; font-weight: 600; line-height: 1.6; white-space: nowrap; vertical-align: baseline; }
.badge-ok { background: #e8f5ee; border-color: #b5dfc6; color: #17663a; }
.badge-info { background: #e9f1fc; border-color: #bcd3f3; color: #1f4f96; }
.badge-accent { background: #efeefc; border-color: #cfcbf5; color: #41369b; }
.badge-neutral { background: #f1f3f6; border-color: #d8dde4; color: #4a5566; }
.badge-warn { background: #fdf4e3; border-color: #f0d49b; color: #8a5a00; }
.badge-bad { background: #fcebea; border-color: #f2bcb8; color: #a8261d; }
.counts { display: inline-flex; flex-wrap: wrap; gap: 6px; margin: 0 0 0 8px; padding: 0; list-style: none; vertical-align: baseline; }
.legend { display: grid; gap: 6px; margin: 14px 0 0; padding: 12px 14px; list-style: none; border: 1px solid #edf0f3; border-radius: 8px; background: #fafbfc; color: #4a5566; font-size: 12.5px; }
.legend .badge { min-width: 128px; margin-right: 6px; text-align: center; }
.checks { margin-top: 16px; }
.callout { margin-top: 14px; padding: 12px 14px; border: 1px solid #f0d49b; border-radius: 8px; background: #fdf8ec; }
.callout ul { margin: 6px 0 0; padding-left: 20px; }
.foot { margin-top: 40px; padding-top: 14px; border-top: 1px solid #dde1e7; color: #6b7585; font-size: 11.5px; }
.foot p + p { margin-top: 4px; }
.bars { display: grid; gap: 6px; margin-top: 12px; }
.bar { display: grid; grid-template-columns: 160px 1fr 48px; gap: 10px; align-items: center; font-size: 12.5px; }
.bar-track { height: 12px; background: #f1f3f6; border-radius: 6px; overflow: hidden; }
.bar-fill { display: block; height: 100%; background: #41369b; }
.reasons { margin: 10px 0 0; padding-left: 20px; }
.sev-error { color: #a8261d; font-weight: 600; }
.sev-warning { color: #8a5a00; font-weight: 600; }
.sev-info { color: #1f4f96; font-weight: 600; }
@page { margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 12px; }
  .page { max-width: none; margin: 0; padding: 0; border: 0; border-radius: 0; box-shadow: none; }
  section { margin-top: 24px; }
  .cards { break-inside: avoid; }
}
@media (max-width: 720px) {
  .page { margin: 0; padding: 24px 18px; border-radius: 0; }
  .cards { grid-template-columns: 1fr; }
  .facts > div { grid-template-columns: 1fr; gap: 2px; }
}
`;
