"""The known-item queries: rules that turn an article of the corpus into what someone who saw it
would type, each kept only when it can point at that article (and its exact duplicates) alone.
Nothing here holds corpus text; the queries are made at run time from the documents given."""
import collections
import re

from vietnamese import (FUNCTION_WORDS, content_window, flip_tone_placement, fold, fold_words,
                        keyboard_slip, letter_runs)

# Short forms of news and administrative text and their long forms (written for this benchmark,
# independent of data/tokenizer/abbreviations.tsv so that the table under test is not the judge).
ABBREVIATIONS = [
    ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("MTTQ", "Mặt trận Tổ quốc"),
    ("THPT", "trung học phổ thông"), ("THCS", "trung học cơ sở"), ("BHXH", "bảo hiểm xã hội"),
    ("BHYT", "bảo hiểm y tế"), ("CSGT", "cảnh sát giao thông"), ("ATGT", "an toàn giao thông"),
    ("HLV", "huấn luyện viên"), ("VĐV", "vận động viên"), ("CĐV", "cổ động viên"),
    ("CLB", "câu lạc bộ"), ("DN", "doanh nghiệp"), ("BĐS", "bất động sản"),
    ("NHNN", "Ngân hàng Nhà nước"), ("TTCK", "thị trường chứng khoán"),
    ("CNTT", "công nghệ thông tin"), ("ATTP", "an toàn thực phẩm"),
    ("PCCC", "phòng cháy chữa cháy"), ("ĐBSCL", "Đồng bằng sông Cửu Long"),
    ("LHQ", "Liên Hợp Quốc"), ("CAND", "Công an nhân dân"), ("QĐND", "Quân đội nhân dân"),
    ("NSND", "Nghệ sĩ nhân dân"), ("NSƯT", "Nghệ sĩ ưu tú"), ("TAND", "Tòa án nhân dân"),
    ("VKSND", "Viện kiểm sát nhân dân"), ("BCĐ", "Ban chỉ đạo"), ("ĐBQH", "đại biểu Quốc hội"),
    ("KCN", "khu công nghiệp"), ("NTM", "nông thôn mới"), ("GTVT", "giao thông vận tải"),
    ("BTC", "ban tổ chức"), ("UBKT", "Ủy ban kiểm tra"), ("XKLĐ", "xuất khẩu lao động"),
    ("TNGT", "tai nạn giao thông"), ("GDĐT", "giáo dục và đào tạo"),
    ("HTX", "hợp tác xã"), ("BQL", "ban quản lý"), ("TTYT", "trung tâm y tế"),
    ("BVĐK", "bệnh viện đa khoa"), ("VKS", "viện kiểm sát"), ("CSCĐ", "cảnh sát cơ động"),
]
# Document type codes as written in numbers, and their names.
DOC_TYPES = {
    "CT": "Chỉ thị", "NQ": "Nghị quyết", "KL": "Kết luận", "QĐ": "Quyết định", "KH": "Kế hoạch",
    "TB": "Thông báo", "HD": "Hướng dẫn", "NĐ": "Nghị định", "TT": "Thông tư", "BC": "Báo cáo",
    "CV": "Công văn", "QC": "Quy chế", "CĐ": "Công điện", "TTr": "Tờ trình",
}
_DOCNUM = re.compile(r"^(\d+)(?:/(\d{4}))?[-/]([A-Za-zĐđ]+)[-/]([\w\-/&]+)$")
KINDS = ["accented_title", "accentless_title", "tone_variant", "typo", "abbreviation",
         "body_phrase", "doc_number", "province_topic"]


class Judge:
    """Which documents a phrase or a set of conditions points at, over the FTS5 peer that folds
    đ and removes diacritics: a phrase matches there exactly where its folded words do."""

    def __init__(self, con, groups, cohesion):
        self.con, self.groups, self.cohesion = con, groups, cohesion

    def points_only_at(self, expr, doc):
        rows = self.con.execute("SELECT rowid FROM fold_d WHERE fold_d MATCH ? LIMIT 50",
                                (expr,)).fetchall()
        found = {r[0] for r in rows}
        return doc in found and found <= self.groups[doc]


def phrase(words, column=None):
    quoted = '"' + " ".join(w for w in fold_words(" ".join(words))) + '"'
    return f"{column} : {quoted}" if column else quoted


