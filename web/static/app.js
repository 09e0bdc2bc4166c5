// Progressive enhancement of the server-rendered pages: keyboard focus, live filters,
// permalink copying. Every page works without this file.

import "./suggest.js";

const search = document.getElementById("q");

// "/" focuses the search box, as on most search sites.
document.addEventListener("keydown", (event) => {
  const tag = (event.target.tagName || "").toLowerCase();
  if (event.key === "/" && !["input", "textarea", "select"].includes(tag) && search) {
    event.preventDefault();
    search.focus();
    search.select();
  }
});

// Facet checkboxes, dates and sort apply at once; the URL always reflects the state.
const filters = document.querySelector("form.filters");
// A date applies when the user leaves its field or presses Enter, never while typing: the
// browser reports "0002-01-01" as a valid value after the first digit of the year.
const plausibleDate = (input) => input.value === "" || Number(input.value.slice(0, 4)) >= 1900;
if (filters) {
  filters.addEventListener("change", (event) => {
    if (event.target.type !== "date") filters.requestSubmit();
  });
  for (const input of filters.querySelectorAll("input[type=date]")) {
    const applied = input.value;
    const apply = () => {
      if (input.value !== applied && plausibleDate(input)) filters.requestSubmit();
    };
    input.addEventListener("blur", apply);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        apply();
      }
    });
  }
  const apply = filters.querySelector(".apply");
  if (apply) apply.classList.add("visually-hidden");
}

// The search box keeps the current filters when the query changes.
const box = document.querySelector("form.searchbox");
if (box && filters && location.pathname === "/search") {
  box.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = new URLSearchParams(new FormData(filters));
    params.set("q", search.value);
    params.delete("page");
    location.assign("/search?" + params.toString());
  });
}

// "Sao chép liên kết": a permalink to the paragraph in view (or the one targeted).
const article = document.querySelector("article.document");
if (article) {
  const button = article.querySelector(".copy-link");
  const status = article.querySelector(".copied");
  const markdown = document.getElementById("wiki-md");
  const mediawiki = document.getElementById("wiki-mw");
  const base = new URL(location.pathname, location.origin).toString();
  const title = article.dataset.title;

  // The paragraph being read: the targeted one while it is on screen, else the one across the
  // reading line (a third down the window); none at the top of the page (the document itself).
  const currentParagraph = () => {
    const onScreen = (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    };
    const target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && onScreen(target)) return target.id;
    if (window.scrollY < 40) return "";
    const line = window.innerHeight / 3;
    let last = "";
    for (const p of article.querySelectorAll(".text p[id]")) {
      const r = p.getBoundingClientRect();
      if (r.top > line) return last || p.id;
      last = p.id;
      if (r.bottom >= line) return p.id;
    }
    return last;
  };
  const link = () => {
    const id = currentParagraph();
    return id ? `${base}#${id}` : base;
  };
  const refresh = () => {
    const url = link();
    markdown.value = `[${title}](${url})`;
    mediawiki.value = `[${url} ${title}]`;
    return url;
  };
  refresh();
  window.addEventListener("hashchange", refresh);
  let pending = 0;
  window.addEventListener("scroll", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(refresh);
  });
  button.addEventListener("click", async () => {
    const url = refresh();
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = "Đã sao chép: " + url;
    } catch {
      markdown.select();
      status.textContent = "Không sao chép tự động được; hãy sao chép thủ công: " + url;
    }
  });
}

// Opened from a search result: the first marked word is brought into view (unless the link
// targets a paragraph).
if (article && !location.hash && new URLSearchParams(location.search).has("hit")) {
  const first = article.querySelector(".text mark");
  if (first) first.scrollIntoView({ block: "center" });
}

// The province x year table opens at its newest years when it is wider than the screen; the
// province names stay in view (a sticky column).
for (const scroller of document.querySelectorAll(".matrix-scroll")) {
  scroller.scrollLeft = scroller.scrollWidth;
}
