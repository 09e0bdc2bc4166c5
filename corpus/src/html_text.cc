// HTML to text blocks: walks the gumbo tree, skipping non-content elements.
#include "html_text.h"

#include <gumbo.h>

#include <cstring>
#include <memory>

namespace tracuu::corpus {
namespace {

// Readers refuse HTML nested deeper than 400 (reader.h); walks stop far below any stack limit
// even if that estimate is beaten.
constexpr int kMaxWalkDepth = 1000;

bool skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
      return true;
    default:
      return false;
  }
}

// Class or id naming page furniture (menus, share bars, related-news boxes).
bool furniture(const GumboElement& el) {
  static const char* kWords[] = {"menu",       "nav",     "footer",  "sidebar", "share", "social",
                                 "breadcrumb", "related", "comment", "banner",  "advert"};
  for (const char* attr : {"class", "id", "role"}) {
    const GumboAttribute* a = gumbo_get_attribute(&el.attributes, attr);
    if (!a) continue;
    std::string v = a->value;
    for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : kWords)
      if (v.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string collapse(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

struct Walker {
  HtmlText out;
  std::string current;
  Paragraph::Kind kind = Paragraph::Kind::kBody;

  void flush() {
    std::string text = collapse(current);
    if (!text.empty()) out.blocks.push_back({kind, text});
    current.clear();
    kind = Paragraph::Kind::kBody;
  }

  static std::string text_of(const GumboNode* node, int depth = 0) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE)
      return node->v.text.text;
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxWalkDepth) return "";
    std::string s;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i)
      s += text_of(static_cast<const GumboNode*>(children.data[i]), depth + 1);
    return s;
  }

  void head(const GumboNode* node, int depth = 0) {
    if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxWalkDepth) return;
    const GumboElement& el = node->v.element;
    if (el.tag == GUMBO_TAG_TITLE) out.title = collapse(text_of(node));
    if (el.tag == GUMBO_TAG_META) {
      const GumboAttribute* prop = gumbo_get_attribute(&el.attributes, "property");
      if (!prop) prop = gumbo_get_attribute(&el.attributes, "name");
      if (!prop) prop = gumbo_get_attribute(&el.attributes, "itemprop");
      const GumboAttribute* content = gumbo_get_attribute(&el.attributes, "content");
      if (prop && content) {
        std::string p = prop->value;
        if (p == "og:title") out.og_title = content->value;
        if (p == "og:url") out.url = content->value;
        if (p == "og:site_name") out.site = content->value;
        if (p == "article:published_time" || p == "datePublished" || p == "pubdate" ||
            p == "date" || p == "dc.date")
          out.published = content->value;
      }
    }
    if (el.tag == GUMBO_TAG_LINK) {
      const GumboAttribute* rel = gumbo_get_attribute(&el.attributes, "rel");
      const GumboAttribute* href = gumbo_get_attribute(&el.attributes, "href");
      if (rel && href && std::strcmp(rel->value, "canonical") == 0 && !out.url)
        out.url = href->value;
    }
    for (unsigned i = 0; i < el.children.length; ++i)
      head(static_cast<const GumboNode*>(el.children.data[i]), depth + 1);
  }

  void body(const GumboNode* node, int depth) {
    if (depth > kMaxWalkDepth) return;
    if (node->type == GUMBO_NODE_TEXT) {
      current += node->v.text.text;
      return;
    }
    if (node->type == GUMBO_NODE_WHITESPACE) {
      current += ' ';
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& el = node->v.element;
    if (skipped(el.tag) || furniture(el)) return;
    if (el.tag == GUMBO_TAG_TIME && !out.published) {
      if (const GumboAttribute* dt = gumbo_get_attribute(&el.attributes, "datetime"))
        out.published = dt->value;
    }
    bool block = is_block(el.tag);
    if (block) flush();
    if (el.tag == GUMBO_TAG_H1 && !out.h1) out.h1 = collapse(text_of(node));
    if (el.tag == GUMBO_TAG_FIGCAPTION) kind = Paragraph::Kind::kCaption;
    if (el.tag >= GUMBO_TAG_H1 && el.tag <= GUMBO_TAG_H6) kind = Paragraph::Kind::kHeading;
    for (unsigned i = 0; i < el.children.length; ++i)
      body(static_cast<const GumboNode*>(el.children.data[i]), depth + 1);
    if (block) flush();
  }
};

}  // namespace

HtmlText html_to_text(const std::string& html) {
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> parsed(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  Walker w;
  w.head(parsed->root);
  w.body(parsed->root, 0);
  w.flush();
  return std::move(w.out);
}

}  // namespace tracuu::corpus
