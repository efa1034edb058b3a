// Enhancements only: every page works without this script.
import { initAll } from '/static/nhsuk/nhsuk-frontend.min.js';

initAll();

// The design system marks radios that reveal a field with aria-expanded, which a radio may not carry
// (WCAG 4.1.2: screen readers announce the revealed field anyway). Remove it whenever the design system sets it.
const stripRadioExpanded = () => document.querySelectorAll('input[type="radio"][aria-expanded]').forEach((radio) => radio.removeAttribute('aria-expanded'));
stripRadioExpanded();
for (const event of ['change', 'click']) document.addEventListener(event, stripRadioExpanded);
window.addEventListener('pageshow', stripRadioExpanded);

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
