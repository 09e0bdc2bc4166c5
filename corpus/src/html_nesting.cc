// HTML nesting estimate: a stack of open tags driven by a minimal tokenizer (comments, raw text
// elements and quoted attribute values skipped) and the HTML5 rules that pop elements.
#include "html_nesting.h"

#include <gumbo.h>

#include <bitset>
#include <cctype>
#include <initializer_list>
#include <vector>

namespace tracuu::corpus {
namespace {

constexpr std::size_t npos = static_cast<std::size_t>(-1);

using TagSet = std::bitset<GUMBO_TAG_LAST + 1>;

TagSet tag_set(std::initializer_list<GumboTag> tags) {
  TagSet set;
  for (GumboTag t : tags) set.set(t);
  return set;
}

bool is_heading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

// Elements that end a scope search (the spec's "has an element in scope").
bool scope_barrier(GumboTag t) {
  static const TagSet kTags =
      tag_set({GUMBO_TAG_APPLET, GUMBO_TAG_CAPTION, GUMBO_TAG_HTML, GUMBO_TAG_TABLE, GUMBO_TAG_TD,
               GUMBO_TAG_TH, GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_MI,
               GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT, GUMBO_TAG_ANNOTATION_XML,
               GUMBO_TAG_FOREIGNOBJECT, GUMBO_TAG_DESC});
  return kTags[t];
}
bool button_barrier(GumboTag t) { return t == GUMBO_TAG_BUTTON || scope_barrier(t); }
bool list_barrier(GumboTag t) { return t == GUMBO_TAG_OL || t == GUMBO_TAG_UL || scope_barrier(t); }
bool table_barrier(GumboTag t) {
  return t == GUMBO_TAG_HTML || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TEMPLATE;
}

// The spec's "special" category: an unmatched end tag stops at them.
bool is_special(GumboTag t) {
  static const TagSet kTags =
      tag_set({GUMBO_TAG_ADDRESS,    GUMBO_TAG_APPLET,    GUMBO_TAG_AREA,     GUMBO_TAG_ARTICLE,
               GUMBO_TAG_ASIDE,      GUMBO_TAG_BASE,      GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
               GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,      GUMBO_TAG_BR,       GUMBO_TAG_BUTTON,
               GUMBO_TAG_CAPTION,    GUMBO_TAG_CENTER,    GUMBO_TAG_COL,      GUMBO_TAG_COLGROUP,
               GUMBO_TAG_DD,         GUMBO_TAG_DETAILS,   GUMBO_TAG_DIR,      GUMBO_TAG_DIV,
               GUMBO_TAG_DL,         GUMBO_TAG_DT,        GUMBO_TAG_EMBED,    GUMBO_TAG_FIELDSET,
               GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,    GUMBO_TAG_FOOTER,   GUMBO_TAG_FORM,
               GUMBO_TAG_FRAME,      GUMBO_TAG_FRAMESET,  GUMBO_TAG_H1,       GUMBO_TAG_H2,
               GUMBO_TAG_H3,         GUMBO_TAG_H4,        GUMBO_TAG_H5,       GUMBO_TAG_H6,
               GUMBO_TAG_HEAD,       GUMBO_TAG_HEADER,    GUMBO_TAG_HGROUP,   GUMBO_TAG_HR,
               GUMBO_TAG_HTML,       GUMBO_TAG_IFRAME,    GUMBO_TAG_IMG,      GUMBO_TAG_INPUT,
               GUMBO_TAG_ISINDEX,    GUMBO_TAG_LI,        GUMBO_TAG_LINK,     GUMBO_TAG_LISTING,
               GUMBO_TAG_MAIN,       GUMBO_TAG_MARQUEE,   GUMBO_TAG_MENU,     GUMBO_TAG_MENUITEM,
               GUMBO_TAG_META,       GUMBO_TAG_NAV,       GUMBO_TAG_NOEMBED,  GUMBO_TAG_NOFRAMES,
               GUMBO_TAG_NOSCRIPT,   GUMBO_TAG_OBJECT,    GUMBO_TAG_OL,       GUMBO_TAG_P,
               GUMBO_TAG_PARAM,      GUMBO_TAG_PLAINTEXT, GUMBO_TAG_PRE,      GUMBO_TAG_SCRIPT,
               GUMBO_TAG_SECTION,    GUMBO_TAG_SELECT,    GUMBO_TAG_SOURCE,   GUMBO_TAG_STYLE,
               GUMBO_TAG_SUMMARY,    GUMBO_TAG_TABLE,     GUMBO_TAG_TBODY,    GUMBO_TAG_TD,
               GUMBO_TAG_TEMPLATE,   GUMBO_TAG_TEXTAREA,  GUMBO_TAG_TFOOT,    GUMBO_TAG_TH,
               GUMBO_TAG_THEAD,      GUMBO_TAG_TITLE,     GUMBO_TAG_TR,       GUMBO_TAG_TRACK,
               GUMBO_TAG_UL,         GUMBO_TAG_WBR,       GUMBO_TAG_XMP});
  return kTags[t] || scope_barrier(t);
}

bool is_void(GumboTag t) {
  static const TagSet kTags =
      tag_set({GUMBO_TAG_AREA,     GUMBO_TAG_BASE,  GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
               GUMBO_TAG_BR,       GUMBO_TAG_COL,   GUMBO_TAG_EMBED,    GUMBO_TAG_FRAME,
               GUMBO_TAG_HR,       GUMBO_TAG_IMAGE, GUMBO_TAG_IMG,      GUMBO_TAG_INPUT,
               GUMBO_TAG_KEYGEN,   GUMBO_TAG_LINK,  GUMBO_TAG_META,     GUMBO_TAG_PARAM,
               GUMBO_TAG_SOURCE,   GUMBO_TAG_TRACK, GUMBO_TAG_WBR,      GUMBO_TAG_ISINDEX,
               GUMBO_TAG_MENUITEM, GUMBO_TAG_SPACER});
  return kTags[t];
}

// Start tags that close an open p first ("close a p element" in the spec).
bool closes_p(GumboTag t) {
  static const TagSet kTags =
      tag_set({GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,  GUMBO_TAG_ASIDE,      GUMBO_TAG_BLOCKQUOTE,
               GUMBO_TAG_CENTER,  GUMBO_TAG_DETAILS,  GUMBO_TAG_DIR,        GUMBO_TAG_DIV,
               GUMBO_TAG_DL,      GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
               GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER,   GUMBO_TAG_HGROUP,     GUMBO_TAG_MAIN,
               GUMBO_TAG_MENU,    GUMBO_TAG_NAV,      GUMBO_TAG_OL,         GUMBO_TAG_P,
               GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY,  GUMBO_TAG_UL,         GUMBO_TAG_PRE,
               GUMBO_TAG_LISTING, GUMBO_TAG_FORM,     GUMBO_TAG_TABLE,      GUMBO_TAG_XMP,
               GUMBO_TAG_HR,      GUMBO_TAG_LI,       GUMBO_TAG_DD,         GUMBO_TAG_DT});
  return kTags[t] || is_heading(t);
}

// Elements whose text runs to their end tag without markup.
bool is_raw_text(GumboTag t) {
  static const TagSet kTags =
      tag_set({GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME,
               GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE});
  return kTags[t];
}

// HTML start tags that leave svg/math content (the spec's breakout list).
bool breaks_out_of_foreign(GumboTag t) {
  static const TagSet kTags = tag_set(
      {GUMBO_TAG_B,      GUMBO_TAG_BIG,  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,    GUMBO_TAG_BR,
       GUMBO_TAG_CENTER, GUMBO_TAG_CODE, GUMBO_TAG_DD,         GUMBO_TAG_DIV,     GUMBO_TAG_DL,
       GUMBO_TAG_DT,     GUMBO_TAG_EM,   GUMBO_TAG_EMBED,      GUMBO_TAG_HEAD,    GUMBO_TAG_HR,
       GUMBO_TAG_I,      GUMBO_TAG_IMG,  GUMBO_TAG_LI,         GUMBO_TAG_LISTING, GUMBO_TAG_MENU,
       GUMBO_TAG_META,   GUMBO_TAG_NOBR, GUMBO_TAG_OL,         GUMBO_TAG_P,       GUMBO_TAG_PRE,
       GUMBO_TAG_RUBY,   GUMBO_TAG_S,    GUMBO_TAG_SMALL,      GUMBO_TAG_SPAN,    GUMBO_TAG_STRONG,
       GUMBO_TAG_STRIKE, GUMBO_TAG_SUB,  GUMBO_TAG_SUP,        GUMBO_TAG_TABLE,   GUMBO_TAG_TT,
       GUMBO_TAG_U,      GUMBO_TAG_UL,   GUMBO_TAG_VAR,        GUMBO_TAG_FONT});
  return kTags[t] || is_heading(t);
}

// The stack of open elements, as the tree builder would keep it.
class OpenElements {
 public:
  OpenElements() : stack_{GUMBO_TAG_HTML, GUMBO_TAG_BODY} {}
  std::size_t max_depth() const { return max_; }

