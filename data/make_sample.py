#!/usr/bin/env python3
"""Writes the bundled sample corpus (data/sample/) from hand-written Vietnamese sentences.

Everything here is invented for tracuu: events, officials and wording. Province names are real and
document numbers are realistic so that search, facets and the directive timeline have something to show.
The output mixes .txt, .html, .jsonl and .txt.gz and carries real-world mess on purpose: old tone
placement (hoá, uỷ), Ð (U+00D0) for Đ, navigation tails, bylines, captions, source credits, missing dates.
Run: python3 data/make_sample.py
"""
import gzip
import json
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample")

DIRECTIVES = [
    ("114-KL/TW", "Kết luận", "Ban Bí thư", "14/7/2015",
     "về nâng cao chất lượng, hiệu quả công tác dân vận của cơ quan nhà nước, chính quyền các cấp"),
    ("49-CT/TW", "Chỉ thị", "Ban Bí thư", "20/10/2015",
     "về tăng cường và đổi mới công tác dân vận của Đảng ở vùng đồng bào dân tộc thiểu số"),
    ("05-CT/TW", "Chỉ thị", "Bộ Chính trị", "15/5/2016",
     "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("18-NQ/TW", "Nghị quyết", "Ban Chấp hành Trung ương", "25/10/2017",
     "về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả"),
    ("16/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ", "31/3/2020",
     "về thực hiện các biện pháp cấp bách phòng, chống dịch COVID-19"),
]

# (province, district, Party short name of the provincial committee)
PLACES = [
    ("Lào Cai", "huyện Si Ma Cai"), ("Sơn La", "huyện Mai Sơn"), ("Bắc Kạn", "huyện Chợ Đồn"),
    ("Lai Châu", "huyện Phong Thổ"), ("Điện Biên", "huyện Mường Chà"), ("Yên Bái", "huyện Văn Chấn"),
    ("Thái Nguyên", "huyện Đại Từ"), ("Hà Giang", "huyện Đồng Văn"), ("Nghệ An", "huyện Kỳ Sơn"),
    ("Quảng Ninh", "huyện Ba Chẽ"), ("Cần Thơ", "huyện Phong Điền"), ("Hà Tĩnh", "huyện Hương Khê"),
]

NAMES = ["Thanh Mai", "Minh Hằng", "Quang Huy", "Ngọc Ánh", "Văn Toàn", "Thu Trang", "Đức Long", "PV"]

TAILS = [
    ["Tin liên quan", "Lai Châu: Hội nghị giao ban công tác dân vận quý III",
     "Điện Biên tổng kết phong trào thi đua dân vận khéo"],
    ["Gửi cho bạn bè", "Phản hồi", "Các tin khác", "Xem nhiều nhất"],
    ["Xem thêm", "Bài trước: Nghệ An phát động thi đua cải cách hành chính",
     "Bài tiếp theo: Quảng Ninh đối thoại với doanh nghiệp về thủ tục hành chính"],
]


def old_style(text):
    """Old tone placement and Ð, as some provincial sites still publish."""
    return (text.replace("hóa", "hoá").replace("ủy", "uỷ").replace("Ủy", "Uỷ").replace("hòa", "hoà")
            .replace("khỏe", "khoẻ"))


def eth(text):
    return text.replace("Đ", "\u00D0")


def directive_text(num, typ, issuer, date, subject):
    d, m, y = date.split("/")
    head = {
        "Ban Bí thư": "BAN CHẤP HÀNH TRUNG ƯƠNG", "Bộ Chính trị": "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "Ban Chấp hành Trung ương": "BAN CHẤP HÀNH TRUNG ƯƠNG", "Thủ tướng Chính phủ": "THỦ TƯỚNG CHÍNH PHỦ",
    }[issuer]
    motto = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" if "TTg" in num
             else "ĐẢNG CỘNG SẢN VIỆT NAM")
    body = [
        head, "*", f"Số: {num}", motto,
        f"Hà Nội, ngày {int(d)} tháng {int(m)} năm {y}",
        typ.upper(), subject[0].upper() + subject[1:],
        f"Thời gian qua, các cấp ủy, tổ chức đảng, chính quyền đã quan tâm lãnh đạo, chỉ đạo thực hiện nhiệm vụ {subject[4:]}, đạt được nhiều kết quả quan trọng.",
        "Tuy nhiên, nhận thức của một số cấp ủy, người đứng đầu còn chưa đầy đủ; việc cụ thể hóa chủ trương ở một số nơi còn chậm, hình thức.",
        "Để khắc phục hạn chế, yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội thực hiện tốt các nhiệm vụ sau:",
        "1. Tăng cường sự lãnh đạo của cấp ủy đối với công tác dân vận, phát huy vai trò làm chủ của Nhân dân, thực hiện tốt phương châm dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng.",
        "2. Đẩy mạnh cải cách hành chính, công khai thủ tục hành chính, nâng cao tinh thần trách nhiệm của cán bộ, công chức khi tiếp xúc, giải quyết công việc của người dân.",
        "3. Định kỳ sơ kết, tổng kết; khen thưởng kịp thời tập thể, cá nhân có thành tích; xử lý nghiêm cán bộ có hành vi nhũng nhiễu, gây phiền hà.",
        "Nơi nhận:", "- Các tỉnh ủy, thành ủy,", "- Lưu Văn phòng Trung ương.",
        "T/M BAN BÍ THƯ" if "TW" in num else "THỦ TƯỚNG", "Nguyễn Văn An",
    ]
    return "\n".join(body)


