/**
 * The page's only stylesheet, inline so the file stands alone (no fonts, no network).
 * System fonts; tables scroll inside their box on a phone; print shows every "why".
 */
export const STYLE = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --soft: #f6f8fa;
  --ok: #1a7f37; --ok-bg: #dafbe1; --wait: #7d4e00; --wait-bg: #fff8c5; --bad: #a40e26; --bad-bg: #ffebe9; --accent: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); overflow-wrap: anywhere; }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
a { color: var(--accent); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
nav a { display: inline-block; min-height: 44px; padding: 0.6rem 0.9rem; border: 1px solid var(--line); border-radius: 0.5rem; text-decoration: none; background: var(--soft); }
.muted, .none { color: var(--muted); }
.clients { list-style: none; padding: 0; display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
.client { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.75rem 1rem; }
.client h3 { margin: 0 0 0.25rem; }
.client ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.client a.more { display: block; min-height: 44px; padding: 0.6rem 0 0; }
.badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 1rem; font-size: 0.85rem; font-weight: 600; white-space: nowrap; }
.healthy { color: var(--ok); background: var(--ok-bg); }
.onboarding { color: var(--wait); background: var(--wait-bg); }
.needs-attention { color: var(--bad); background: var(--bad-bg); }
.side { font-size: 0.8rem; color: var(--muted); }
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 0.5rem; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; min-width: 100%; font-size: 0.95rem; }
caption { text-align: left; padding: 0.5rem; color: var(--muted); }
th, td { padding: 0.5rem 0.6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; overflow-wrap: normal; }
thead th { background: var(--soft); position: sticky; top: 0; white-space: nowrap; }
tbody th { font-weight: 600; white-space: nowrap; }
th small { display: block; font-weight: normal; color: var(--muted); }
td.cell { min-width: 6rem; }
details.why summary { white-space: nowrap; cursor: pointer; min-height: 44px; min-width: 44px; display: inline-flex; align-items: center; padding: 0 0.5rem; border-radius: 0.4rem; background: var(--soft); border: 1px solid var(--line); font-weight: 600; list-style: none; }
details.why summary::-webkit-details-marker { display: none; }
details.why summary:hover, details.why summary:focus { outline: 2px solid var(--accent); }
details.why[open] summary { background: #ddf4ff; }
details.why .source { font-size: 0.85rem; max-width: 20rem; min-width: 12rem; white-space: normal; padding: 0.25rem 0; }
.client-side { background: #fbfaf4; }
ul.plain { padding-left: 1.25rem; }
@media (max-width: 40rem) {
  body { font-size: 17px; }
  header, main { padding: 0 0.75rem; }
  .clients { grid-template-columns: 1fr; }
}
@media print {
  nav, a.more { display: none; }
  body { font-size: 11pt; }
  .scroll { overflow: visible; border: none; }
  thead th { position: static; }
  tr, .client { break-inside: avoid; }
  details.why summary { border: none; background: none; min-height: 0; padding: 0; }
  details.why::details-content { content-visibility: visible; display: block; }
  h2 { break-after: avoid; }
}
`;
