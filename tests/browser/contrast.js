// The contrast ratio (WCAG 2) of every visible element that holds text of its own, against the first opaque
// background behind it: [[ratio, "tag#id", "text…"], …], lowest first. Run by tests/browser/pages.py.
const channels = (s) => { const m = s.match(/rgba?\(([^)]+)\)/); return m ? m[1].split(/[ ,\/]+/).filter(Boolean).map(Number) : null; };
const linear = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
const luminance = (c) => 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2]);
const background = (el) => {
  for (; el; el = el.parentElement) {
    const c = channels(getComputedStyle(el).backgroundColor);
    if (c && (c.length < 4 || c[3] > 0)) return c;
  }
  return [255, 255, 255];
};
const seen = [];
for (const el of document.querySelectorAll("body *")) {
  const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const a = luminance(channels(getComputedStyle(el).color)), b = luminance(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  seen.push([Math.round(ratio * 100) / 100, el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""), el.textContent.trim().slice(0, 30)]);
}
return seen.sort((x, y) => x[0] - y[0]);