def plan_text(i, prov, district, directive, year):
    num, typ, issuer, date, subject = directive
    plan_no = f"{i + 1:02d}-KH/TU"
    d = 3 + i % 25
    m = 1 + i % 12
    lines = [
        f"TỈNH ỦY {prov.upper()}", "*", f"Số: {plan_no}", "ĐẢNG CỘNG SẢN VIỆT NAM",
        f"{prov}, ngày {d} tháng {m} năm {year}",
        "KẾ HOẠCH", f"thực hiện {typ} số {num} ngày {date} của {issuer}",
        f"Thực hiện {typ} số {num} ngày {date} của {issuer} {subject}, Ban Thường vụ Tỉnh ủy {prov} ban hành Kế hoạch thực hiện như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        f"Quán triệt sâu sắc nội dung {typ.lower()} đến cán bộ, đảng viên và Nhân dân trên địa bàn tỉnh; tạo chuyển biến rõ rệt trong nhận thức và hành động của cấp ủy, chính quyền.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        f"Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành và UBND các huyện, đặc biệt là {district}, rà soát thủ tục hành chính, tăng cường đối thoại với Nhân dân.",
        "Ban Dân vận Tỉnh ủy chủ trì, phối hợp theo dõi, đôn đốc; định kỳ báo cáo Ban Thường vụ Tỉnh ủy.",
        "Nơi nhận:", "- Ban Bí thư (để báo cáo),", "- Lưu Văn phòng Tỉnh ủy.",
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Thị Bình",
    ]
    return plan_no, "\n".join(lines)


def news_text(i, prov, district, directive, year, plan_no=None):
    num, typ, issuer, date, subject = directive
    short = typ + " " + num.split("-")[0].split("/")[0]
    d, m = 2 + (i * 7) % 26, 1 + (i * 5) % 12
    title = [
        f"{prov} đẩy mạnh thực hiện {typ} {num}",
        f"Chuyển biến tích cực sau {year - int(date.split('/')[-1])} năm thực hiện {short} tại {prov}",
        f"{prov}: Nâng cao hiệu quả công tác dân vận chính quyền",
        f"Hội nghị sơ kết việc thực hiện {typ} {num} ở {prov}",
    ][i % 4]
    cite_variants = [
        f"{typ} số {num} ngày {date} của {issuer} {subject}",
        f"{typ} {num.replace('-', '/', 1).replace('/TW', '-TW') if 'TW' in num else num} của {issuer}",
        f"{typ} số {num} (sau đây gọi tắt là {short})",
    ]
    lines = [title]
    if i % 3 != 2:
        weekday = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][i % 7]
        lines.insert(0, f"{weekday}, {d}/{m}/{year}")
    lines += [
        f"Thời gian qua, cấp ủy, chính quyền tỉnh {prov} đã quan tâm lãnh đạo, chỉ đạo thực hiện {cite_variants[i % 3]}, tạo chuyển biến rõ nét trong công tác dân vận.",
        f"Theo báo cáo của Ban Dân vận Tỉnh ủy, toàn tỉnh đã tổ chức {12 + i} hội nghị quán triệt với hơn {1000 + 37 * i:,} lượt cán bộ, đảng viên tham dự.".replace(",", "."),
        f"Tại {district}, UBND huyện đã rà soát, công khai {40 + i} thủ tục hành chính; tỷ lệ hồ sơ giải quyết đúng hạn đạt {90 + i % 10},{i % 10}%.",
        f"Nhiều mô hình \"dân vận khéo\" được nhân rộng, như mô hình \"Ngày thứ Bảy cùng dân\", \"Chính quyền thân thiện\", góp phần củng cố niềm tin của Nhân dân.",
    ]
    if plan_no:
        lines.append(f"Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số {plan_no} để cụ thể hóa {short}, giao chỉ tiêu cụ thể cho từng cơ quan, đơn vị.")
    if i % 4 == 0:
        lines.append(f"Lãnh đạo {district} đối thoại với người dân về chính sách hỗ trợ sản xuất. (Ảnh: {NAMES[i % 7]})")
    lines.append(f"Trong thời gian tới, tỉnh {prov} tiếp tục đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp.")
    lines.append(NAMES[i % len(NAMES)])
    if i % 5 == 1:
        lines.append(f"(bao{prov.lower().replace(' ', '').replace('à', 'a').replace('ơ', 'o').replace('ạ', 'a').replace('ệ', 'e').replace('ă', 'a').replace('ầ', 'a').replace('â', 'a').replace('ả', 'a').replace('á', 'a').replace('đ', 'd').replace('ĩ', 'i').replace('ư', 'u')}.org.vn)")
    lines += TAILS[i % 3]
    return title, "\n".join(lines)


