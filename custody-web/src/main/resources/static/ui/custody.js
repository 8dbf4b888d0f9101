// Custody's page behaviour. An ES module loaded by every page; no inline script anywhere (Content-Security-Policy).
import { initAll } from '/webjars/govuk-frontend/dist/govuk/govuk-frontend.min.js';

initAll();

// ---- The scan box -------------------------------------------------------------------------------------------------
// A USB barcode scanner is a keyboard: it types the code and Enter into whatever has focus. On pages with a scan box
// (data-scan-box), the box gets the focus on load unless a form error summary or another field asked for it, and
// typing while nothing editable has focus goes to the box, so a scan is never lost.
const scanBox = document.querySelector('[data-scan-box]');

function isEditable(element) {
  return element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

if (scanBox) {
  const summary = document.querySelector('.govuk-error-summary');
  const summaryTakesFocus = summary && summary.getAttribute('data-disable-auto-focus') !== 'true';
  const autofocus = document.querySelector('[autofocus]');
  if (!summaryTakesFocus && (!autofocus || autofocus === scanBox)) {
    scanBox.focus();
    scanBox.select();
  }
  document.addEventListener('keydown', (event) => {
    const printable = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
    if (printable && !isEditable(document.activeElement)) {
      scanBox.focus();
    }
  });
}

// ---- Countdowns ---------------------------------------------------------------------------------------------------
// <time data-countdown datetime="2026-12-01T10:00:00Z">due in 3h 20m</time>: the server renders the text, this keeps
// it current every 30 seconds. Overdue entries say so.
function human(ms) {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) {
    return `${days}d ${hours}h`;
  }
  return `${hours}h ${minutes % 60}m`;
}

function refreshCountdowns(root = document) {
  const now = Date.now();
  root.querySelectorAll('time[data-countdown]').forEach((element) => {
    const due = Date.parse(element.getAttribute('datetime'));
    if (Number.isNaN(due)) {
      return;
    }
    const left = due - now;
    element.textContent = left > 0 ? `due in ${human(left)}` : `overdue by ${human(left)}`;
    element.classList.toggle('custody-overdue', left <= 0);
  });
}

refreshCountdowns();
setInterval(refreshCountdowns, 30000);

// Parts of a page that htmx replaces get the same treatment as the page itself.
document.body.addEventListener('htmx:afterSwap', (event) => {
  refreshCountdowns(event.target);
  initAll({ scope: event.target });
});
