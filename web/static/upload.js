// The upload page (/tai-len), enhanced: several files at once (picked or dropped), each sent by
// its own XMLHttpRequest to POST /api/documents with its progress, then what was extracted and a
// correction form sent as PATCH /api/documents/{id}. The session cookie goes with each request
// by itself (same origin); the CSRF token is the page's, sent in X-CSRF-Token. Without this file
// the page's plain form uploads one file.

const form = document.getElementById("upload-form");
const list = document.getElementById("uploads");
const template = document.getElementById("correction-template");

if (form && list && template) enhance();

function enhance() {
  const csrf = form.querySelector("input[name=csrf]").value;
  const input = form.querySelector("input[type=file]");
  input.multiple = true;
  input.required = false;
  form.querySelector(".drop-hint").hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendAll(input.files, csrf);
    form.reset();
  });
  input.addEventListener("change", () => {
    sendAll(input.files, csrf);
    form.reset();
  });
  form.addEventListener("dragover", (event) => {
    event.preventDefault();
    form.classList.add("dragging");
  });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (event) => {
    event.preventDefault();
    form.classList.remove("dragging");
    sendAll(event.dataTransfer.files, csrf);
  });
}

function sendAll(files, csrf) {
  for (const file of Array.from(files || [])) send(file, csrf);
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

// One file: its row, its progress bar, then its result.
function send(file, csrf) {
  const item = element("li", "upload-item");
  const name = element("p", "file-name", file.name);
  const progress = element("progress");
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute("aria-label", `Tiến độ tải lên ${file.name}`);
  const status = element("p", "upload-status", "Đang tải lên…");
  status.setAttribute("role", "status");
  item.append(name, progress, status);
  list.prepend(item);

  const body = new FormData();
  body.append("file", file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/api/documents");
  xhr.setRequestHeader("X-CSRF-Token", csrf);
  xhr.responseType = "json";
  xhr.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
  });
  xhr.upload.addEventListener("load", () => {
    progress.value = 100;
    status.textContent = "Đang đọc và lập chỉ mục…";
  });
  xhr.addEventListener("load", () => {
    const reply = xhr.response || {};
    if (xhr.status === 201 || xhr.status === 200) {
      item.classList.add("done");
      status.textContent = reply.duplicate ? "Văn bản đã có trong kho." : "Đã tải lên.";
      show(item, reply.document, csrf);
    } else {
      item.classList.add("failed");
      status.textContent = (reply.error && reply.error.message) || `Lỗi ${xhr.status}.`;
    }
  });
  xhr.addEventListener("error", () => {
    item.classList.add("failed");
    status.textContent = "Mất kết nối tới máy chủ; hãy thử lại.";
  });
  xhr.send(body);
}

const typeLabel = (select, slug) => {
  const option = Array.from(select.options).find((o) => o.value === slug);
  return option ? option.textContent : slug;
};

function dateText(doc) {
  if (doc.date) return doc.date.split("-").reverse().join("/");
  if (doc.date_estimated) return `${doc.date_estimated.split("-").reverse().join("/")} (ước tính)`;
  return "không rõ";
}

// The record's reviewable facts, by label.
function factsOf(doc, select) {
  return {
    "Tiêu đề": doc.title,
    "Ngày": dateText(doc),
    "Loại văn bản": typeLabel(select, doc.type),
    "Tỉnh/thành phố": (doc.provinces || []).join(", ") || "không rõ",
    "Văn bản dẫn chiếu": (doc.citations || []).map((c) => c.number).join(", ") || "không có",
  };
}

// What extraction found, and the form that corrects it.
function show(item, doc, csrf) {
  const correction = template.content.firstElementChild.cloneNode(true);
  const select = correction.querySelector("select[name=type]");
  const facts = element("dl", "extracted");
  for (const [label, value] of Object.entries(factsOf(doc, select))) {
    const dd = element("dd", "", value);
    dd.dataset.field = label;
    facts.append(element("dt", "", label), dd);
  }
  const open = element("a", "open", "Xem văn bản");
  open.href = `/d/${encodeURIComponent(doc.id)}`;
  const links = element("p", "links");
  links.append(open);
  if (doc.original && doc.original.url) {
    const original = element("a", "original", "Bản gốc");
    original.href = doc.original.url;
    links.append(" · ", original);
  }
  fill(correction, doc);
  correction.addEventListener("submit", (event) => {
    event.preventDefault();
    save(correction, doc, csrf, item);
  });
  item.append(facts, links, correction);
}

function fill(correction, doc) {
  correction.querySelector("input[name=id]").value = doc.id;
  correction.querySelector("input[name=title]").value = doc.title || "";
  correction.querySelector("input[name=date]").value = doc.date || "";
  correction.querySelector("select[name=type]").value = doc.type || "";
  correction.querySelector("input[name=provinces]").value = (doc.provinces || []).join(", ");
}

// Only what the user changed is sent: an untouched field keeps following the extraction.
function changes(correction, doc) {
  const value = (name) => correction.querySelector(`[name=${name}]`).value.trim();
  const fields = {};
  if (value("title") && value("title") !== doc.title) fields.title = value("title");
  if (value("date") && value("date") !== (doc.date || "")) fields.date = value("date");
  if (value("type") && value("type") !== doc.type) fields.type = value("type");
  const provinces = value("provinces").split(",").map((p) => p.trim()).filter(Boolean);
  if (provinces.join(", ") !== (doc.provinces || []).join(", ")) fields.provinces = provinces;
  return fields;
}

async function save(correction, doc, csrf, item) {
  const saved = correction.querySelector(".saved");
  const fields = changes(correction, doc);
  if (Object.keys(fields).length === 0) {
    saved.textContent = "Không có gì thay đổi.";
    return;
  }
  saved.textContent = "Đang lưu…";
  const reply = await fetch(`/api/documents/${encodeURIComponent(doc.id)}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: JSON.stringify(fields),
  }).catch(() => null);
  const body = reply ? await reply.json().catch(() => ({})) : {};
  if (!reply || !reply.ok) {
    saved.textContent = (body.error && body.error.message) || "Không lưu được; hãy thử lại.";
    return;
  }
  Object.assign(doc, body.document);
  const shown = factsOf(doc, correction.querySelector("select[name=type]"));
  for (const dd of item.querySelectorAll("dl.extracted dd"))
    if (dd.dataset.field in shown) dd.textContent = shown[dd.dataset.field];
  fill(correction, doc);
  saved.textContent = "Đã lưu sửa đổi.";
}
