/**
 * The help centre's one stylesheet: readable from 390 px up, text colours at WCAG AA contrast on
 * their backgrounds (#1a1a1a on white 17:1, white on the brand colour when that colour is dark),
 * logical properties so right-to-left pages mirror, and print styles without the chrome.
 */
export function helpStyles(primary: string): string {
  return `
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,sans-serif;color:#1a1a1a;background:#fff}
a{color:${primary}}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.top{background:${primary};padding:.75rem 1rem}
.brand{color:#fff;text-decoration:none;font-weight:700;display:flex;gap:.5rem;align-items:center}
.search{max-width:48rem;margin:1rem auto 0;padding:0 1rem}
.search label{display:block;font-weight:600}
.row{display:flex;gap:.5rem}
.row input[type=search]{flex:1;min-width:0;font:inherit;padding:.5rem;border:2px solid #595959;border-radius:4px}
button,.button{font:inherit;background:${primary};color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;text-decoration:none;display:inline-block}
.suggestions{list-style:none;padding:0;margin:.25rem 0 0}
.suggestions:empty{display:none}
.suggestions li{border-bottom:1px solid #ddd;padding:.25rem 0}
main,footer{max-width:48rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.75rem;line-height:1.25}
h2{font-size:1.3rem}
.snippet{color:#3d3d3d;margin:.25rem 0 1rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;padding:.4rem;border-bottom:1px solid #ddd;vertical-align:top}
.branch{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
footer{border-top:1px solid #ddd;margin-top:2rem;padding-bottom:2rem}
footer h2{font-size:1rem}
.languages{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;list-style:none}
.contact{display:flex;flex-wrap:wrap;gap:.5rem}
@media print{.top,.search,footer,.contact{display:none}body{font-size:12pt;color:#000}a{color:#000}a[href^="http"]::after{content:" (" attr(href) ")"}}
`;
}
