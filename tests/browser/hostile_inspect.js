// Run in the page by test_hostile_input.py: everything that would show that a payload became
// markup or ran. Returns a list of problems; empty when the page is clean.
(expected) => {
  const bad = [];
  if (typeof window.__xss !== "undefined") bad.push("window.__xss is set");
  if (document.getElementById("pwned")) bad.push("an element with id pwned");
  for (const s of document.scripts) {
    if (s.type === "application/ld+json") {  // structured data: a data block, never run
      try { JSON.parse(s.textContent); } catch (e) { bad.push("JSON-LD that does not parse: " + s.textContent.slice(0, 80)); }
      continue;
    }
    const src = s.getAttribute("src") || "";
    if (!src.startsWith("/static/") || s.textContent.trim()) bad.push("script: " + (src || s.textContent.slice(0, 80)));
  }
  const SCRIPT_URL = /^(javascript|vbscript|data):/i;
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on")) bad.push(`<${el.tagName} ${a.name}>`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(a.name)
          && SCRIPT_URL.test(a.value.replace(/[\u0000-\u0020]/g, ""))) bad.push(`<${el.tagName} ${a.name}=${a.value.slice(0, 60)}>`);
      if (a.name === "style") bad.push(`<${el.tagName} style>`);
    }
  }
  const dangerous = "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], svg, math, style, template, noscript, form, input, button, textarea, select, img, video, audio, link, marquee, details";
  const words = ".comment-text, .comment-author, .headline, .standfirst, .meta, .story-body p, .story-body li, .story-body td, .story-body th, .story-body blockquote, figcaption";
  for (const holder of document.querySelectorAll(words)) {
    for (const el of holder.querySelectorAll(dangerous)) bad.push(`<${el.tagName}> inside .${holder.className}`);
  }
  for (const el of document.querySelectorAll(".comment-text *")) {
    if (!["P", "BR", "A"].includes(el.tagName)) bad.push(`<${el.tagName}> in a comment's text`);
  }
  for (const el of document.querySelectorAll(".comment-author *")) bad.push(`<${el.tagName}> in a name`);
  const squeeze = (s) => s.replace(/\s+/g, "");
  for (const [id, [name, text]] of Object.entries(expected.comments || {})) {
    const by = document.getElementById(`comment-${id}-by`);
    const body = document.querySelector(`#comment-${id} .comment-text`);
    if (!by || !body) { bad.push(`comment ${id} is missing`); continue; }
    if (by.textContent !== name) bad.push(`comment ${id}: name shown as ${JSON.stringify(by.textContent.slice(0, 80))}`);
    if (squeeze(body.textContent) !== squeeze(text)) bad.push(`comment ${id}: text shown as ${JSON.stringify(body.textContent.slice(0, 80))}`);
  }
  if (expected.count !== undefined) {
    const n = document.querySelectorAll("article.comment").length;
    if (n !== expected.count) bad.push(`${n} comments on the page, ${expected.count} expected`);
  }
  if (expected.headline !== undefined) {
    const h = document.querySelector("h1.headline");
    if (!h || h.textContent !== expected.headline) bad.push("headline shown as " + (h && JSON.stringify(h.textContent.slice(0, 80))));
  }
  return bad;
}