  void start(GumboTag t, bool self_closing) {
    if (foreign_root_ != npos) {
      if (!breaks_out_of_foreign(t)) {
        if (!self_closing) push(t);
        return;
      }
      stack_.resize(foreign_root_);
      foreign_root_ = npos;
    }
    if (is_void(t)) {
      if (t == GUMBO_TAG_HR) close_p();
      return;
    }
    switch (t) {
      case GUMBO_TAG_HTML:
      case GUMBO_TAG_HEAD:
      case GUMBO_TAG_BODY:
      case GUMBO_TAG_FRAMESET:
        return;  // merged into the ones already open
      case GUMBO_TAG_SVG:
      case GUMBO_TAG_MATH:
        if (self_closing) return;
        foreign_root_ = stack_.size();
        push(t);
        return;
      default:
        break;
    }
    if (!open_table_part(t)) return;
    close_implied(t);
    push(t);
  }

  void end(GumboTag t) {
    if (foreign_root_ != npos) {
      std::size_t i = find(t, [](GumboTag) { return false; });
      if (i != npos && i >= foreign_root_) {
        stack_.resize(i);
        if (i == foreign_root_) foreign_root_ = npos;
        return;
      }
    }
    switch (t) {
      case GUMBO_TAG_HTML:
      case GUMBO_TAG_BODY:
      case GUMBO_TAG_HEAD:
        return;
      case GUMBO_TAG_P:
        return pop_to(find(t, button_barrier));
      case GUMBO_TAG_LI:
        return pop_to(find(t, list_barrier));
      case GUMBO_TAG_TABLE:
      case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT:
      case GUMBO_TAG_TR:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH:
      case GUMBO_TAG_CAPTION:
      case GUMBO_TAG_COLGROUP:
        return pop_to(find(t, table_barrier));
      default:
        break;
    }
    if (is_heading(t)) return pop_to(find_if(is_heading, scope_barrier));
    // Block end tags close everything above their element; any other (span, b, ...) stops at
    // a special element, where the tree builder ignores it or keeps the depth (adoption agency).
    if (is_special(t)) return pop_to(find(t, scope_barrier));
    pop_to(find(t, is_special));
  }