class Cohesion:
    """How often two syllables of the corpus go together: a query window is not cut between two
    that often occur as a pair ("an | toàn", "tàng | hình") or between two capitalized syllables
    (a name), since people type whole words. Counted over titles and the first 2,000 characters
    of each text, independently of tracuu's segmenter (the judged set must not move with the
    system under test)."""

    def __init__(self, docs):
        self.uni, self.bi = collections.Counter(), collections.Counter()
        for d in docs:
            for text in (d["title"], d["text"][:2000]):
                for run in letter_runs(text):
                    low = [w.lower() for w in run]
                    self.uni.update(low)
                    self.bi.update(zip(low, low[1:]))

    def joined(self, a, b):
        if a[:1].isupper() and b[:1].isupper():  # a name: "Thanh Hóa", "Nhà Trắng"
            return True
        a, b = a.lower(), b.lower()
        n = self.bi[(a, b)]
        return n >= 3 and n >= 0.12 * min(self.uni[a], self.uni[b])


def _window(rng, runs, lo, hi, judge):
    """A window of lo..hi consecutive words from one of the runs that passes content_window and
    cuts no word in two (Cohesion), after a few tries, or None."""
    runs = [r for r in runs if len(r) >= lo]
    for _ in range(8 if runs else 0):
        run = rng.choice(runs)
        size = rng.randint(lo, min(hi, len(run)))
        start = rng.randrange(len(run) - size + 1)
        end = start + size
        words = run[start:end]
        if start > 0 and judge.cohesion.joined(run[start - 1], run[start]):
            continue
        if end < len(run) and judge.cohesion.joined(run[end - 1], run[end]):
            continue
        if content_window(words):
            return words
    return None


def accented_title(rng, doc, judge):
    words = _window(rng, list(letter_runs(doc["title"])), 3, 5, judge)
    if words and judge.points_only_at(phrase(words, "title"), doc["row"]):
        return " ".join(words), "as written"
    return None


def accentless_title(rng, doc, judge):
    found = accented_title(rng, doc, judge)
    return (fold(found[0]), "accents removed") if found else None


def tone_variant(rng, doc, judge):
    runs = [r for r in letter_runs(doc["title"]) if any(flip_tone_placement(w) for w in r)]
    if not runs:
        return None
    for _ in range(4):
        words = _window(rng, runs, 2, 5, judge)
        if words and any(flip_tone_placement(w) for w in words):
            break
    else:
        return None
    if not judge.points_only_at(phrase(words, "title"), doc["row"]):
        return None
    typed = [flip_tone_placement(w) or w for w in words]
    return " ".join(typed), "tone moved: " + ", ".join(
        f"{a}->{b}" for a, b in zip(words, typed) if a != b)


def typo(rng, doc, judge):
    words = _window(rng, list(letter_runs(doc["title"])), 3, 5, judge)
    if not words or not judge.points_only_at(phrase(words, "title"), doc["row"]):
        return None
    candidates = [i for i, w in enumerate(words) if len(fold(w)) >= 4]
    i = rng.choice(candidates)
    slip = keyboard_slip(words[i], rng)
    if not slip:
        return None
    kind, typed = slip
    plain = kind in ("swap", "drop", "double")
    out = [fold(w) if plain else w for w in words]
    out[i] = typed
    return " ".join(out), f"{kind}: {words[i]}->{typed}"


def _find_form(folded, form_words):
    """Index of the folded form_words inside the folded words of a run, or -1."""
    n = len(form_words)
    for i in range(len(folded) - n + 1):
        if folded[i:i + n] == form_words:
            return i
    return -1


_LONG_FORMS = [(short, long, fold_words(long)) for short, long in ABBREVIATIONS]


def _abbreviation_in(rng, runs, lo, hi, judge):
    """(run, start, length, replacement, note) for a short or long form found in the runs."""
    hits = []
    for run in runs:
        folded = [fold(w) for w in run]
        joined, present = " ".join(folded), set(run)
        for short, long, long_words in _LONG_FORMS:
            i = _find_form(folded, long_words) if " ".join(long_words) in joined else -1
            if i >= 0:
                typed = short.lower() if rng.random() < 0.5 else short
                hits.append((run, i, len(long_words), fold(typed) if typed.islower()
                             else typed, f"{long} -> {short}"))
            i = run.index(short) if short in present else -1
            if i >= 0:
                typed = fold(long) if rng.random() < 0.5 else long
                hits.append((run, i, 1, typed, f"{short} -> {long}"))
    if not hits:
        return None
    run, start, length, typed, note = rng.choice(hits)
    for _ in range(8):
        size = min(len(run), rng.randint(max(lo, length + 1), max(hi, length + 1)))
        first = max(0, min(start - rng.randint(0, size - length), len(run) - size))
        end = first + size
        if _edges_whole(run, first, end, judge, (start, start + length)):
            window = run[first:end]
            at = start - first
            return window, window[:at] + [typed] + window[at + length:], note
    return None


