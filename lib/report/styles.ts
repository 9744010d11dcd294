/**
 * The page's only style sheet. Typography: a system font stack that holds
 * CJK glyphs, 16 px body text at about 70 characters a line, tabular
 * figures in tables. Narrow screens scroll wide tables and charts sideways
 * instead of shrinking their text; print hides navigation and downloads and
 * keeps figures and table rows whole.
 */
export const STYLES = `
:root{--ink:#1d2329;--muted:#5b6570;--line:#d9dee3;--paper:#fff;--tint:#f4f6f8;--accent:#1f5f8b;--good:#2e7d4f;--weak:#b8405e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
header.top{background:var(--accent);color:#fff;padding:2rem 1.25rem 1.5rem}
header.top .inner,main,nav.toc,footer{max-width:64rem;margin:0 auto}
header.top h1{margin:0 0 .25rem;font-size:1.9rem;line-height:1.2;font-weight:650}
header.top p{margin:.25rem 0;opacity:.92}
.downloads{margin-top:1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.downloads a{display:inline-block;padding:.4rem .8rem;border-radius:.35rem;background:#fff;color:var(--accent);font-weight:600;text-decoration:none}
.downloads a:hover,.downloads a:focus{background:#e6eff6}
.downloads .linked{flex-basis:100%;margin:.25rem 0 0;font-size:.9rem;opacity:.92}
.focus-note{background:var(--tint);border-left:4px solid var(--accent);padding:.5rem .9rem;border-radius:.25rem}
nav.toc{padding:1rem 1.25rem 0}
nav.toc ol{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:.35rem .5rem;font-size:.92rem}
nav.toc a{color:var(--accent);text-decoration:none;border-bottom:1px solid transparent}
nav.toc a:hover{border-bottom-color:var(--accent)}
main{padding:0 1.25rem 3rem}
section{padding-top:1.5rem;border-bottom:1px solid var(--line);padding-bottom:1.25rem}
section:last-child{border-bottom:0}
h2{font-size:1.45rem;margin:.5rem 0 .75rem;line-height:1.25}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
p{max-width:46rem}
.lead{font-size:1.05rem}
.headline{font-size:1.2rem;font-weight:600;line-height:1.45;margin:.5rem 0 1rem;max-width:50rem}
.muted{color:var(--muted)}
.not-run{background:var(--tint);border-left:4px solid var(--muted);padding:.6rem .9rem;border-radius:.25rem}
.warn{background:#fff4e5;border-left:4px solid #e07b39;padding:.6rem .9rem}
.ok{color:var(--good);font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem;margin:1rem 0;align-items:start}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.8rem 1rem;background:var(--paper)}
.card h3{margin:0 0 .5rem;font-size:1rem}
.card.good{border-top:4px solid var(--good)}
.card.weak{border-top:4px solid var(--weak)}
.card ol,.card ul{margin:0;padding-left:1.2rem}
.card ul.grades,.card ul.tiers{list-style:none;padding:0}
.card li{margin:.2rem 0}
.val{float:right;font-variant-numeric:tabular-nums;color:var(--muted)}
ul.moves{columns:2 16rem;padding-left:1.2rem}
.up{color:var(--good)}.down{color:var(--weak)}
.grade,.tier{display:inline-block;padding:0 .45rem;border-radius:.8rem;font-size:.85rem;white-space:nowrap;background:var(--tint)}
.g1,.g2{background:#f6d5dc}.g3,.g4{background:#fae3d4}.g5,.g6{background:#fbf0cc}.g7,.g8{background:#dcefe2}.g9,.g10{background:#cfe6f3}
.tA{background:#cfe6f3}.tB{background:#fbf0cc}.tC{background:#fae3d4}
.table-wrap{overflow-x:auto;margin:.75rem 0 1rem;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;font-size:.9rem;min-width:50%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{padding:.35rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;word-break:keep-all}
:lang(zh) td,:lang(zh) th{min-width:4.5em}
:lang(zh) td.num,:lang(zh) th.num{min-width:0}
thead th{background:var(--tint);font-weight:600;border-bottom:2px solid var(--line)}
tbody tr:nth-child(even){background:#fafbfc}
tbody th{font-weight:500}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.num{white-space:normal}
.compact table{min-width:0}
.strong{font-weight:700}
.nowrap{white-space:nowrap}
.id{display:inline-block;min-width:2.2em;padding:0 .3rem;border-radius:.25rem;background:var(--tint);font:600 .8em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--accent)}
.two-col{display:flex;flex-wrap:wrap;gap:0 2rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
code.hash{word-break:break-all}
td code{white-space:nowrap}
td code.hash{white-space:normal}
.dir-positive{color:var(--good);font-weight:700}.dir-negative{color:var(--weak);font-weight:700}
.sev-error{color:#fff;background:var(--weak);padding:0 .4rem;border-radius:.25rem}
.sev-warning{background:#fae3d4;padding:0 .4rem;border-radius:.25rem}
figure.chart-figure{margin:1rem 0;overflow-x:auto}
figure.chart-figure svg{display:block;width:100%;max-width:46rem;height:auto}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.25rem}
dl.methods dt{font-weight:600;margin-top:.8rem}
dl.methods dd{margin:0 0 0 1rem}
.formula{font-family:"Cambria Math","STIX Two Math","Times New Roman",serif;font-size:1.02rem;overflow-x:auto}
ol.refs{font-size:.9rem;padding-left:1.4rem}
footer{padding:1rem 1.25rem 2rem;color:var(--muted);font-size:.85rem}
@media (max-width:600px){
  header.top{padding:1.25rem 1rem 1rem}
  header.top h1{font-size:1.45rem}
  main,nav.toc,footer{padding-left:1rem;padding-right:1rem}
  figure.chart-figure svg{min-width:34rem}
  table{font-size:.85rem}
  th,td{padding:.3rem .45rem}
}
@media print{
  @page{margin:15mm}
  body{font-size:10.5pt;color:#000}
  header.top{background:none;color:#000;padding:0 0 .5rem;border-bottom:2px solid #000}
  nav.toc,.downloads{display:none}
  main{padding:0}
  section{break-inside:auto;border:0}
  h2,h3{break-after:avoid}
  figure.chart-figure,tr,.card{break-inside:avoid}
  figure.chart-figure{overflow:visible}
  figure.chart-figure svg{min-width:0;max-width:100%}
  .table-wrap{overflow:visible}
  tbody tr:nth-child(even){background:none}
  a{color:#000;text-decoration:none}
}
`;