 private:
  void push(GumboTag t) {
    stack_.push_back(t);
    if (stack_.size() > max_) max_ = stack_.size();
  }
  void pop_to(std::size_t i) {  // pops the element at i and all above it
    if (i != npos) stack_.resize(i);
  }
  template <typename Match, typename Barrier>
  std::size_t find_if(Match match, Barrier barrier) const {
    for (std::size_t i = stack_.size(); i-- > 0;) {
      if (match(stack_[i])) return i;
      if (barrier(stack_[i])) return npos;
    }
    return npos;
  }
  template <typename Barrier>
  std::size_t find(GumboTag t, Barrier barrier) const {
    return find_if([t](GumboTag s) { return s == t; }, barrier);
  }
  GumboTag top() const { return stack_.back(); }

  void close_p() { pop_to(find(GUMBO_TAG_P, button_barrier)); }

  // What a start tag closes before it opens: an open p, a previous list item or option.
  void close_implied(GumboTag t) {
    if (t == GUMBO_TAG_LI || t == GUMBO_TAG_DD || t == GUMBO_TAG_DT) {
      auto same_item = [t](GumboTag s) {
        return t == GUMBO_TAG_LI ? s == GUMBO_TAG_LI : s == GUMBO_TAG_DD || s == GUMBO_TAG_DT;
      };
      pop_to(find_if(same_item, [](GumboTag s) {
        return is_special(s) && s != GUMBO_TAG_ADDRESS && s != GUMBO_TAG_DIV && s != GUMBO_TAG_P;
      }));
    }
    if (closes_p(t)) close_p();
    if (is_heading(t) && is_heading(top())) stack_.pop_back();
    if ((t == GUMBO_TAG_OPTION || t == GUMBO_TAG_OPTGROUP) && top() == GUMBO_TAG_OPTION)
      stack_.pop_back();
    if (t == GUMBO_TAG_A) pop_to(find(GUMBO_TAG_A, is_special));
  }

