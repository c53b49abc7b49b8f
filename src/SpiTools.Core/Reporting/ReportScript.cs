using System;
using System.Security.Cryptography;
using System.Text;

namespace SpiTools.Reporting
{
    /// <summary>
    /// The page's only script, inline and allowed by its hash alone (the Content-Security-Policy names it, so no other
    /// script can run, and nothing is fetched): it shows the device table's tools, sorts the table by the column whose
    /// heading is clicked, filters its rows by text and status, and expands or collapses every device section. The page
    /// reads the same without it: the tools stay hidden, the table stays worst first, and each section opens by itself.
    /// </summary>
    internal static class ReportScript
    {
        public const string Code = @"(function () {
'use strict';
var table = document.getElementById('fleet-table');
if (!table) return;
var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows), heads = table.tHead.rows[0].cells;
document.getElementById('fleet-tools').hidden = false;
function key(row, i) {
  var cell = row.cells[i], v = cell.getAttribute('data-sort');
  if (v === null) v = cell.textContent.trim();
  var n = Number(v.replace(/,/g, ''));
  return v !== '' && !isNaN(n) ? n : v.toLowerCase();
}
function sortBy(i) {
  var th = heads[i], ascending = th.getAttribute('aria-sort') !== 'ascending';
  Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  rows.sort(function (a, b) {
    var x = key(a, i), y = key(b, i), r;
    if (typeof x === 'number' && typeof y === 'number') r = x - y;
    else r = String(x).localeCompare(String(y));
    if (r === 0) return Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
    return ascending ? r : -r;
  });
  rows.forEach(function (r) { body.appendChild(r); });
}
Array.prototype.forEach.call(heads, function (th, i) {
  var b = document.createElement('button');
  b.type = 'button';
  b.className = 'sort';
  b.textContent = th.textContent;
  b.title = 'Sort by ' + th.textContent;
  th.textContent = '';
  th.appendChild(b);
  b.addEventListener('click', function () { sortBy(i); });
});
var text = document.getElementById('fleet-filter'), status = document.getElementById('fleet-status'), shown = document.getElementById('fleet-shown');
function filter() {
  var q = text.value.trim().toLowerCase(), s = status.value, n = 0;
  rows.forEach(function (r) {
    var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!s || r.getAttribute('data-status') === s);
    r.hidden = !ok;
    if (ok) n++;
  });
  shown.textContent = n + ' of ' + rows.length + ' devices shown';
}
text.addEventListener('input', filter);
status.addEventListener('change', filter);
filter();
function all(open) {
  Array.prototype.forEach.call(document.querySelectorAll('details.dev'), function (d) { d.open = open; });
}
document.getElementById('expand-all').addEventListener('click', function () { all(true); });
document.getElementById('collapse-all').addEventListener('click', function () { all(false); });
window.addEventListener('hashchange', function () {
  var target = location.hash && document.getElementById(location.hash.slice(1));
  var d = target && target.querySelector('details.dev');
  if (d) d.open = true;
});
})();
";

        /// <summary>The CSP source that allows exactly this script: <c>'sha256-…'</c> of its text.</summary>
        public static readonly string Hash = ComputeHash();

        private static string ComputeHash()
        {
            using var sha = SHA256.Create();
            return "'sha256-" + Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(Code))) + "'";
        }
    }
}
