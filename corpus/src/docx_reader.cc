// .docx: word/document.xml (paragraphs, tables, content controls) and the foot- and endnotes.
#include <cstring>
#include <pugixml.hpp>

#include "format_readers.h"
#include "office_text.h"
#include "zip_archive.h"

namespace tracuu::corpus {
namespace {

// Whitespace-only runs (<w:t xml:space="preserve"> </w:t>) are words' separators: keep them.
constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

pugi::xml_document parse_part(ZipArchive& zip, const std::string& name) {
  std::string xml = zip.read(name);
  pugi::xml_document doc;
  auto result = doc.load_buffer(xml.data(), xml.size(), kParseOptions);
  if (!result) throw FormatError("corrupt " + name + ": " + result.description());
  return doc;
}

bool named(const pugi::xml_node& node, const char* name) {
  return std::strcmp(node.name(), name) == 0;
}

// A paragraph's visible text: runs, tabs and breaks; deleted text and field codes are other
// elements (w:delText, w:instrText) and stay out.
void collect_runs(const pugi::xml_node& node, std::string& out) {
  for (auto child : node.children()) {
    if (named(child, "w:t")) {
      out += child.text().get();
    } else if (named(child, "w:tab") || named(child, "w:br") || named(child, "w:cr")) {
      out += ' ';
    } else if (named(child, "w:footnoteReference") || named(child, "w:endnoteReference")) {
      out += std::string("[") + child.attribute("w:id").value() + "]";
    } else if (child.type() == pugi::node_element && !named(child, "w:pPr") &&
               !named(child, "w:rPr")) {
      collect_runs(child, out);
    }
  }
}

std::string paragraph_text(const pugi::xml_node& p) {
  std::string out;
  collect_runs(p, out);
  return out;
}

std::vector<TableRow> table_rows(const pugi::xml_node& table);

// A cell's paragraphs; a nested table adds its rows as paragraphs of the cell.
TableCell cell_paragraphs(const pugi::xml_node& cell) {
  TableCell out;
  for (auto child : cell.children()) {
    if (named(child, "w:p")) {
      out.push_back(squeeze_spaces(paragraph_text(child)));
    } else if (named(child, "w:tbl")) {
      for (const auto& row : table_rows(child))
        for (const auto& inner : row)
          for (const auto& p : inner) out.push_back(p);
    } else if (named(child, "w:sdt")) {
      TableCell inner = cell_paragraphs(child.child("w:sdtContent"));
      out.insert(out.end(), inner.begin(), inner.end());
    }
  }
  return out;
}

std::vector<TableRow> table_rows(const pugi::xml_node& table) {
  std::vector<TableRow> rows;
  for (auto tr : table.children("w:tr")) {
    TableRow row;
    for (auto tc : tr.children("w:tc")) row.push_back(cell_paragraphs(tc));
    rows.push_back(std::move(row));
  }
  return rows;
}

void read_blocks(const pugi::xml_node& parent, OfficeText& text) {
  for (auto child : parent.children()) {
    if (named(child, "w:p")) {
      text.add_paragraph(paragraph_text(child));
    } else if (named(child, "w:tbl")) {
      text.add_table(table_rows(child));
    } else if (named(child, "w:sdt")) {
      read_blocks(child.child("w:sdtContent"), text);
    }
  }
}

// Notes with a w:type are the separator lines Word draws, not notes.
void read_notes(ZipArchive& zip, const std::string& part, const char* element, OfficeText& text) {
  if (!zip.has(part)) return;
  auto doc = parse_part(zip, part);
  for (auto note : doc.first_child().children(element)) {
    if (note.attribute("w:type")) continue;
    std::string body;
    for (auto p : note.children("w:p")) body += paragraph_text(p) + " ";
    text.add_footnote(note.attribute("w:id").value(), body);
  }
}

}  // namespace

RawDocument read_docx(const std::string& origin, std::string_view bytes) {
  ZipArchive zip(bytes);
  auto doc = parse_part(zip, "word/document.xml");
  auto body = doc.child("w:document").child("w:body");
  if (!body) throw FormatError("word/document.xml has no w:body: not a Word text");
  OfficeText text;
  read_blocks(body, text);
  read_notes(zip, "word/footnotes.xml", "w:footnote", text);
  read_notes(zip, "word/endnotes.xml", "w:endnote", text);
  RawDocument raw;
  raw.origin = origin;
  raw.content = text.finish();
  return raw;
}

}  // namespace tracuu::corpus
