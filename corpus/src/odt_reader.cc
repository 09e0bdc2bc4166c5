// .odt: content.xml (paragraphs, headings, lists, sections, tables, notes).
#include <cstring>
#include <pugixml.hpp>

#include "format_readers.h"
#include "office_text.h"
#include "zip_archive.h"

namespace tracuu::corpus {
namespace {

bool named(const pugi::xml_node& node, const char* name) {
  return std::strcmp(node.name(), name) == 0;
}

struct Notes {
  std::vector<std::pair<std::string, std::string>> items;  // citation label, text
};

std::string inline_text(const pugi::xml_node& node, Notes& notes);

// A note's citation stays in the text as "[1]"; its body goes to the notes.
std::string note_text(const pugi::xml_node& note, Notes& notes) {
  std::string label = note.child("text:note-citation").text().get();
  std::string body;
  for (auto p : note.child("text:note-body").children()) body += inline_text(p, notes) + " ";
  notes.items.emplace_back(label, body);
  return "[" + label + "]";
}

std::string inline_text(const pugi::xml_node& node, Notes& notes) {
  std::string out;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata) {
      out += child.value();
    } else if (named(child, "text:s") || named(child, "text:tab") ||
               named(child, "text:line-break")) {
      out += ' ';
    } else if (named(child, "text:note")) {
      out += note_text(child, notes);
    } else if (child.type() == pugi::node_element && !named(child, "office:annotation")) {
      out += inline_text(child, notes);
    }
  }
  return out;
}

std::vector<TableRow> table_rows(const pugi::xml_node& table, Notes& notes);

TableCell cell_paragraphs(const pugi::xml_node& cell, Notes& notes) {
  TableCell out;
  for (auto child : cell.children()) {
    if (named(child, "table:table")) {
      for (const auto& row : table_rows(child, notes))
        for (const auto& inner : row) out.insert(out.end(), inner.begin(), inner.end());
    } else if (named(child, "text:list")) {
      TableCell inner = cell_paragraphs(child, notes);  // items hold paragraphs
      out.insert(out.end(), inner.begin(), inner.end());
    } else if (named(child, "text:list-item")) {
      TableCell inner = cell_paragraphs(child, notes);
      out.insert(out.end(), inner.begin(), inner.end());
    } else if (named(child, "text:p") || named(child, "text:h")) {
      out.push_back(squeeze_spaces(inline_text(child, notes)));
    }
  }
  return out;
}

// Rows sit in the table or in row groups (header rows, row groups).
void collect_rows(const pugi::xml_node& parent, Notes& notes, std::vector<TableRow>& rows) {
  for (auto child : parent.children()) {
    if (named(child, "table:table-row")) {
      TableRow row;
      for (auto cell : child.children("table:table-cell"))
        row.push_back(cell_paragraphs(cell, notes));
      rows.push_back(std::move(row));
    } else if (std::strncmp(child.name(), "table:table-", 12) == 0 &&
               std::strstr(child.name(), "rows")) {
      collect_rows(child, notes, rows);
    }
  }
}

std::vector<TableRow> table_rows(const pugi::xml_node& table, Notes& notes) {
  std::vector<TableRow> rows;
  collect_rows(table, notes, rows);
  return rows;
}

void read_blocks(const pugi::xml_node& parent, OfficeText& text, Notes& notes) {
  for (auto child : parent.children()) {
    if (named(child, "text:p") || named(child, "text:h")) {
      text.add_paragraph(inline_text(child, notes));
    } else if (named(child, "table:table")) {
      text.add_table(table_rows(child, notes));
    } else if (named(child, "text:list") || named(child, "text:list-item") ||
               named(child, "text:section") || named(child, "text:index-body")) {
      read_blocks(child, text, notes);
    }
  }
}

// ODF encrypts parts itself (not with zip encryption) and says so in the manifest.
void refuse_if_encrypted(ZipArchive& zip) {
  if (!zip.has("META-INF/manifest.xml")) return;
  if (zip.read("META-INF/manifest.xml").find("encryption-data") != std::string::npos)
    throw FormatError(
        "encrypted (password-protected) OpenDocument file: save it without a password");
}

}  // namespace

RawDocument read_odt(const std::string& origin, std::string_view bytes) {
  ZipArchive zip(bytes);
  refuse_if_encrypted(zip);
  std::string xml = zip.read("content.xml");
  pugi::xml_document doc;
  auto result =
      doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) throw FormatError(std::string("corrupt content.xml: ") + result.description());
  auto body = doc.child("office:document-content").child("office:body").child("office:text");
  if (!body) throw FormatError("content.xml has no office:text: not a text document");
  OfficeText text;
  Notes notes;
  read_blocks(body, text, notes);
  for (const auto& [label, note] : notes.items) text.add_footnote(label, note);
  RawDocument raw;
  raw.origin = origin;
  raw.content = text.finish();
  return raw;
}

}  // namespace tracuu::corpus