def _edges_whole(run, first, end, judge, form):
    """True when run[first:end] cuts no word in two and, where it does not start or end with the
    form itself, neither starts nor ends with a function word."""
    if first > 0 and judge.cohesion.joined(run[first - 1], run[first]):
        return False
    if end < len(run) and judge.cohesion.joined(run[end - 1], run[end]):
        return False
    return ((first == form[0] or run[first].lower() not in FUNCTION_WORDS)
            and (end == form[1] or run[end - 1].lower() not in FUNCTION_WORDS))


def abbreviation(rng, doc, judge):
    found = _abbreviation_in(rng, list(letter_runs(doc["title"])), 3, 5, judge)
    column = "title"
    if not found:
        found = _abbreviation_in(rng, list(letter_runs(doc["text"])), 6, 8, judge)
        column = None
    if not found:
        return None
    window, query, note = found
    if len(window) < (3 if column else 5) or not judge.points_only_at(phrase(window, column),
                                                                       doc["row"]):
        return None
    return " ".join(query), note + (" (title)" if column else " (body)")


def body_phrase(rng, doc, judge):
    runs = list(letter_runs(doc["text"]))
    words = _window(rng, runs, 4, 6, judge)
    if not words or fold(" ".join(words)) in fold(doc["title"]):
        return None
    if judge.points_only_at(phrase(words), doc["row"]):
        return " ".join(words), "copied from the body"
    return None


def _parse_number(canonical):
    m = _DOCNUM.match(canonical)
    if not m:
        return None
    number, year, code, issuer = m.groups()
    if code not in DOC_TYPES and code.upper() in DOC_TYPES:
        code = code.upper()
    return (number, year, code, issuer) if code in DOC_TYPES else None


def _number_forms(canonical, number, year, code, issuer):
    """How people type a cited number: (query, needs only type+number to be unique)."""
    name = DOC_TYPES[code]
    num = f"{number}/{year}" if year else number
    issuer_spaced = " ".join(re.split(r"[-/]", issuer))
    return [
        (f"{num} {code} {issuer_spaced}", False),       # "49 CT TW"
        (re.sub(r"^(\d+)-", r"\1", fold(canonical)), False),  # "49ct/tw", "16/ct-ttg"
        (f"{fold(name)} {num}", True),                 # "chi thi 49"
        (f"{name} số {num}", True),                    # "Chỉ thị số 49"
        (f"{code}{number}", True),                     # "CT49"
    ]


def doc_number(rng, doc, judge, citations):
    """citations: {"full": canonical number -> rows citing it, "short": (type code, number) ->
    rows citing it in any form}."""
    mine = [c for c in doc["citations"] if citations["full"][c] <= judge.groups[doc["row"]]]
    rng.shuffle(mine)
    for canonical in mine:
        parsed = _parse_number(canonical)
        if not parsed:
            continue
        number, year, code, issuer = parsed
        short_rows = citations["short"].get((code, number), set())
        forms = [(q, short) for q, short in _number_forms(canonical, *parsed)
                 if not short or short_rows <= judge.groups[doc["row"]]]
        if forms:
            query, _ = rng.choice(forms)
            return query, f"cites {canonical}"
    return None


def province_topic(rng, doc, judge):
    province = doc.get("primary_province")
    if not province:
        return None
    pwords = set(fold_words(province))
    runs = [[w for w in r] for r in letter_runs(doc["title"])]
    runs = [r for r in runs if not pwords & {fold(w) for w in r}]
    words = _window(rng, runs, 2, 3, judge)
    if not words:
        return None
    expr = f"{phrase(words, 'title')} AND {phrase(province.split())}"
    if not judge.points_only_at(expr, doc["row"]):
        return None
    typed = f"{province} {' '.join(words)}"
    return (fold(typed) if rng.random() < 0.5 else typed), f"province {province}"


GENERATORS = {
    "accented_title": accented_title, "accentless_title": accentless_title,
    "tone_variant": tone_variant, "typo": typo, "abbreviation": abbreviation,
    "body_phrase": body_phrase, "doc_number": doc_number, "province_topic": province_topic,
}
