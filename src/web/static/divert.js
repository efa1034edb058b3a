// Enhancements only: every page works without this script.
import { initAll } from '/static/nhsuk/nhsuk-frontend.min.js';

initAll();

// Warn before the idle time-out signs the user out, with a button that keeps the session.
const warning = document.getElementById('idle-warning');
if (warning) {
  const after = Number(warning.dataset.warningAfter);
  if (Number.isFinite(after)) {
    setTimeout(() => {
      warning.hidden = false;
      warning.querySelector('button')?.focus();
    }, after * 1000);
  }
}
