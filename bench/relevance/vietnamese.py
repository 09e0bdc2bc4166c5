"""Vietnamese text operations the query generator needs: folding, word runs, tone-mark placement
variants and keyboard (Telex/VNI) slips. Standard library only."""
import functools
import re
import unicodedata

# Combining tone marks (the five tones); the other marks (circumflex, breve, horn) change the vowel.
TONES = {"\u0301": ("s", "1"), "\u0300": ("f", "2"), "\u0309": ("r", "3"), "\u0303": ("x", "4"),
         "\u0323": ("j", "5")}
# How the vowel letters with a quality mark are typed: Telex, VNI.
QUALITY = {"â": ("aa", "a6"), "ê": ("ee", "e6"), "ô": ("oo", "o6"), "ă": ("aw", "a8"),
           "ơ": ("ow", "o7"), "ư": ("uw", "u7"), "đ": ("dd", "d9")}
# Punctuation around a word (opening quotes and brackets, clause marks after it).
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")
_LETTERS = re.compile(r"^[^\W\d_]+$")
# Function words: a query window neither starts nor ends with one (people type the words that
# carry the meaning), and holds at least two other words.
FUNCTION_WORDS = set("""của và các những là có được cho với trong về từ tại đã sẽ đang này đó khi
thì mà như để vào ra bị một không cũng nhiều lại theo nhưng hay hoặc rất đến trên dưới sau trước
do vì nên nếu chỉ còn ở nhất hơn thế nào gì ai sao vẫn đều phải bằng qua mới vừa rồi nữa cả ông bà
anh chị em tôi họ này kia ấy lúc""".split())


@functools.lru_cache(maxsize=1 << 18)  # mostly single words, which repeat all over the corpus
def fold(text):
    """Lowercase, without any mark, đ -> d: what "typed without accents" means."""
    out = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(c for c in out if not unicodedata.combining(c))


def fold_words(text):
    return re.findall(r"\w+", fold(text))


def content_window(words):
    """True when a run of words reads as something typed to find a text (see FUNCTION_WORDS)."""
    lower = [w.lower() for w in words]
    content = [w for w in lower if w not in FUNCTION_WORDS]
    return (lower[0] not in FUNCTION_WORDS and lower[-1] not in FUNCTION_WORDS
            and len(content) >= 2 and any(len(fold(w)) >= 4 for w in content))


def letter_runs(text):
    """Runs of consecutive letter-only words inside one clause: the spans a query window takes.
    A chunk between spaces that holds anything but letters once its outer punctuation is peeled
    off ("49-CT/TW", "TP.HCM", "6/2/2017") is not a word and ends the run, as does a clause mark."""
    run = []
    for chunk in text.split():
        core = _EDGE.sub("", chunk)
        opens, closes = chunk[:1] != core[:1], chunk[-1:] != core[-1:]
        if not _LETTERS.match(core) or opens:
            if len(run) > 0:
                yield run
            run = []
        if _LETTERS.match(core):
            run.append(core)
        if closes and run:
            yield run
            run = []
    if run:
        yield run


def tone_of(word):
    """(word without its tone mark, the tone mark or None), both NFC."""
    nfd = unicodedata.normalize("NFD", word)
    tone = next((c for c in nfd if c in TONES), None)
    bare = "".join(c for c in nfd if c not in TONES)
    return unicodedata.normalize("NFC", bare), tone


def flip_tone_placement(word):
    """The other conventional placement of the tone in oa/oe/uy without a final consonant
    ("hòa" <-> "hoà", "thủy" <-> "thuỷ", "khỏe" <-> "khoẻ"), or None when there is only one."""
    bare, tone = tone_of(word)
    m = re.match(r"^(.*?)(oa|oe|uy)$", bare, re.I)
    if not tone or not m or m.group(1).lower().endswith("q"):
        return None
    nfd = unicodedata.normalize("NFD", word)
    on_first = nfd.index(tone) == len(unicodedata.normalize("NFD", m.group(1))) + 1
    head, vowels = m.group(1), m.group(2)
    if on_first:
        flipped = head + vowels[0] + vowels[1] + tone
    else:
        flipped = head + vowels[0] + tone + vowels[1]
    return unicodedata.normalize("NFC", flipped)


def telex(word, vni=False):
    """The keys typed for a word with the input method switched off: "tiếng" -> "tieengs"
    (Telex) or "tie6ng1" (VNI)."""
    bare, tone = tone_of(word.lower())
    out = "".join(QUALITY[c][1 if vni else 0] if c in QUALITY else c for c in bare)
    return out + (TONES[tone][1 if vni else 0] if tone else "")


def tone_key_left(word):
    """A tone key typed too late for the input method to place it: "tiếng" -> "tiêngs"."""
    bare, tone = tone_of(word.lower())
    return bare + TONES[tone][0] if tone else None


def swap_letters(word, rng):
    w = fold(word)
    i = rng.randrange(len(w) - 1)
    if w[i] == w[i + 1]:
        return None
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]


def drop_letter(word, rng):
    w = fold(word)
    i = rng.randrange(1, len(w))  # the first letter is rarely the one missed
    return w[:i] + w[i + 1:]


def double_letter(word, rng):
    w = fold(word)
    i = rng.randrange(len(w))
    return w[:i + 1] + w[i] + w[i + 1:]


def keyboard_slip(word, rng):
    """One slip of a Vietnamese keyboard user in `word`: (kind, typed word), or None when the
    chosen slip does not apply (no tone, no change). The other words of the query stay accented
    for the input-method slips and lose their accents for the letter slips (typed on a plain
    keyboard)."""
    kind = rng.choice(["telex", "vni", "tone-key-left", "swap", "drop", "double"])
    if kind == "telex":
        typed = telex(word)
    elif kind == "vni":
        typed = telex(word, vni=True)
    elif kind == "tone-key-left":
        typed = tone_key_left(word)
    else:
        slips = {"swap": swap_letters, "drop": drop_letter, "double": double_letter}
        typed = slips[kind](word, rng)
    if not typed or fold(typed) == fold(word) or typed == word.lower():
        return None
    return kind, typed
