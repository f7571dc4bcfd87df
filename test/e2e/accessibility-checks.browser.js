// Accessibility checks run inside the browser page (see letter-accessibility.test.ts). Plain JavaScript so the
// TypeScript project needs no DOM types; written for OpenIMR, no axe package.
window.openimrAccessibilityFindings = () => {
  const findings = [];
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}> "${(el.textContent ?? "").trim().slice(0, 40)}"`;

  // 1. The document's language is stated (WCAG 3.1.1).
  if (!document.documentElement.getAttribute("lang")?.trim()) findings.push({ check: "lang", detail: "<html> has no lang attribute" });
  if (!document.title.trim()) findings.push({ check: "title", detail: "the document has no title" });

  // 2. Exactly one h1; 3. headings never skip a level going down (WCAG 1.3.1).
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1s = headings.filter((h) => h.tagName === "H1").length;
  if (h1s !== 1) findings.push({ check: "one-h1", detail: `${h1s} h1 elements` });
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    if (previous === 0 && level !== 1) findings.push({ check: "heading-order", detail: `the first heading is ${describe(h)}, not an h1` });
    if (previous > 0 && level > previous + 1) findings.push({ check: "heading-order", detail: `${describe(h)} follows an h${previous}` });
    if (!(h.textContent ?? "").trim()) findings.push({ check: "heading-order", detail: `${describe(h)} is empty` });
    previous = level;
  }

  // 4. Every section (region) has a name: aria-labelledby pointing at text, or aria-label.
  for (const section of document.querySelectorAll("section, [role=region]")) {
    const ids = section.getAttribute("aria-labelledby")?.split(/\s+/).filter(Boolean) ?? [];
    const labelled = ids
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
      .join(" ")
      .trim();
    if (!labelled && !section.getAttribute("aria-label")?.trim())
      findings.push({ check: "section-label", detail: `${describe(section)} has no accessible name` });
  }
  if (document.querySelectorAll("main, [role=main]").length !== 1) findings.push({ check: "landmarks", detail: "the page needs exactly one main landmark" });

  // 5. Text contrast: every element holding text has at least 4.5:1 against its background (3:1 for large text; WCAG 1.4.3).
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const parse = (color) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 1];
    const parts = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0], parts[1], parts[2], parts[3] ?? 1];
  };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const [r, g, b, a] = parse(getComputedStyle(e).backgroundColor);
      if (a > 0) return [r, g, b];
    }
    return [255, 255, 255];
  };
  for (const el of document.body.querySelectorAll("*")) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim());
    if (!ownText) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const fg = parse(style.color);
    const bg = background(el);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) findings.push({ check: "contrast", detail: `${describe(el)} has contrast ${ratio.toFixed(2)}:1` });
  }

  // 6. Elements that need an accessible name have one: links, buttons, images, form controls, frames.
  const nameOf = (el) => {
    const labelledBy = el
      .getAttribute("aria-labelledby")
      ?.split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" ");
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : undefined;
    return [
      el.getAttribute("aria-label"),
      labelledBy,
      el.getAttribute("alt"),
      el.getAttribute("title"),
      label,
      el.closest("label")?.textContent,
      ["IMG", "INPUT", "SELECT", "TEXTAREA", "IFRAME"].includes(el.tagName) ? "" : el.textContent,
    ]
      .map((s) => s?.trim() ?? "")
      .find((s) => s.length > 0);
  };
  for (const el of document.querySelectorAll("a[href], button, img, input:not([type=hidden]), select, textarea, iframe, [role=button], [role=link]")) {
    if (el.tagName === "IMG" && el.getAttribute("alt") === "") continue; // decorative image, explicitly
    if (!nameOf(el)) findings.push({ check: "accessible-name", detail: `${describe(el)} has no accessible name` });
  }
  return findings;
};
