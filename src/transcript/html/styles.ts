// The one stylesheet of transcript.html, the live page and `serve`: inline (the file opens from
// disk with no network), light and dark, readable from 390 px up, and printable in full.

export const TRANSCRIPT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #fbfaf8; --fg: #1d1d1f; --muted: #6b6b72; --line: #e4e2dd; --card: #ffffff;
  --note: #f3f1ec; --bad: #b42318; --warn: #b54708; --seat: #6b6b72;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.55;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #17171a; --fg: #ececef; --muted: #9c9ca6; --line: #2e2e34; --card: #1f1f24;
    --note: #26262c; --bad: #f97066; --warn: #fdb022;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); overflow-wrap: anywhere; }
main { max-width: 52rem; margin: 0 auto; padding: 1.25rem 1rem 4rem; }
h1 { font-size: 1.55rem; line-height: 1.25; margin: 0.5rem 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.75rem; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
p { margin: 0.4rem 0; }
.muted, .meta { color: var(--muted); font-size: 0.875rem; }
.meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; margin: 0; padding: 0; list-style: none; }
.context { white-space: pre-wrap; overflow-wrap: anywhere; }
.seats { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.5rem;
  margin: 0.75rem 0; padding: 0; list-style: none; }
.seats li { border: 1px solid var(--line); border-left: 0.3rem solid var(--seat);
  border-radius: 0.4rem; padding: 0.45rem 0.65rem; background: var(--card); min-width: 0; }
.seats .name { color: var(--seat); font-weight: 650; }
.seats .detail { display: block; color: var(--muted); font-size: 0.8rem; overflow-wrap: anywhere; }
.questions { padding-left: 1.5rem; }
.questions li { overflow-wrap: anywhere; }
.questions .unreached { color: var(--muted); }
.topic { border-bottom: 1px solid var(--line); padding-bottom: 0.35rem; }
.topic .by { color: var(--muted); font-weight: 400; font-size: 0.875rem; }
.phase { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; color: var(--muted); }
.turn { position: relative; margin: 0.7rem 0; padding: 0.6rem 0.85rem 0.65rem;
  background: var(--card); border: 1px solid var(--line); border-left: 0.3rem solid var(--seat);
  border-radius: 0.45rem; break-inside: avoid-page; }
.turn > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.1rem 0.6rem; }
.who { color: var(--seat); font-weight: 650; }
.why, .num, .model { color: var(--muted); font-size: 0.8rem; }
.num { margin-left: auto; font-variant-numeric: tabular-nums; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: 0.3rem; unicode-bidi: plaintext; }
.empty { color: var(--muted); font-style: italic; }
.tags { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.45rem 0 0; padding: 0; list-style: none; }
.tags li { font-size: 0.75rem; padding: 0.05rem 0.45rem; border-radius: 1rem; background: var(--note);
  color: var(--muted); overflow-wrap: anywhere; }
.tags .bad { color: var(--bad); }
.tags .warn { color: var(--warn); }
.turn.failed { border-style: dashed; }
.turn.failed > header .who::after { content: " · failed"; color: var(--bad); font-weight: 400; }
.more { position: absolute; opacity: 0; pointer-events: none; }
.long .rest { display: none; }
.long .text::after { content: " …"; color: var(--muted); }
.more:checked ~ .text .rest { display: inline; }
.more:checked ~ .text::after { content: none; }
.more-label { display: inline-block; margin-top: 0.3rem; font-size: 0.85rem; color: var(--seat);
  cursor: pointer; text-decoration: underline; text-underline-offset: 0.15em; }
.more-label .less, .more:checked ~ .more-label .all { display: none; }
.more:checked ~ .more-label .less { display: inline; }
.more:focus-visible ~ .more-label { outline: 2px solid var(--seat); outline-offset: 2px; }
.moderator { margin: 0.9rem 0; padding: 0.45rem 0.85rem; border-left: 0.3rem solid var(--fg);
  background: var(--note); border-radius: 0.3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.moderator b { white-space: normal; }
.memory { margin: 0.9rem 0; padding: 0.45rem 0.85rem; border-left: 0.3rem solid var(--seat);
  background: var(--note); border-radius: 0.3rem; overflow-wrap: anywhere; break-inside: avoid-page; }
.memory p { margin: 0.2rem 0; unicode-bidi: plaintext; }
.memory .label { color: var(--muted); font-size: 0.8rem; margin: 0 0 0.35rem; }
.aside { color: var(--muted); font-size: 0.85rem; font-style: italic; margin: 0.5rem 0;
  overflow-wrap: anywhere; }
.aside.bad { color: var(--bad); }
.summary, .decision, .totals, .resumed { margin-top: 2rem; }
.summary .turn { border-left-width: 0.45rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
td.n, th.n { text-align: right; overflow-wrap: normal; }
td.n { white-space: nowrap; }
td:first-child, th:first-child { min-width: 6rem; }
/* Only the first column (titles, names) may break inside a word: anywhere else a table laid out
   narrow broke its headers and states mid-word ("End|ed", "com|plet|ed"). */
td:first-child { overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
.end { font-weight: 600; }
.end.failed, .end.interrupted { color: var(--bad); }
nav.back { font-size: 0.9rem; margin-bottom: 0.5rem; }
a { color: inherit; }
@media (max-width: 30rem) {
  main { padding: 0.75rem 0.6rem 3rem; }
  h1 { font-size: 1.3rem; }
  .turn { padding: 0.5rem 0.6rem; }
  .num { margin-left: 0; }
}
/* A seat's colour is chosen for a terminal (yellow, white): as text on this page it is held dark
   enough on a light page and light enough on a dark one to read, its hue kept (WCAG AA, 4.5:1);
   edges keep the colour as chosen. */
@supports (color: oklch(from red l c h)) {
  .seats .name, .who, .more-label { color: oklch(from var(--seat) min(l, 0.55) c h); }
  /* Paper is light whatever the screen's scheme. */
  @media screen and (prefers-color-scheme: dark) {
    .seats .name, .who, .more-label { color: oklch(from var(--seat) max(l, 0.72) c h); }
  }
}
@media print {
  :root { --bg: #fff; --card: #fff; --note: #fff; color-scheme: light; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .long .rest { display: inline !important; }
  .long .text::after { content: none !important; }
  .more, .more-label, nav, .controls, .live-only { display: none !important; }
  .memory { border: 1px solid var(--line); border-left: 0.3rem solid var(--seat); }
  .turn { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { text-decoration: none; }
}
`;
