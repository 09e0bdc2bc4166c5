#!/usr/bin/env python3
"""Writes the two files the browser test uploads, from text of our own: a PDF with a text layer
(reportlab, DejaVu for the Vietnamese letters) and a minimal .docx (WordprocessingML in a zip).

  make_upload_files.py OUT_DIR   ->  OUT_DIR/ke-hoach-tiem-chung.pdf, OUT_DIR/bao-cao-nuoc-sach.docx
"""
import os
import sys
import zipfile
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

PDF_LINES = [
    "KẾ HOẠCH",
    "Tiêm chủng vắc xin sởi cho trẻ em xã Bản Phiệt",
    "Trạm y tế xã tổ chức tiêm chủng vắc xin sởi cho toàn bộ trẻ em",
    "từ chín tháng tuổi tại nhà văn hóa các thôn trong tháng Tư.",
    "Cán bộ thôn bản thông báo tới từng hộ gia đình có trẻ nhỏ.",
]

DOCX_PARAGRAPHS = [
    "BÁO CÁO",
    "Kết quả cấp nước sạch sinh hoạt cho các thôn vùng cao",
    "Công trình cấp nước tự chảy đã đưa nước sạch tới ba trăm hộ dân "
    "ở các thôn vùng cao của huyện Mường Khương.",
    "Ban quản lý công trình hướng dẫn người dân giữ gìn bể chứa và đường ống.",
]


def write_pdf(path):
    pdfmetrics.registerFont(TTFont("Sans", FONT))
    c = canvas.Canvas(path, pagesize=A4)
    y = A4[1] - 90
    for i, line in enumerate(PDF_LINES):
        c.setFont("Sans", 14 if i < 2 else 12)
        c.drawString(70, y, line)
        y -= 26
    c.showPage()
    c.save()


def write_docx(path):
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(t)}</w:t></w:r></w:p>'
                   for t in DOCX_PARAGRAPHS)
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        "word/document.xml":
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body +
            '</w:body></w:document>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_pdf(os.path.join(out, "ke-hoach-tiem-chung.pdf"))
    write_docx(os.path.join(out, "bao-cao-nuoc-sach.docx"))


if __name__ == "__main__":
    main()