def html_page(title, body_lines, date_iso):
    paras = "\n".join(f"<p>{l}</p>" for l in body_lines)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{title} | Cổng thông tin</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date_iso}T08:00:00+07:00">
<script>var tracking = "<p>không phải nội dung</p>";</script><style>p{{margin:0}}</style></head>
<body><nav class="menu"><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<header><div class="logo">Cổng thông tin điện tử</div></header>
<article><h1>{title}</h1>
{paras}
<figure><img src="a.jpg" alt=""><figcaption>Quang cảnh hội nghị.</figcaption></figure>
</article>
<aside class="related"><h3>Tin liên quan</h3><ul><li>Tin khác 1</li><li>Tin khác 2</li></ul></aside>
<footer>Bản quyền thuộc Cổng thông tin điện tử. Ghi rõ nguồn khi phát hành lại.</footer>
<div class="share">Chia sẻ Facebook Zalo</div>
</body></html>
"""


def main():
    for f in os.listdir(OUT):
        if f.endswith((".txt", ".html", ".jsonl", ".gz")):
            os.remove(os.path.join(OUT, f))
    # The directives themselves.
    for k, dv in enumerate(DIRECTIVES):
        text = directive_text(*dv)
        name = f"van-ban-{dv[0].replace('/', '-').lower()}.txt"
        if k == 1:
            text = old_style(text)
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    jsonl = []
    count = len(DIRECTIVES)
    for i in range(36):
        prov, district = PLACES[i % len(PLACES)]
        directive = DIRECTIVES[[0, 1, 0, 2, 3, 0, 1, 4][i % 8]]
        dir_year = int(directive[3].split("/")[-1])
        year = min(2025, dir_year + 1 + (i * 3) % 9)
        plan_no = None
        if i < 8:
            plan_no, text = plan_text(i, prov, district, directive, year)
            if i % 2:
                text = eth(old_style(text))
            with open(os.path.join(OUT, f"ke-hoach-{i + 1:02d}.txt"), "w", encoding="utf-8") as f:
                f.write(text + "\n")
            count += 1
            continue
        title, text = news_text(i, prov, district, directive, year, plan_no if i % 2 else None)
        if i % 6 == 1:
            text = old_style(text)
        kind = i % 4
        if kind == 0:
            lines = text.split("\n")[1:] if text.split("\n")[0].startswith(("Thứ", "Chủ")) else text.split("\n")[1:]
            body = [l for l in lines if not l.startswith(("Tin liên quan", "Gửi cho", "Phản hồi", "Các tin", "Xem", "Bài"))]
            d_iso = f"{year}-{1 + (i * 5) % 12:02d}-{2 + (i * 7) % 26:02d}"
            with open(os.path.join(OUT, f"tin-{i:02d}.html"), "w", encoding="utf-8") as f:
                f.write(html_page(title, body, d_iso))
        elif kind == 1:
            jsonl.append({"id": f"mau-{i:02d}", "url": f"https://tin.example.vn/bai/{i}", "title": title,
                          "date": None if i % 3 == 2 else f"{year}-{1 + (i * 5) % 12:02d}-{2 + (i * 7) % 26:02d}",
                          "source": "tin.example.vn", "text": "\n".join(text.split("\n")[1:]),
                          "chuyen_muc": "Xây dựng Đảng"})
        elif kind == 2 and i % 8 == 2:
            with gzip.open(os.path.join(OUT, f"tin-{i:02d}.txt.gz"), "wt", encoding="utf-8") as f:
                f.write(text + "\n")
        else:
            with open(os.path.join(OUT, f"tin-{i:02d}.txt"), "w", encoding="utf-8") as f:
                f.write(text + "\n")
        count += 1
    # After the 2025 merger: the new province names.
    post = [
        ("Thái Nguyên", "Sau hợp nhất, tỉnh Thái Nguyên (mới) gồm địa bàn tỉnh Bắc Kạn và tỉnh Thái Nguyên trước đây tiếp tục thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư."),
        ("Lào Cai", "Tỉnh Lào Cai sau sắp xếp (hợp nhất Lào Cai và Yên Bái) tổ chức hội nghị triển khai Chỉ thị số 49-CT/TW của Ban Bí thư tại các xã vùng cao."),
    ]
    for k, (prov, sent) in enumerate(post):
        jsonl.append({"id": f"mau-sau-sap-xep-{k}", "url": None,
                      "title": f"{prov} triển khai công tác dân vận sau sắp xếp đơn vị hành chính",
                      "date": f"2025-{8 + k:02d}-1{k + 2}", "source": "tin.example.vn",
                      "text": sent + "\nCác xã, phường mới được yêu cầu công khai thủ tục hành chính, tiếp nhận hồ sơ trực tuyến."})
        count += 1
    with open(os.path.join(OUT, "tin-tong-hop.jsonl"), "w", encoding="utf-8") as f:
        for d in jsonl:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{count} documents")


if __name__ == "__main__":
    main()