  // Table parts go where the tree builder puts them (an implied tbody and tr included); outside
  // a table they are ignored. False when the tag opens nothing.
  bool open_table_part(GumboTag t) {
    switch (t) {
      case GUMBO_TAG_CAPTION:
      case GUMBO_TAG_COLGROUP:
      case GUMBO_TAG_TBODY:
      case GUMBO_TAG_THEAD:
      case GUMBO_TAG_TFOOT: {
        std::size_t table = find(GUMBO_TAG_TABLE, table_barrier);
        if (table == npos) return false;
        stack_.resize(table + 1);
        return true;
      }
      case GUMBO_TAG_TR:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_TH: {
        std::size_t i = find_if(
            [](GumboTag s) {
              return s == GUMBO_TAG_TR || s == GUMBO_TAG_TBODY || s == GUMBO_TAG_THEAD ||
                     s == GUMBO_TAG_TFOOT || s == GUMBO_TAG_TABLE;
            },
            [](GumboTag s) { return s == GUMBO_TAG_HTML || s == GUMBO_TAG_TEMPLATE; });
        if (i == npos) return false;
        GumboTag found = stack_[i];
        bool row = t == GUMBO_TAG_TR;
        stack_.resize(found == GUMBO_TAG_TR && row ? i : i + 1);
        if (found == GUMBO_TAG_TABLE) push(GUMBO_TAG_TBODY);
        if (!row && found != GUMBO_TAG_TR) push(GUMBO_TAG_TR);
        return true;
      }
      default:
        return true;
    }
  }

  std::vector<GumboTag> stack_;
  std::size_t max_ = 2;
  std::size_t foreign_root_ = npos;  // index of the outermost open svg/math
};

bool name_char(char c) {
  return c != '>' && c != '/' && !std::isspace(static_cast<unsigned char>(c));
}

bool ascii_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Where a tag's attributes end (at '>', quoted values skipped); sets `self_closing`.
std::size_t tag_end(std::string_view html, std::size_t i, bool& self_closing) {
  bool after_equals = false;
  for (; i < html.size(); ++i) {
    char c = html[i];
    if (c == '>') {
      self_closing = html[i - 1] == '/';
      return i + 1;
    }
    if ((c == '"' || c == '\'') && after_equals) {
      i = html.find(c, i + 1);
      if (i == std::string_view::npos) return html.size();
      after_equals = false;
    } else if (c == '=') {
      after_equals = true;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      after_equals = false;
    }
  }
  return html.size();
}

// After a raw text element's start tag: the position of its end tag (case-insensitive).
std::size_t raw_text_end(std::string_view html, std::size_t i, GumboTag t) {
  while ((i = html.find("</", i)) != std::string_view::npos) {
    std::size_t j = i + 2;
    while (j < html.size() && name_char(html[j])) ++j;
    if (gumbo_tagn_enum(html.data() + i + 2, static_cast<unsigned>(j - i - 2)) == t) return i;
    i += 2;
  }
  return html.size();
}

}  // namespace

std::size_t html_nesting_depth(std::string_view html, std::size_t stop_above) {
  OpenElements open;
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos && open.max_depth() <= stop_above) {
    if (html.compare(i, 4, "<!--") == 0) {
      std::size_t close = html.find("-->", i + 4);
      i = close == std::string_view::npos ? html.size() : close + 3;
      continue;
    }
    bool end_tag = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t name = i + 1 + (end_tag ? 1 : 0);
    if (name >= html.size() || !ascii_alpha(html[name])) {
      // <!doctype>, <?xml ?>, </ 3>: skipped to their '>'; a lone '<' is text.
      bool markup = name < html.size() && (html[i + 1] == '!' || html[i + 1] == '?' || end_tag);
      std::size_t close = markup ? html.find('>', i) : i;
      i = close == std::string_view::npos ? html.size() : close + 1;
      continue;
    }
    std::size_t name_end = name;
    while (name_end < html.size() && name_char(html[name_end])) ++name_end;
    GumboTag t = gumbo_tagn_enum(html.data() + name, static_cast<unsigned>(name_end - name));
    bool self_closing = false;
    i = tag_end(html, name_end, self_closing);
    if (end_tag) {
      open.end(t);
      continue;
    }
    if (t == GUMBO_TAG_PLAINTEXT) break;  // the rest of the document is text
    open.start(t, self_closing);
    if (is_raw_text(t)) {
      i = raw_text_end(html, i, t);
      open.end(t);
    }
  }
  return open.max_depth();
}

}  // namespace tracuu::corpus
