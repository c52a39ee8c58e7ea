// Put the cursor in the field the editor's finder jumped to. The data lists element classes to
// try in order ("st-key-f-audio-output-speed", then the choices above it); Streamlit draws the
// section at the same time as this element, so look again on each frame for up to two seconds.
// Each jump has its own nonce, so a rerun never moves the cursor again.
// The control itself before any button around it (a help "?" comes first in the DOM).
const FOCUSABLE = [
  "input:not([type=hidden])", "textarea", "[role=slider]", "[role=combobox]", "[role=radio]", "[role=switch]",
  "button:not([aria-label^='Help for'])",
];

function find(cls) {
  for (const box of document.querySelectorAll(`[class*="${cls}"]`)) {
    if (/-reset(\s|$)/.test(box.className)) continue;
    for (const selector of FOCUSABLE) {
      const target = box.matches(selector) ? box : box.querySelector(selector);
      if (target && !target.disabled) return target;
    }
  }
  return null;
}

const DONE = new WeakMap();  // per mounted element (a shadow root has no dataset): the last nonce handled

export default function (component) {
  const { data, parentElement } = component;
  if (!data || !data.classes || DONE.get(parentElement) === data.nonce) return;
  DONE.set(parentElement, data.nonce);
  const started = performance.now();
  const attempt = () => {
    const waited = performance.now() - started;
    // The setting's own widget gets a second to appear; then the nearest choice above it that is drawn.
    const classes = waited < 1000 ? data.classes.slice(0, 1) : data.classes;
    for (const cls of classes) {
      const target = find(cls);
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
        return;
      }
    }
    if (waited < 2500) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}
