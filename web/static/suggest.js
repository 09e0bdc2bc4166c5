// Search as you type: the box becomes an ARIA 1.2 combobox whose list offers the document numbers
// that start with what is typed (each opens its directive page), the best matching documents
// (each opens the document) and the search itself. Without JavaScript the box is a plain form.

const box = document.getElementById("q");
const form = box && box.closest("form");

function option(list, text, href, detail) {
  const li = document.createElement("li");
  li.setAttribute("role", "option");
  li.id = `goi-y-${list.children.length}`;
  li.dataset.href = href;
  li.textContent = text;
  if (detail) {
    const small = document.createElement("span");
    small.className = "detail";
    small.textContent = detail;
    li.append(small);
  }
  list.append(li);
}

function looksLikeNumber(text) {
  return /\d/.test(text) && /[\/-]/.test(text) && text.length <= 40;
}

if (box && form) {
  const list = document.createElement("ul");
  list.id = "goi-y";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Gợi ý");
  list.hidden = true;
  box.after(list);
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-controls", list.id);
  box.setAttribute("aria-expanded", "false");

  let active = -1;
  let pending = null;
  let timer = 0;

  const close = () => {
    list.hidden = true;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (i) => {
    const items = list.children;
    if (!items.length) return;
    active = (i + items.length) % items.length;
    for (const [k, li] of [...items].entries()) li.setAttribute("aria-selected", k === active ? "true" : "false");
    box.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  };
  const show = (q, reply) => {
    list.replaceChildren();
    const titles = new Set(reply.documents.map((d) => d.title));
    for (const c of reply.completions)
      if (!titles.has(c) && looksLikeNumber(c))
        option(list, c, `/directive/${encodeURIComponent(c)}`, "Văn bản được dẫn chiếu");
    for (const d of reply.documents) option(list, d.title, d.url, d.date ? d.date.split("-").reverse().join("/") : "");
    option(list, `Tìm “${q}”`, "", "");
    list.hidden = false;
    box.setAttribute("aria-expanded", "true");
    active = -1;
  };
  const ask = async () => {
    const q = box.value.trim();
    if (q.length < 2) return close();
    if (pending) pending.abort();
    pending = new AbortController();
    try {
      const res = await fetch(`/api/suggest?q=${encodeURIComponent(q)}`, { signal: pending.signal });
      if (!res.ok) return close();
      const reply = await res.json();
      if (box.value.trim() === q && document.activeElement === box) show(q, reply);
    } catch (e) {
      if (e.name !== "AbortError") close();
    }
  };
  const choose = (li) => {
    if (li.dataset.href) location.assign(li.dataset.href);
    else {
      close();
      form.requestSubmit();
    }
  };

  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 150);
  });
  box.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      choose(list.children[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });
  box.addEventListener("blur", () => setTimeout(close, 150));
  list.addEventListener("mousedown", (event) => {
    const li = event.target.closest("li[role=option]");
    if (li) {
      event.preventDefault();
      choose(li);
    }
  });
}
