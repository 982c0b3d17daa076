#!/usr/bin/env python3
"""The corpus quality report: what the outputs of a snapshot get wrong, counted per document.

    Scripts/corpus-quality.py SNAPSHOT_DIR [--json OUT] [--ceilings FILE] [--regressions-only]
                              [--details] [--corpus ROOT]
    Scripts/corpus-quality.py SNAPSHOT_DIR --run [--akn BIN] ...   (make the snapshot first)

SNAPSHOT_DIR is a folder written by Scripts/corpus-snapshot.py (with --run, this script writes
it first, with the same options). For every input it reads the batch report (status, error
rules, warnings by kind) and, for each output, counts these artefacts:

  hyphen-space          a line-end hyphen break of the source text (`income-` + newline +
                        `earning`, next word lowercase) that comes out as `income- earning`;
                        a suspended hyphen (`short- and long-term`: next word and/or/to/nor) is
                        not one. Breaks before a capital (`Secretary-` / `General`) are counted
                        apart, as hyphen-space-capital.
  markdown-left         Markdown or YAML left in the output text: `[^1]`, `^[1]`, `---` rules,
                        `**bold**`, `# heading`, front-matter keys (`symbol:`, `title:`,
                        `extract_version:` ...), backslash escapes (`\\*`), `[text](url)` links.
  bad-href              an href that is not an RFC 3986 URI reference (empty, a raw space, a
                        character outside the allowed set, a bad %-escape).
  other-body-as-ga      a ref or link to a General Assembly act (`/akn/un/statement/
                        deliberation/un-ga/...`, undocs `A/RES/...`, `A/DEC/...`) whose text, the
                        ~60 characters before it or its clause names another body last ("Human
                        Rights Council resolution 5/1", "Environment Assembly resolution 4/1" ...),
                        or that cannot be the Assembly's: a session below 31 (the Assembly
                        numbered `N (S)` then) or a date outside its session.
  conclusions-overflow  a line of the resolution's <conclusions> that is not a meeting line, a date line, an
                        adoption/vote trailer or a decision's record line `(See A/71/PV.1)`;
                        a footnote there; a stray footnote number after the meeting.
  eid-off-convention    a body eId (outside <meta>) with a component off the AKN naming
                        convention: a `-2` de-duplication suffix, `_u1`, `_p1`, `star`, or any
                        other form than `name` or `name_number`; a duplicate eId.
  unwarned-*            the invariants every reading must hold (Sources/AKNReading/
                        Invariants.swift), recomputed here from the XML on their own, less the
                        warnings akn gave of the same rule for the same document (the XML has no
                        input lines, so they are matched per document): violations that carry no
                        warning. unwarned-numbering (a numbered series with a gap, a repeat or a
                        step back: structure.numbering), unwarned-clause-place (an operative verb
                        or the formula in the preamble, a participle leading an operative
                        paragraph: structure.clause-place or markdown.unnumbered),
                        unwarned-label-in-text (`V. Opening …` as a paragraph, `… coercion.
                        Action 2. We …`: structure.label-in-text), unwarned-glued-marker (a
                        note's number glued to a word: footnote.glued-marker),
                        unwarned-mostly-numbers (a paragraph of figures: structure.mostly-numbers),
                        unwarned-note-in-text (a paragraph ending in the marker of a note not in
                        the file, notes read as a paragraph: footnote.in-text).

For a PDF input (the dev-pdf corpus), read with poppler's `pdftohtml -xml -i` as akn reads it:

  pdf-heading-as-paragraph  a heading of the print read as a paragraph: a line (or the wrapped
                        lines of one heading) set in bold, alone on its line (no column of a
                        table), at least the size of the body text, with letters and not ending
                        on a comma, semicolon or colon, after the adoption line and outside the
                        page furniture (the top and bottom bands) and the notes below the rule,
                        whose text is a body <p> (preamble, main body, an annex's body; not
                        a table's cell) of its own, or opens or ends one (glued into it) and
                        is no heading of the XML.
  pdf-flattened-table   a table of the print read as paragraphs: three lines or more (a line
                        of a wrapped cell between them allowed) after the adoption line,
                        outside the furniture and above the notes, each parted into cells by
                        gaps wider than twice the font's size, with a column after the first
                        whose left or right edge at least three of them share; counted when
                        fewer than half of its cells with words are inside a <table> of the
                        XML.
  pdf-italic-not-printed an <i> of the preamble, main body or annexes (notes within them
                        included) that is not a whole italic run of the print, nor a whole
                        part of one split by a note marker or a parenthesis: the precision
                        side of ../shared/tools/pdf-italics.py and Tests/AkomaNtosoTests/
                        PDFItalicsTests.swift (same runs, same normalisation).
                        Without pdftohtml on the PATH the pdf-* counters are not counted (and
                        their ceilings report a regression).

and, where the corpus folder has them, compares the outputs with the ground truth:
dev/manifest.tsv (symbol, session, adoption_date, operative_paragraphs, footnotes, has_annex,
title; read from the XML as Tests/AkomaNtosoTests/CorpusTests.swift reads the model, its
knownDifferences being the documented exceptions) and dev-decisions/decisions.tsv (number,
title, date). Folders whose names end in `__railcar_*.txt` are also checked against the same
document's output in the other folders (`form-*` counters: the same resolution in every form).

It prints a table (rows: counters, columns: corpora) and, with --json, writes every document's
findings. With --ceilings FILE (Tests/quality-ceilings.json) it exits 1 when a counter is over
its ceiling or a corpus converts fewer documents than its floor: a ratchet whose ceilings only
go down (--lower-ceilings rewrites the file where the counts fell; --write-ceilings writes
today's counts as a new file). Exit codes: 0 fine, 1 regression, 2 tool error.
"""

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import corpus_common as common

NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"

COUNTERS = [
    "hyphen-space",
    "hyphen-space-capital",
    "markdown-left",
    "bad-href",
    "other-body-as-ga",
    "conclusions-overflow",
    "eid-off-convention",
    "unwarned-numbering",
    "unwarned-clause-place",
    "unwarned-label-in-text",
    "unwarned-glued-marker",
    "unwarned-mostly-numbers",
    "unwarned-note-in-text",
]


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def collapse(text):
    return " ".join(text.split())


# MARK: The output's text


#: Elements that sit inside a line of text; every other element starts a line of its own.
INLINE = {
    "a", "abbr", "affectedDocument", "b", "concept", "date", "def", "docAuthority", "docCommittee",
    "docDate", "docIntroducer", "docJurisdiction", "docNumber", "docProponent", "docPurpose",
    "docStage", "docStatus", "docTitle", "docType", "entity", "event", "fillIn", "i", "inline",
    "legislature", "location", "mref", "noteRef", "object", "omissis", "organization", "person",
    "process", "quantity", "ref", "role", "rref", "session", "shortTitle", "span", "sub", "sup",
    "term", "time", "u", "vote", "outcome", "br", "eol", "img",
}


class Line:
    """One line of the output's text: the element it comes from, its raw text (whitespace as in
    the XML) and the refs/links in it with their start and end offsets in that text."""

    __slots__ = ("element", "raw", "refs", "path")

    def __init__(self, element, raw, refs, path):
        self.element, self.raw, self.refs, self.path = element, raw, refs, path

    @property
    def text(self):
        return collapse(self.raw)


def text_lines(root):
    """The document's text as lines, <meta> left out. A footnote (authorialNote) is a line of
    its own; where it was, the surrounding line just goes on. `path` is the tuple of element
    names from the root (used to tell lines of <conclusions>)."""
    lines = []

    def block(element, path):
        parts, refs = [], []
        size = [0]

        def add(text):
            if text:
                parts.append(text)
                size[0] += len(text)

        def inline(node, path):
            name = local(node.tag)
            if name == "authorialNote":
                block(node, path + (name,))
                return
            if name in ("br", "eol"):
                add(" ")
            start = size[0]
            add(node.text)
            for child in node:
                inline(child, path + (name,))
                add(child.tail)
            if name in ("ref", "a"):
                refs.append((node, start, size[0]))

        def flush():
            raw = "".join(parts)
            if raw.strip():
                lines.append(Line(element, raw, list(refs), path))
            parts.clear()
            refs.clear()
            size[0] = 0

        add(element.text)
        for child in element:
            name = local(child.tag)
            if name == "meta":
                pass
            elif name in INLINE:
                inline(child, path)
            else:
                flush()
                block(child, path + (name,))
            add(child.tail)
        flush()

    block(root, (local(root.tag),))
    return lines


def body_elements(root):
    """Every element outside <meta> (the main one's and the attachments')."""
    def walk(element):
        for child in element:
            if local(child.tag) == "meta":
                continue
            yield child
            yield from walk(child)
    yield from walk(root)


# MARK: hyphen-space

LETTERS = r"[^\W\d_]+"
BREAK = re.compile(r"(" + LETTERS + r")([-\u2010\u2011])[ \t\u00a0]*$")
NEXT_WORD = re.compile(LETTERS)
SUSPENDED = {"and", "or", "to", "nor"}


def source_breaks(source):
    """Line-end hyphen breaks of a source text: [(left, hyphen, right, line number)]."""
    lines = source.splitlines()
    found = []
    for number, line in enumerate(lines[:-1], start=1):
        tail = line.rstrip(" \t\u00a0")
        if not tail.endswith(("-", "\u2010", "\u2011")):
            continue
        match = BREAK.search(tail[-80:])
        if not match:
            continue
        word = NEXT_WORD.match(lines[number].lstrip())
        if not word or word.group(0) in SUSPENDED:
            continue
        found.append((match.group(1), match.group(2), word.group(0), number))
    return found


def hyphen_space(source, lines):
    """Findings of hyphen-space and hyphen-space-capital: each a source break found in the output
    text as `left- right` (a break that occurs n times counts at most n times)."""
    text = "\n".join(line.text for line in lines)
    wanted = Counter()
    where = {}
    for left, hyphen, right, number in source_breaks(source):
        wanted[(left, hyphen, right)] += 1
        where.setdefault((left, hyphen, right), []).append(number)
    lower, capital = [], []
    if not wanted:
        return lower, capital
    # One pass over the text for every break: `left- right` as whole words.
    alternatives = sorted({re.escape(f"{l}{h} {r}") for l, h, r in wanted}, key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W\d_])(?:" + "|".join(alternatives) + r")(?![^\W\d_])")
    in_output = Counter(match.group(0) for match in pattern.finditer(text))
    # A `left- right` that the source prints inside a line is the source's own.
    printed = Counter(match.group(0) for line in source.splitlines() for match in pattern.finditer(line))
    for (left, hyphen, right), count in sorted(wanted.items()):
        spaced = f"{left}{hyphen} {right}"
        found = min(count, in_output[spaced] - printed[spaced])
        for number in where[(left, hyphen, right)][:found]:
            finding = f"{left}{hyphen} {right} (source line {number})"
            (lower if right[0].islower() else capital).append(finding)
    return lower, capital


# MARK: markdown-left

FRONT_MATTER_KEYS = ["symbol", "record_id", "title", "date", "language", "source_pdf", "extract_version",
                     "extracted_at"]
FRONT_MATTER = re.compile(r"(?:^|(?<=\s))(" + "|".join(FRONT_MATTER_KEYS) + r"):(?=\s|$)")
MARKDOWN = [  # (kind, a substring without which the pattern cannot match, pattern)
    ("footnote-ref", "[^", re.compile(r"\[\^[^\]\s]*\]")),
    ("caret-note", "^[", re.compile(r"\^\[[^\]]*\]")),
    ("rule", "---", re.compile(r"(?:^|(?<=\s))-{3,}(?=\s|$)")),
    # `**bold**` or `__bold__` around a word; not `AFGHANISTAN,** ALGERIA,*` (footnote markers).
    ("bold", "", re.compile(r"(?<![\w*])\*\*(?=[^\W_])[^*]*?(?<=[\w.)!?])\*\*(?![\w*])"
                        r"|(?<![\w_])__(?=[^\W_])[^_]*?(?<=[\w.)!?])__(?![\w_])")),
    ("heading", "#", re.compile(r"^#{1,6}\s")),
    ("escape", "\\", re.compile(r"\\[!-/:-@\[-`{-~]")),
    ("link", "](", re.compile(r"\[[^\]]+\]\((?:https?://|/)[^)\s]*\)")),
]


def markdown_left(lines):
    findings = []
    for line in lines:
        text = line.text
        keys = FRONT_MATTER.findall(text) if ":" in text else []
        # Front matter counts once per line: a line starting with a key, or holding several
        # (front matter collapsed into one paragraph, its `---` rules included); "title:"
        # alone inside a sentence is prose.
        front_matter = bool(keys) and (len(set(keys)) >= 2 or bool(FRONT_MATTER.match(text)))
        if front_matter:
            findings.append(f"front-matter ({', '.join(dict.fromkeys(keys))}): {excerpt(text, 0, 0, 0, 70)}")
        for kind, needle, pattern in MARKDOWN:
            if front_matter and kind == "rule" or needle not in text:
                continue
            if kind == "bold" and "**" not in text and "__" not in text:
                continue
            for match in pattern.finditer(text):
                findings.append(f"{kind}: {excerpt(text, match.start(), match.end())}")
    return findings


def excerpt(text, start, end, before=30, after=40):
    left = max(0, start - before)
    right = min(len(text), end + after)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


# MARK: bad-href

URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def href_problem(href):
    """Why `href` is not an RFC 3986 URI reference, or None."""
    if href is None or href == "":
        return "empty"
    if any(c.isspace() for c in href):
        return "whitespace"
    if not URI_CHARS.match(href):
        bad = sorted({c for c in href if not re.match(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]", c)})
        return "character " + " ".join(f"{c!r} (U+{ord(c):04X})" for c in bad)
    if re.search(r"%(?![0-9A-Fa-f]{2})", href):
        return "bad %-escape"
    if href.count("#") > 1:
        return "two #"
    head = re.split(r"[/?#]", href, maxsplit=1)[0]
    if ":" in head and not SCHEME.match(href):
        return "bad scheme"
    return None


def bad_href(root):
    findings = []
    for element in root.iter():
        href = element.get("href")
        if href is None:
            continue
        problem = href_problem(href)
        if problem:
            findings.append(f"{local(element.tag)} href={href!r}: {problem}")
    return findings


# MARK: other-body-as-ga

ROMAN_SESSION = re.compile(r"A/RES/\d+\([IVXL]+\)$")
GA_HREF = re.compile(r"^/akn/un/statement/deliberation/un-ga/|undocs\.org/(?:[a-z]{2}/)?A/(?:RES|DEC)/")
#: The session, number and (for an IRI) date of a General Assembly act's href.
GA_IRI = re.compile(r"/un-ga/(\d{4})-(\d{2})-(\d{2})/(\d+)-\d+")
GA_SYMBOL = re.compile(r"undocs\.org/(?:[a-z]{2}/)?A/(?:RES|DEC)/(\d+)/\d+")
NAME_TAIL = r"(?: (?:[A-Z][\w-]*|and|the|of|for|on))*"  # "Commission on Crime Prevention and Criminal Justice"
OTHER_BODIES = [
    r"Human Rights Council", r"Economic and Social Council", r"Security Council", r"Trusteeship Council",
    r"Governing Council", r"Council of the [A-Z][\w-]*" + NAME_TAIL, r"Council",
    r"(?:United Nations )?Environment Assembly", r"(?:World )?Health Assembly", r"(?:UN-)?Habitat Assembly",
    r"Assembly of (?:the )?States Parties", r"(?:Meeting|Conference) of (?:the )?States Parties",
    r"Conference of the Parties" + NAME_TAIL, r"General Conference" + NAME_TAIL,
    r"Conference of the [A-Z][\w-]*" + NAME_TAIL,
    r"Commission (?:on|for) [A-Z][\w-]*" + NAME_TAIL, r"(?:[A-Z][\w-]* )+Commission",
    r"(?:Trade and Development|Industrial Development|Executive) Board", r"Board of Governors",
    r"Governing Body", r"Executive Committee", r"Assembly of the [A-Z][\w-]*" + NAME_TAIL,
]
GA_MENTIONS = [r"General Assembly", r"\bthe Assembly", r"\bAssembly"]
OTHER = "|".join(f"(?:{p})" for p in OTHER_BODIES)
OTHER_ONLY = re.compile(r"\b(?:" + OTHER + r")\b")
BODY_MENTION = re.compile(r"\b(?:(?P<ga>" + "|".join(GA_MENTIONS) + r")|(?P<other>" + OTHER + r"))\b")
KEYWORD = re.compile(r"\b(?:resolutions?|decisions?)\b")
#: What may stand between "resolutions" and the ref: earlier refs (§), dates, separators.
LIST_FILLER = re.compile(r"§|\bof \d{1,2} [A-Z][a-z]+ \d{4}|\b(?:and|of|also|as well as)\b|[,\s()]")
AFTER = re.compile(r"^[\s,]*(?:of|by|adopted by) the (" + OTHER + r")\b")
WINDOW = 60


def text_before(line, index):
    """The line's text before its ref number `index`, earlier refs' labels each replaced by `§`
    (so that a long list of refs after "Human Rights Council resolutions" stays near its body)."""
    _, start, _ = line.refs[index]
    pieces, position = [], 0
    for _, other_start, other_end in sorted(line.refs[:index], key=lambda r: r[1]):
        if other_start >= position and other_end <= start:
            pieces += [line.raw[position:other_start], "§"]
            position = other_end
    pieces.append(line.raw[position:start])
    raw = "".join(pieces)
    return collapse(raw) + (" " if raw[-1:].isspace() else "")


def citing_body(before):
    """The body whose resolution a ref right after `before` cites: the one named just before the
    last "resolution(s)"/"decision(s)" (with nothing but a list of refs and dates between that
    word and the ref). None when that is the General Assembly ("its resolution", "General
    Assembly resolutions") or when no such word is near."""
    keywords = list(KEYWORD.finditer(before))
    if not keywords:
        return None
    keyword = keywords[-1]
    if LIST_FILLER.sub("", before[keyword.end():]) or len(before) - keyword.end() > 4 * WINDOW:
        return None
    head = before[:keyword.start()]
    if re.search(r"\bits(?: own)? $", head):
        return None  # "its resolution": the Assembly's own
    mentions = list(BODY_MENTION.finditer(head))
    if not mentions:
        return None
    mention = mentions[-1]
    gap = head[mention.end():]
    # "Human Rights Council resolution", "Environment Assembly at its fifth session, in resolution";
    # not "the Economic and Social Council and resolution" (another resolution, another body).
    if len(gap) > WINDOW or re.search(r"\b(?:and|or)\b|;", gap):
        return None
    if re.search(r"General Assembly and (?:the )?$", head[:mention.start()]):
        return None  # "the General Assembly and the Security Council of identical resolutions"
    return mention.group("other")


def impossible_ga_act(href):
    """Why the General Assembly act `href` names cannot be one, or None: the Assembly numbered
    its resolutions `N (S)` before its thirty-first session, so an `S/N` with S below 31 is
    another body's; session S runs from September of 1945 + S to September of the next year, so
    an act dated outside it is not the Assembly's `S/N`."""
    iri = GA_IRI.search(href)
    symbol = GA_SYMBOL.search(href)
    session = int(iri.group(4)) if iri else int(symbol.group(1)) if symbol else None
    if session is None:
        return None
    if session < 31:
        return f"session {session} numbered its resolutions N ({session})"
    if iri:
        year, month = int(iri.group(1)), int(iri.group(2))
        if not (1945 + session, 9) <= (year, month) <= (1946 + session, 9):
            return f"dated {iri.group(1)}-{iri.group(2)}-{iri.group(3)}, outside session {session}"
    return None


def clause_before(before):
    """The clause `before` ends with: back to its last ";" or sentence-ending full stop."""
    cut = max(before.rfind(";"), before.rfind(". "))
    return before[cut + 1:]


def clause_names_other_body(before):
    """The other body the clause before a ref names last as an author ("adopted by the X",
    "the resolutions of the X", "by the X at its seventy-ninth session, of resolution"), with no
    General Assembly named after it; None when the ref is the Assembly's own ("its resolution")."""
    clause = clause_before(before)
    if re.search(r"\bits(?: own)? (?:resolutions?|decisions?)\b[^;]*$", clause):
        return None
    mentions = list(BODY_MENTION.finditer(clause))
    if not mentions or not mentions[-1].group("other"):
        return None
    mention = mentions[-1]
    if not re.search(r"\b(?:by|of) the (?:[A-Z][\w-]* )*$", clause[:mention.start()]):
        return None
    # "… of the Economic and Social Council and resolution 75/290 B": another act, maybe another body.
    if re.search(r"\b(?:and|or)\b", clause[mention.end():]):
        return None
    return mention.group("other")


def other_body_as_ga(lines):
    findings = []
    for line in lines:
        for index, (node, start, end) in enumerate(line.refs):
            href = node.get("href") or ""
            if not GA_HREF.search(href) or ROMAN_SESSION.search(href):
                continue  # numbers with a Roman-numeral session ("1514 (XV)") are the Assembly's alone
            label = collapse(line.raw[start:end])
            before = text_before(line, index)
            inside = OTHER_ONLY.search(label)
            after = AFTER.match(collapse(line.raw[end:end + 2 * WINDOW]))
            body = inside.group(0) if inside else citing_body(before) or (after.group(1) if after else None)
            body = body or clause_names_other_body(before)
            impossible = impossible_ga_act(href)
            if body or impossible:
                why = repr(body) if body else impossible
                findings.append(f"{why} … {label!r} -> {href} ({excerpt(before, len(before), len(before), 60, 0)})")
    return findings


# MARK: conclusions-overflow

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MEETING_LINE = re.compile(r"^\S+ (?:\(resumed\) )?(?:plenary )?(?:meeting|meetings|meting)[.,]?$", re.I)
DATE_LINE = re.compile(r"^\d{1,2} (?:" + MONTHS + r") ?\d{4}\.?$")  # "4 December2024" as printed
TRAILER = re.compile(
    r"^Adopted\b|did not participate in the voting|\bwas absent\b|\bwere absent\b|\babstentions?\b"
    r"|\bvotes? (?:to|ta)\b|voted on in parts|adopted in parts|No vote was taken|absence of (?:any )?objections?"
    r"|no formal vote|No details of the vote|without (?:a )?vote|by consensus|present and not voting"
    r"|See the decision preceding", re.I)
RECORD_LINE = re.compile(r"^\((?:See )?[A-Z][^()]*(?:\([^()]*\)[^()]*)*\)\.?$")
STRAY_NUMBER = re.compile(r"\bmeetings?[.,]?\s+\d{1,3}[.,]?$")


def conclusion_problem(text):
    """Why a line of <conclusions> is not a closing line, or None."""
    if STRAY_NUMBER.search(text):
        return "stray number"
    if MEETING_LINE.match(text) or DATE_LINE.match(text) or RECORD_LINE.match(text) or TRAILER.search(text):
        return None
    return "not a closing line"


def conclusions_overflow(lines):
    findings = []
    for line in lines:
        # The resolution's own closing lines; an annex's document has its own conclusions (an
        # adopted instrument's final formulas and signatures), which are no meeting lines.
        if "conclusions" not in line.path or "attachment" in line.path:
            continue
        problem = conclusion_problem(line.text)
        if "authorialNote" in line.path and problem:
            # A note on the vote ("One member (China) did not participate in the voting.") is
            # part of the trailer; any other footnote does not belong here.
            problem = "footnote"
        if problem:
            findings.append(f"{problem}: {excerpt(line.text, 0, 0, 0, 90)}")
    return findings


# MARK: eid-off-convention

COMPONENT = re.compile(r"^(?P<name>[a-z][A-Za-z]*)(?:_(?P<num>[0-9A-Za-z]+))?$")


def eid_problem(eid):
    """The off-convention pattern of an eId (digits as N), or None."""
    for component in eid.split("__"):
        pattern = re.sub(r"\d+", "N", component)
        if re.search(r"-\d+$", component):
            return f"-N suffix ({pattern})"
        match = COMPONENT.match(component)
        if not match:
            return f"other ({pattern})"
        number = match.group("num") or ""
        if re.fullmatch(r"u\d+", number):
            return f"_uN ({pattern})"
        if re.fullmatch(r"p\d+", number):
            return f"_pN ({pattern})"
        if "star" in number:
            return f"star ({pattern})"
    return None


def eid_off_convention(root):
    findings = []
    seen = Counter()
    for element in body_elements(root):
        eid = element.get("eId")
        if eid is None:
            continue
        seen[eid] += 1
        problem = eid_problem(eid)
        if problem:
            findings.append(f"{problem}: {eid}")
    for eid, count in sorted(seen.items()):
        if count > 1:
            findings.append(f"duplicate ({count}x): {eid}")
    return findings


def pattern_of(finding):
    """'-N suffix (para_N-N)' from a finding of eid-off-convention."""
    return finding.split(": ", 1)[0]


# MARK: Invariants (recomputed from the XML; see Sources/AKNReading/Invariants.swift)

#: counter -> the rule id akn warns with. Each counter is the invariant's violations found in the
#: XML, independently of akn, less the warnings of that rule akn gave for the same document
#: (floored at 0): violations that carry no warning. The XML has no input lines, so a violation
#: and its warning are matched per document, not per line.
INVARIANTS = {
    # A division out of its series is warned while reading (structure.outline) as well.
    "unwarned-numbering": ("structure.numbering", "structure.outline"),
    # An operative paragraph left unnumbered in a Markdown extraction's preamble is warned as such.
    "unwarned-clause-place": ("structure.clause-place", "markdown.unnumbered"),
    "unwarned-label-in-text": ("structure.label-in-text",),
    "unwarned-glued-marker": ("footnote.glued-marker",),
    "unwarned-mostly-numbers": ("structure.mostly-numbers",),
    "unwarned-note-in-text": ("footnote.in-text",),
}

DIVISIONS = {"section", "article", "rule", "chapter", "part"}
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ROMAN_TABLE = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
               (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman_value(text):
    """The value of a Roman numeral written the usual way (`IV`), or None."""
    if not text or any(c not in ROMAN_VALUES for c in text):
        return None
    digits = [ROMAN_VALUES[c] for c in text]
    total = sum(-v if i + 1 < len(digits) and digits[i + 1] > v else v for i, v in enumerate(digits))
    rest, written = total, ""
    for amount, letters in ROMAN_TABLE:
        while rest >= amount:
            written, rest = written + letters, rest - amount
    return total if 0 < total < 4000 and written == text else None


def parse_num(printed):
    """(prefix, [(kind, value)]) of a number as printed (`1.`, `(a)`, `(iv)`, `Rule 6`), or None."""
    words = printed.split()
    if not words or len(words) > 2:
        return None
    prefix = ""
    if len(words) == 2:
        prefix = words[0].lower()
        if prefix not in ("article", "rule", "section", "part", "chapter", "annex"):
            return None
        words = words[1:]
    mark = words[0]
    if mark.startswith("(") and mark.endswith(")"):
        mark = mark[1:-1]
    elif mark.endswith((")", ".")):
        mark = mark[:-1]
    if not mark or len(mark) > 8 or not mark.isascii() or not mark.isalnum():
        return None
    if mark.isdigit():
        return prefix, [("arabic", int(mark))]
    if not (mark.islower() or mark.isupper()):
        return None
    case = "lower" if mark.islower() else "upper"
    readings = []
    roman = roman_value(mark.upper())
    if roman:
        readings.append((case + "Roman", roman))
    if len(mark) <= 2 and len(set(mark)) == 1:
        readings.append((case + "Letter", ord(mark[0].upper()) - 64 + 26 * (len(mark) - 1)))
    return (prefix, readings) if readings else None


def label_text(value, kind):
    """`value` as a label of `kind` prints it: 7, VII, B."""
    if kind == "arabic":
        return str(value)
    if kind.endswith("Roman"):
        numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out = ""
        for amount, numeral in numerals:
            while value >= amount:
                out += numeral
                value -= amount
        return out if kind.startswith("upper") else out.lower()
    letter = chr(64 + (value - 1) % 26 + 1) * (2 if value > 26 else 1)
    return letter if kind.startswith("upper") else letter.lower()


def printed_somewhere(text, num, skipped, kind):
    """Whether a label a labelled division's gap skipped ("Rule 48" between "Rule 47" and "Rule
    49") is printed in the document's text: then it was read as text and the gap is a defect; a
    gap whose labels are printed nowhere is the document's own (it amends or annotates some
    articles or rules only, a budget lists some sections)."""
    word = num.split(" ")[0]
    for value in list(skipped)[:50]:
        label = word + " " + label_text(value, kind)
        if re.search(re.escape(label) + r"(?![A-Za-z0-9])", text):
            return True
    return False


def series_problems(members, allow_first, state, text=None):
    """The gaps, repeats and steps back of one list of siblings: members are (num, is_heading);
    `state` holds the last number of each series of the document part (paragraphs that run on
    across sections); `text`, the document's text, for labelled divisions' gaps."""
    problems = []
    last = None  # (key, value)
    heading_since = False
    first = True
    for num, is_heading in members:
        if is_heading:
            heading_since = True
            continue
        parsed = parse_num(num) if num else None
        if not parsed:
            continue
        prefix, readings = parsed
        key = lambda kind: prefix + "/" + kind  # noqa: E731
        same = next((r for r in readings if last and key(r[0]) == last[0]), None)
        one = next((r for r in readings if r[1] == 1), None)
        on_after = next((r for r in readings if state.get(key(r[0]), -1) + 1 == r[1]), None)
        if same and same[1] == last[1] + 1:
            taken = same
        elif one:
            taken = one
            if last and key(one[0]) == last[0] and not heading_since:
                problems.append(f"{num} starts again")
        elif same:
            taken = same
            own_gap = (prefix and text is not None and same[1] > last[1] + 1
                       and not printed_somewhere(text, num, range(last[1] + 1, same[1]), same[0]))
            if not own_gap:
                problems.append(f"{num} after {last[1]}")
        elif first and on_after:
            taken = on_after
        else:
            taken = min(readings, key=lambda r: r[1])
            own_gap = (prefix and text is not None and taken[1] > 1
                       and not printed_somewhere(text, num, range(1, taken[1]), taken[0]))
            if not (first and allow_first) and not own_gap:
                problems.append(f"list starts at {num}")
        last = (key(taken[0]), taken[1])
        state[key(taken[0])] = taken[1]
        heading_since = False
        first = False
    return problems


def plain(element):
    """The element's text without its footnotes, collapsed."""
    parts = []

    def walk(node):
        if local(node.tag) == "authorialNote":
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return collapse("".join(parts))


def own_text(element):
    """A paragraph's or point's own text: its content, or its list's intro."""
    for child in element:
        if local(child.tag) == "content":
            return plain(child)
        if local(child.tag) == "list":
            for part in child:
                if local(part.tag) == "intro":
                    return plain(part)
    return ""


def num_of(element):
    node = element.find(NS + "num")
    return collapse("".join(node.itertext())) if node is not None else None


def agenda(text):
    text = (text or "").lower()
    return bool(re.match(r"item \d", text)) or "agenda item" in text or "following items" in text


def numbering_violations(statement):
    found = []
    # The document's text without its numbers and its metadata: where a skipped label would be.
    parts = []

    def gather(node):
        if local(node.tag) in ("num", "meta"):
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        for child in node:
            gather(child)
        parts.append(node.tail or "")

    gather(statement)
    text = " ".join(parts)

    def points(element):
        for lst in (c for c in element if local(c.tag) == "list"):
            if agenda(own_text(element)):
                continue
            # An unnumbered point among numbered ones is a heading or lead-in of the points after it.
            members = [(num_of(p), num_of(p) is None) for p in lst if local(p.tag) == "point"]
            found.extend(series_problems(members, False, {}))
            for point in lst:
                if local(point.tag) == "point":
                    points(point)

    def items(container, top, intro, scope):
        children = [c for c in container if local(c.tag) != "num"]
        paragraphs = [c for c in children if local(c.tag) == "paragraph"
                      or (local(c.tag) == "hcontainer" and c.get("name") == "crossHeading")]
        # A pact's actions (`hcontainer name="action"`) are divisions whose paragraphs run on.
        divisions = [c for c in children if local(c.tag) in DIVISIONS
                     or (local(c.tag) == "hcontainer" and c.get("name") == "action")]
        skip = agenda(intro)
        for p in paragraphs:
            if num_of(p) is not None:
                break
            skip = skip or agenda(own_text(p))
        if skip:
            return
        for p in paragraphs:
            if local(p.tag) == "paragraph":
                points(p)
        found.extend(series_problems([(num_of(p), local(p.tag) == "hcontainer") for p in paragraphs], top,
                                     scope["paragraphs"]))
        found.extend(series_problems([(num_of(d), False) for d in divisions], False, scope["divisions"], text))
        for division in divisions:
            heading = division.find(NS + "heading")
            intro = plain(heading) if heading is not None else None
            if local(division.tag) in ("section", "hcontainer"):
                items(division, False, intro, scope)
            else:
                # An article's or rule's paragraphs are its own, or run on from the last of the
                # article or rule before (a series through the divisions' headings).
                inner = {"paragraphs": scope.setdefault("division_paragraphs", {}), "divisions": scope["divisions"]}
                items(division, False, intro, inner)

    preamble = statement.find(NS + "preamble")
    last_p = [p for p in preamble.iter(NS + "p")] if preamble is not None else []
    body = statement.find(NS + "mainBody")
    if body is not None:
        items(body, True, plain(last_p[-1]) if last_p else None, {"paragraphs": {}, "divisions": {}})
    for doc in statement.iter(NS + "doc"):
        body = doc.find(NS + "mainBody")
        if body is not None:
            items(body, False, None, {"paragraphs": {}, "divisions": {}})
    return found


OPERATIVE_VERBS = set("""accepts acknowledges adopts affirms agrees appeals appoints approves asks assures authorizes
authorises calls commends concurs condemns confirms congratulates considers declares decides demands deplores
designates determines directs emphasizes emphasises encourages endorses establishes expresses extends highlights
insists instructs invites notes proclaims reaffirms recalls recognizes recognises recommends regrets reiterates
rejects reminds renews requests resolves stresses supports takes underlines underscores urges welcomes""".split())
ADVERBS = set("""also further furthermore again moreover once strongly urgently firmly fully hereby emphatically
cordially warmly most""".split())
PREAMBULAR_WORDS = set("""mindful aware conscious convinced concerned alarmed determined desirous cognizant guided
encouraged disturbed satisfied pleased dismayed gratified seized having deeply gravely seriously bearing""".split())
ING_WORDS = set("""according concerning during excluding following including notwithstanding pending regarding
nothing something anything everything""".split())
FORMULA = re.compile(r"^The (?:General Assembly|Security Council|Economic and Social Council|Trusteeship Council)"
                     r"[,:]?$")


def opens_operative(text):
    if not text[:1].isupper():
        return False
    for word in re.findall(r"[^\W\d_]+", text[:80])[:4]:
        if word.lower() in ADVERBS:
            continue
        return word.lower() in OPERATIVE_VERBS
    return False


def opens_participle(text):
    words = text.split()
    if not words or not text[:1].isupper():
        return False
    first = re.match(r"[^\W\d_-]*", words[0]).group(0).lower()
    if first in ING_WORDS or first in ADVERBS:
        return False
    if not ((first.endswith("ing") and len(first) > 4) or first in PREAMBULAR_WORDS):
        return False
    if len(words) > 1 and words[1][:1].islower() and words[1].endswith("s") and not words[1].endswith("ss"):
        return False  # "Deeply deplores"
    return not opens_operative(text)


def lowercase_verb_after_comma(text):
    return bool(re.search(r",\s+(?:(?:" + "|".join(ADVERBS) + r")\s+){0,2}(?:" + "|".join(OPERATIVE_VERBS) + r")\b",
                          text))


def clause_place_violations(statement):
    found = []
    preamble = statement.find(NS + "preamble")
    if preamble is not None:
        for child in preamble:
            if local(child.tag) == "formula":
                continue
            for p in child.iter(NS + "p"):
                text = plain(p)
                if FORMULA.match(text) or opens_operative(text):
                    found.append(f"preamble: {text[:60]}")
    if statement.get("name") != "resolution":
        return found

    def operative(container):
        for child in container:
            name = local(child.tag)
            if name == "paragraph":
                text = own_text(child)
                if opens_participle(text) and not lowercase_verb_after_comma(text):
                    found.append(f"operative: {text[:60]}")
            elif name == "section":
                operative(child)

    body = statement.find(NS + "mainBody")
    if body is not None:
        operative(body)
    return found


LABEL_WORDS = "Action|Article|Chapter|Part|Rule|Section|Annex|Appendix|Goal|Target"
LEADING_LABEL = re.compile(r"^(?:[IVXLC]{2,6}|[A-Z])\. (?:[A-Z][^\W\d_]+|A )")
INNER_LABEL = re.compile(r"[.;:!?] (?:" + LABEL_WORDS + r") (?:\d{1,4}|[IVXLC]{1,4})[.:] [A-Z]")


def blocks(statement):
    """(text, numbered) of every paragraph, point, preambular paragraph and intro: not headings,
    tables or quoted text."""
    result = []

    def walk(element):
        for child in element:
            name = local(child.tag)
            if name in ("meta", "heading", "num", "table", "embeddedStructure", "quotedStructure",
                        "authorialNote", "formula", "preface", "conclusions"):
                continue
            if name in ("paragraph", "point"):
                numbered = child.find(NS + "num") is not None
                result.append((own_text(child), numbered))
                for lst in child:
                    if local(lst.tag) == "list":
                        for part in lst:
                            if local(part.tag) == "wrapUp":
                                result.append((plain(part), True))
                            elif local(part.tag) == "point":
                                walk_one(part)
                continue
            if name == "p" and local(element.tag) == "preamble":
                result.append((plain(child), False))
                continue
            walk(child)

    def walk_one(point):
        wrapper = ET.Element("wrapper")
        wrapper.append(point)
        walk(wrapper)

    walk(statement)
    return result


def label_violations(statement):
    found = []
    for text, numbered in blocks(statement):
        if not numbered and LEADING_LABEL.match(text):
            found.append(f"leading: {text[:60]}")
        elif INNER_LABEL.search(text):
            found.append(f"inner: {INNER_LABEL.search(text).group(0)}")
    return found


def mostly_numbers_violations(statement):
    found = []
    for text, _ in blocks(statement):
        words = text.split()
        if len(words) < 8:
            continue
        figures = sum(1 for w in words if not w.startswith("(") and any(c.isdigit() for c in w)
                      and all(c.isdigit() or c in ",.%–-/$€£*" for c in w))
        if figures * 4 >= len(words) * 3:
            found.append(f"{figures} of {len(words)} words: {text[:60]}")
    return found


def glued_marker_violations(statement, unmatched):
    """Words with a note's number glued: the word without it is printed elsewhere and ends in a
    letter or a year; where a note has no marker (`unmatched`), also one holding a letter."""
    markers = {n.get("marker") for n in statement.iter(NS + "authorialNote") if (n.get("marker") or "").isdigit()}
    if not markers:
        return []
    texts = [text for text, _ in blocks(statement)]
    edges = ",.;:()[]“”\"'"
    words = [w.strip(edges) for text in texts for w in text.split()]
    vocabulary = set(words)
    found = []
    for marker in sorted(markers):
        for word in words:
            if len(word) <= len(marker) or not word.endswith(marker) or "," in word:
                continue
            stem = word[:-len(marker)]
            year = re.search(r"(?<!\d)(\d{4})$", stem)
            if (stem[-1:].isalnum() and not ("." in stem and stem[-1].isdigit()) and stem in vocabulary
                    and (stem[-1].isalpha() or (year and 1900 <= int(year.group(1)) <= 2099)
                         or (unmatched and any(c.isalpha() for c in stem)))):
                found.append(f"{word} (note {marker})")
                break
    return found


COUNTING = set("""and or to paragraph paragraphs resolution resolutions article articles rule rules section sections
chapter annex item items page pages no nos part parts decision decisions meeting meetings point points""".split())


def note_in_text_violations(statement):
    """Paragraphs ending in a note's marker whose note is not in the file (`Council, 123`), and
    notes read as a paragraph (`10 Ibid., document S/6569.`)."""
    markers = {n.get("marker") for n in statement.iter(NS + "authorialNote")}
    found = []
    for text, _ in blocks(statement):
        words = text.split()
        if len(words) < 3:
            continue
        last, before = words[-1], words[-2]
        if (re.fullmatch(r"\d{1,3}", last) and last not in markers and before[-1] in ",;"
                and not any(c.isdigit() for c in before[:-1]) and before[:-1].lower() not in COUNTING):
            found.append(f"ends in {before} {last}")
        elif re.fullmatch(r"\d{1,3}", words[0]) and words[1] in ("Ibid.", "Ibid.,", "See", "Official"):
            found.append(f"notes as text: {text[:60]}")
    return found


def invariant_violations(root, unmatched=False):
    """{counter: [violations]} of the invariants, found in the XML; `unmatched`: a footnote of the
    document has no marker in the text (akn said so)."""
    statement = next((c for c in root if local(c.tag) != "meta"), root)
    return {
        "unwarned-numbering": numbering_violations(statement),
        "unwarned-clause-place": clause_place_violations(statement),
        "unwarned-label-in-text": label_violations(statement),
        "unwarned-glued-marker": glued_marker_violations(statement, unmatched),
        "unwarned-mostly-numbers": mostly_numbers_violations(statement),
        "unwarned-note-in-text": note_in_text_violations(statement),
    }


def unwarned(violations, warnings):
    """Per counter, the violations left once each warning of its rule has answered one."""
    return {name: found[sum(warnings.get(rule, 0) for rule in INVARIANTS[name]):]
            for name, found in violations.items()}


# MARK: Headings of a PDF's print


def pdf_layout(pdf_path):
    """The pdf2xml of a PDF (`pdftohtml -xml -i`), or None when pdftohtml is not on the PATH."""
    if shutil.which("pdftohtml") is None:
        return None
    try:
        run = subprocess.run(["pdftohtml", "-xml", "-i", "-hidden", "-q", "-stdout", str(pdf_path)],
                             capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise common.ToolError(f"pdftohtml {pdf_path}: {error}")
    return run.stdout


def print_text(text):
    """A line of print as the XML has it: entities, soft hyphens, a word split at a line end and
    runs of spaces normalised."""
    text = html.unescape(text).replace("\u00ad", "")
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return collapse(text)


LONE_LABEL = re.compile(r"(Annex|ANNEX|Rule|Article|Chapter|Part|Section|Appendix)( [\w.]+)?\.?|[IVXL]+\.?|[A-Z]\.?")


def printed_pages(pdf2xml):
    """[(page number, page height, visual lines)] of a pdf2xml: each line's runs sharing half their
    height's band, each run with its box, font size, text and whether its words are all bold."""
    root = ET.fromstring(pdf2xml)
    sizes, pages = {}, []
    for page in root.iter("page"):
        height = float(page.get("height") or 0)
        runs = []
        for element in page:
            if element.tag == "fontspec":
                sizes[element.get("id")] = float(element.get("size") or 0)
                continue
            if element.tag != "text":
                continue
            pieces = []

            def walk(node, bold):
                bold = bold or node.tag == "b"
                if node.text:
                    pieces.append((node.text, bold))
                for child in node:
                    walk(child, bold)
                    if child.tail:
                        pieces.append((child.tail, bold))
            walk(element, False)
            text = "".join(piece for piece, _ in pieces)
            if not text.strip():
                continue
            top, left, width, tall = (float(element.get(k) or 0) for k in ("top", "left", "width", "height"))
            runs.append({"top": top, "bottom": top + tall, "left": left, "right": left + width,
                         "tall": tall, "size": sizes.get(element.get("font"), tall), "text": text,
                         "bold": all(b for piece, b in pieces if piece.strip())})
        lines = []
        for run in sorted(runs, key=lambda r: (r["top"], r["left"])):
            for line in lines[-8:]:
                if min(line["bottom"], run["bottom"]) - max(line["top"], run["top"]) >= 0.5 * min(line["tall"], run["tall"]):
                    line["runs"].append(run)
                    line["bottom"] = max(line["bottom"], run["bottom"])
                    break
            else:
                lines.append({"top": run["top"], "bottom": run["bottom"], "tall": run["tall"], "runs": [run]})
        pages.append((int(page.get("number") or 0), height, lines))
    return pages


def body_lines(pages, joined=""):
    """(page number, line, its text) of the resolution's body: from "Resolution adopted by" on,
    page furniture (the foot, and the head of pages after the first) left out, up to each page's
    note rule. The text is the line's runs left to right, joined by `joined`."""
    started = False
    for number, height, lines in pages:
        for line in lines:
            text = print_text(joined.join(r["text"] for r in sorted(line["runs"], key=lambda r: r["left"])))
            if not started:
                started = text.startswith(("Resolution adopted by", "Decision adopted by"))
                continue
            if line["top"] >= 0.88 * height or (number > 1 and line["bottom"] <= 0.1 * height):
                continue  # page furniture
            if re.fullmatch(r"_{3,}", text):
                break  # the notes below the rule
            yield number, line, text


def printed_headings(pdf2xml):
    """[(page, text)]: the headings of the print (see pdf-heading-as-paragraph), the wrapped lines
    of one heading joined (not to a label alone on the line before: "Annex", "Rule 8"), in reading
    order."""
    pages = printed_pages(pdf2xml)
    characters = Counter()
    for _, _, lines in pages:
        for line in lines:
            for run in line["runs"]:
                characters[run["size"]] += len(run["text"])
    body = max(characters, key=lambda size: (characters[size], -size)) if characters else 0
    found = []
    for number, line, text in body_lines(pages):
        runs = sorted(line["runs"], key=lambda r: r["left"])
        size = max(r["size"] for r in runs)
        columns = any(b["left"] - a["right"] > 3 * size for a, b in zip(runs, runs[1:]))
        bold = all(r["bold"] for r in runs if r["size"] > 0.8 * size)
        if (columns or not bold or size < 0.95 * body or not re.search(r"[A-Za-z]{2}", text)
                or text[-1] in ",;:"):
            continue
        previous = found[-1] if found else None
        if (previous and previous[0] == number and 0 < line["top"] - previous[2] <= 1.5 * line["tall"]
                and not LONE_LABEL.fullmatch(previous[1])):
            found[-1] = (number, print_text(previous[1] + " " + text), line["top"])
        else:
            found.append((number, text, line["top"]))
    return [(number, text) for number, text, _ in found]


def printed_tables(pdf2xml):
    """[(page, rows)]: the tables of the print (see pdf-flattened-table), each row its cells'
    texts, left to right."""
    found, rows, state = [], [], {"page": None, "between": 0}

    def close():
        if len(rows) >= 3 and shared_column(rows):
            found.append((state["page"], [[print_text(cell["text"]) for cell in row] for row in rows]))
        rows.clear()
    for number, line, _ in body_lines(printed_pages(pdf2xml), joined=" "):
        if number != state["page"]:
            close()  # a table ends with its page
            state["page"], state["between"] = number, 0
        size = max(r["size"] for r in line["runs"])
        cells = []
        for run in sorted(line["runs"], key=lambda r: r["left"]):
            if cells and run["left"] - cells[-1]["right"] <= 2 * size:
                cells[-1]["text"] += " " + run["text"]
                cells[-1]["right"] = max(cells[-1]["right"], run["right"])
            else:
                cells.append({"left": run["left"], "right": run["right"], "text": run["text"]})
        if len(cells) >= 2:
            rows.append(cells)
            state["between"] = 0
        else:
            state["between"] += 1
            if state["between"] > 2:
                close()
    close()
    return found


def shared_column(rows):
    """Whether a column after the first has its left or right edge shared (within 4 units) by
    at least three of the rows."""
    edges = [(index, cell["left"], cell["right"]) for index, row in enumerate(rows) for cell in row[1:]]
    return any(len({i for i, l, _ in edges if abs(l - left) <= 4}) >= 3
               or len({i for i, _, r in edges if abs(r - right) <= 4}) >= 3
               for _, left, right in edges)


def flattened_tables(root, tables):
    """The tables of the print fewer than half of whose cells with words are inside a <table>
    of the XML."""
    inside = [print_text("".join(e.itertext())) for e in root.iter() if local(e.tag) == "table"]
    found = []
    for page, rows in tables:
        cells = [cell for row in rows for cell in row if re.search(r"[A-Za-z]{2}", cell)]
        if not cells:
            continue
        kept = sum(any(cell in table for table in inside) for cell in cells)
        if 2 * kept < len(cells):
            found.append(f"p. {page}: {len(rows)} rows, \"{' | '.join(rows[0])[:80]}\"")
    return found


ITALIC_SKIP = re.compile(
    r"^(the general assembly|the security council|the economic and social council|"
    r"\d+(st|nd|rd|th) plenary meeting.*|\d{1,2} \w+ \d{4}|without reference to a main committee.*|"
    r"on the report of the .*|adopted by .*|distr\.?.*|agenda item.*)$", re.I)


def italic_norm(text):
    text = html.unescape(text).replace("\u00ad", "")
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    text = re.sub(r"(\d) ?([\u2013\u2014]) ?(\d)", r"\1\2\3", text)  # a range: "5 –13" is "5–13"
    return re.sub(r"\s+", " ", text).strip(" ,;:.\u2019'\"()")


FOOTER = re.compile(r"\d+/\d+|\d{2}-\d{5}.*|\*\d+\*|[A-Z]+/(RES|DEC)/\S+")


def printed_italic_runs(pdf2xml):
    """The italic runs of the print, as ../shared/tools/pdf-italics.py reads them: consecutive
    italic pieces in the order drawn, across line breaks; a roman space between italic words of
    one line does not end a run, a roman piece or a new line after one does; the masthead's and
    closing lines' runs left out. Two flows, as akn reads them: the body, and the notes below
    each page's rule; the page furniture (the running head, the foot's page number, job number
    and symbol) is in neither, so that a run
    goes on over a page break ("State of the World's Biodiversity for Food" / (the notes, the
    page's foot and the next page's head) / "and Agriculture")."""
    out = pdf2xml.decode("utf-8", "replace")
    flows = {False: [], True: []}
    for page, attributes, body in re.findall(r'<page number="(\d+)"([^>]*)>(.*?)</page>', out, re.S):
        height = float((re.search(r'height="([\d.]+)"', attributes) or [0, 0])[1])
        texts = re.findall(r'<text top="(\d+)" left="(\d+)" width="\d+" height="(\d+)"[^>]*>(.*?)</text>', body, re.S)
        rules = [int(top) for top, _, _, inner in texts if re.fullmatch(r"_{3,}", re.sub(r"<[^>]+>", "", inner).strip())]
        for top, left, tall, inner in texts:
            top = int(top)
            plain = re.sub(r"<[^>]+>", "", inner).strip()
            if height and ((int(page) > 1 and top + int(tall) <= 0.1 * height)
                           or (top >= 0.88 * height and (not plain or FOOTER.fullmatch(plain)))):
                continue  # page furniture: the running head, the foot's page number, job number, symbol
            items = flows[bool(rules) and top > min(rules)]
            bare = re.sub(r"</?a[^>]*>", "", inner).strip()
            text = re.sub(r"<[^>]+>", "", bare)
            if not text.strip() and not bare.startswith("<i>"):
                if items and items[-1][3] and (items[-1][0], abs(items[-1][1] - top) <= 3) != (int(page), True):
                    items.append((int(page), top, int(left), False, ""))
                continue
            if not text.strip() or re.fullmatch(r"_{3,}", text.strip()):
                continue
            italic = bare.startswith("<i>") and bare.endswith("</i>") or bare.startswith("<b><i>")
            items.append((int(page), top, int(left), italic, text))
    runs = []
    for items in flows.values():
        current = []
        for item in items:
            if item[3]:
                current.append(item[4])
            elif current:
                runs.append(italic_norm(" ".join(current)))
                current = []
        if current:
            runs.append(italic_norm(" ".join(current)))
    return [r for r in runs if r and not ITALIC_SKIP.match(r) and re.search(r"[A-Za-z]", r)]


def italics_not_printed(root, runs):
    """The <i> of the preamble, main body and annexes that are no whole italic run of the print
    (nor a whole part of one split by a note marker or a parenthesis)."""
    parts = set(runs)
    for run in runs:
        parts.update(part.strip() for part in re.split(r" ?\d+ ?$|\(|\)", run))
    found = []
    for name in ("preamble", "mainBody", "attachments", "body"):
        for section in root.iter(NS + name):
            for element in section.iter(NS + "i"):
                text = italic_norm("".join(element.itertext()))
                if text and text not in parts:
                    found.append(f"<i>{text[:100]}</i>")
    return found


def body_paragraphs(root):
    """The text of every <p> of the body: the preamble's and main body's, an annex's included;
    the prefaces, headings, numbers, conclusions and tables' cells left aside."""
    texts = []

    def walk(node, inside):
        tag = local(node.tag)
        if tag in ("meta", "preface", "conclusions", "heading", "subheading", "num", "authorialNote", "table"):
            return  # a table's cells (a sub-heading row among them) are no paragraphs
        if tag == "p" and inside:
            texts.append(print_text("".join(node.itertext())))
            return
        for child in node:
            walk(child, inside or tag in ("preamble", "mainBody"))
    walk(root, False)
    return texts


def headings_as_paragraphs(root, headings):
    """The headings of the print whose text is a body <p>, or opens or ends one and is no
    heading of the XML ("Written statements" over "Written statements submitted by …")."""
    paragraphs = body_paragraphs(root)
    titles = {print_text("".join(e.itertext())) for e in root.iter()
              if local(e.tag) in ("heading", "subheading", "docTitle")}
    found = []
    for page, text in headings:
        text = text.rstrip(" *")
        if any(p == text or (text not in titles and (p.startswith(text + " ") or p.endswith(" " + text)))
               for p in paragraphs):
            found.append(f"p. {page}: \"{text[:100]}\"")
    return found


# MARK: One document


def analyse(xml_bytes, source=None):
    """{counter: [findings]} for one output (and its source text, for hyphen-space)."""
    root = ET.fromstring(xml_bytes)
    lines = text_lines(root)
    findings = {name: [] for name in COUNTERS}
    if source is not None:
        findings["hyphen-space"], findings["hyphen-space-capital"] = hyphen_space(source, lines)
    findings["markdown-left"] = markdown_left(lines)
    findings["bad-href"] = bad_href(root)
    findings["other-body-as-ga"] = other_body_as_ga(lines)
    findings["conclusions-overflow"] = conclusions_overflow(lines)
    findings["eid-off-convention"] = eid_off_convention(root)
    return root, findings


# MARK: Facts read from the XML (as CorpusTests.swift reads the model)

MONTH_NAMES = MONTHS.split("|")


def printed_date(iso):
    """'2023-12-19' -> '19 December 2023' (as the manifest prints dates)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not match:
        return "-"
    year, month, day = match.groups()
    return f"{int(day)} {MONTH_NAMES[int(month) - 1]} {year}"


def operative_count(statement):
    """Resolution.operativeParagraphCount, from the XML: numbered paragraphs over all sections
    (unnumbered ones only where nothing around is numbered); for a decision its parts, else 1."""
    body = statement.find(NS + "mainBody")
    if body is None:
        return 0
    if statement.get("name") == "decision":
        parts = [c for c in body if local(c.tag) == "section"
                 or (local(c.tag) == "hcontainer" and c.get("name") == "crossHeading")]
        return max(len(parts), 1)

    def count(container, in_numbered):
        paragraphs = [c for c in container if local(c.tag) == "paragraph"]
        numbered = sum(1 for p in paragraphs if p.find(NS + "num") is not None)
        unnumbered = len(paragraphs) - numbered
        in_sections = sum(count(c, in_numbered or numbered > 0) for c in container if local(c.tag) == "section")
        return in_sections + (numbered if numbered > 0 else 0 if in_numbered else unnumbered)

    return count(body, False)


def facts(root):
    """The manifest's facts as the output carries them."""
    statement = next((c for c in root if local(c.tag) != "meta"), root)
    work = statement.find(f"{NS}meta/{NS}identification/{NS}FRBRWork")

    def work_value(tag, attribute, **match):
        if work is None:
            return None
        for node in work.findall(NS + tag):
            if all(node.get(k) == v for k, v in match.items()):
                return node.get(attribute)
        return None

    adoption = work_value("FRBRdate", "date", name="adoption")
    session = None
    for node in statement.iter():
        if local(node.tag) == "session" and node.tag.startswith("{urn:x-akn-converter:ods}"):
            session = (node.text or "").strip()
    if not session:
        author = work_value("FRBRauthor", "href") or ""
        number = work_value("FRBRnumber", "value") or ""
        if author == "#un-sc" and adoption:
            session = adoption[:4]  # the manifest gives a Security Council resolution's year
        elif re.match(r"^\d+-", number):
            session = number.split("-")[0]
    # A footnote referred to twice is written twice; the model (and the manifest) counts it once.
    # A table's notes (at their markers in its cells) are the table's, not the document's footnotes.
    in_tables = {id(n) for t in statement.iter(NS + "table") for n in t.iter(NS + "authorialNote")}
    notes = {(n.get("marker"), collapse("".join(n.itertext()))) for n in statement.iter(NS + "authorialNote")
             if id(n) not in in_tables}
    symbol = work_value("FRBRalias", "value", name="documentSymbol")
    shown = work_value("FRBRnumber", "showAs")
    if not symbol and shown and statement.get("name") == "decision":
        symbol = f"decision {shown}"  # a GA decision is cited by its number; the manifest's form
    return {
        "symbol": symbol or "-",
        "number": shown or "-",
        "session": session or "-",
        "adoption_date": printed_date(adoption),
        "adoption_iso": adoption or "-",
        "operative_paragraphs": str(operative_count(statement)),
        "footnotes": str(len(notes)),
        "has_annex": "yes" if statement.find(f"{NS}attachments/{NS}attachment") is not None else "no",
        "title": work_value("FRBRname", "value") or "-",
    }


# MARK: Ground truth

MANIFEST_FIELDS = ["symbol", "session", "adoption_date", "operative_paragraphs", "footnotes", "has_annex", "title"]
#: CorpusTests.swift's names of the fields in knownDifferences.
SWIFT_FIELD_NAMES = {"symbol": "symbol", "adoption date": "adoption_date", "title": "title",
                     "operative paragraphs": "operative_paragraphs", "footnotes": "footnotes", "annex": "has_annex"}


def read_tsv(path):
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if line.strip():
            fields = line.split("\t")
            rows.append(dict(zip(header, fields + [""] * (len(header) - len(fields)))))
    return rows


def unquote(value):
    if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
        return value[1:-1].replace('""', '"')
    return value


def known_differences():
    """{(file, field): reason} from CorpusTests.swift's knownDifferences (the documented exceptions)."""
    path = common.ROOT / "Tests" / "AkomaNtosoTests" / "CorpusTests.swift"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    block = re.search(r"knownDifferences[^=]*=\s*\[(.*?)\n\s*\]", text, re.S)
    known = {}
    for file, field, reason in re.findall(r'"(\S+\.txt) ([a-z ]+)":\s*"([^"]*)"', block.group(1) if block else ""):
        if field in SWIFT_FIELD_NAMES:
            known[(file, SWIFT_FIELD_NAMES[field])] = reason
    if not known:
        print(f"corpus-quality: note: no knownDifferences found in {path}: every manifest mismatch counts",
              file=sys.stderr)
    return known


def check_manifest(rows, outputs):
    """Per document, the manifest fields its output gets wrong. `outputs`: {file: facts}."""
    known = known_differences()
    result = {}
    for row in rows:
        file = row["file"]
        if file not in outputs:
            continue
        got = outputs[file]
        expected = {
            "symbol": row["symbol"], "session": row["session"], "adoption_date": row["adoption_date"],
            "operative_paragraphs": row["operative_paragraphs"], "footnotes": row["footnotes"],
            "has_annex": row["has_annex"], "title": collapse(unquote(row["title"])),
        }
        mismatches = []
        for field in MANIFEST_FIELDS:
            if field == "title" and not expected["title"]:
                continue
            if field == "symbol" and got[field].replace(",", "") == expected[field].replace(",", ""):
                continue  # "71/546 A, B and C" as the UN prints it, "A B and C" in the manifest
            if got[field] != expected[field]:
                mismatches.append({"field": field, "got": got[field], "manifest": expected[field],
                                   "known": known.get((file, field))})
        for (known_file, field), reason in sorted(known.items()):
            if known_file == file and not any(m["field"] == field for m in mismatches):
                mismatches.append({"field": field, "got": got[field], "manifest": expected[field],
                                   "known": reason, "now_matches": True})
        result[file] = mismatches
    return result


def normal_title(title):
    return collapse(title).rstrip("*").rstrip()


def check_decisions(rows, outputs):
    """Per document, whether its output carries decisions.tsv's number, title and date."""
    result = {}
    for row in rows:
        file = row["file"]
        if file not in outputs:
            continue
        got = outputs[file]
        number = collapse(row["number"])
        got_number = collapse(got["number"] if got["number"] != "-" else re.sub(r"^decision ", "", got["symbol"]))
        result[file] = {
            "number": {"ok": got_number == number, "got": got_number, "expected": number},
            "title": {"ok": normal_title(got["title"]) == normal_title(row["title"]), "got": got["title"],
                      "expected": normal_title(row["title"])},
            "date": {"ok": got["adoption_iso"] == row["meeting_date"].strip(), "got": got["adoption_iso"],
                     "expected": row["meeting_date"].strip()},
        }
    return result


FORM_FIELDS = ["symbol", "adoption_date", "title", "operative_paragraphs", "footnotes", "has_annex"]
FORM_SUFFIX = re.compile(r"__railcar_\w+\.txt$")


# MARK: The report


def corpus_of(snapshot_rows):
    corpora = {}
    for row in snapshot_rows:
        corpora.setdefault(row["corpus"], []).append(row)
    return corpora


def build_report(snapshot, corpus_root, log=print):
    """Everything the report says, as one JSON-able dict."""
    rows = common.read_summary(snapshot)
    records = common.read_reports(snapshot)
    report = {"snapshot": str(snapshot), "corpus": str(corpus_root) if corpus_root else None, "corpora": {}}
    facts_by_name = {}  # (corpus, file) -> facts, for the form check
    for corpus, corpus_rows in sorted(corpus_of(rows).items()):
        documents = [r for r in corpus_rows if r["status"] != "ignored"]
        entry = {
            "documents": len(documents),
            "converted": sum(r["status"] == "converted" for r in documents),
            "failed": sum(r["status"] == "failed" for r in documents),
            "ignored": sum(r["status"] == "ignored" for r in corpus_rows),
            "failed_by_rule": Counter(),
            "warnings_by_kind": Counter(),
            "counters": Counter({name: 0 for name in COUNTERS}),
            "eid_patterns": Counter(),
            "detail": {},
        }
        if not documents:
            entry["skipped"] = f"{entry['ignored']} files, none of them read by akn"
        for row in documents:
            record = records.get((corpus, row["input"]), {})
            detail = {"status": row["status"], "errors": common.parse_rule_counts(row["errors"]),
                      "warnings": common.parse_rule_counts(row["warnings"])}
            entry["warnings_by_kind"].update(detail["warnings"])
            if row["status"] == "failed":
                first = (record.get("errors") or [{}])[0]
                entry["failed_by_rule"][first.get("rule", "?")] += 1
                detail["error"] = f"line {first.get('line')}: {first.get('message', '')}"
            if row["status"] == "converted" and record.get("output"):
                xml_path = Path(snapshot) / corpus / record["output"]
                source = None
                if corpus_root is not None:
                    source_path = Path(corpus_root) / corpus / row["input"]
                    if source_path.is_file():
                        source = source_path.read_bytes().decode("utf-8", "replace")
                try:
                    root, findings = analyse(xml_path.read_bytes(), source)
                except (OSError, ET.ParseError) as error:
                    raise common.ToolError(f"{xml_path}: {error}")
                unmatched = detail["warnings"].get("footnote.unmatched", 0) > 0
                findings.update(unwarned(invariant_violations(root, unmatched), detail["warnings"]))
                if corpus_root is not None and row["input"].lower().endswith(".pdf"):
                    layout = pdf_layout(Path(corpus_root) / corpus / row["input"])
                    if layout is not None:
                        findings["pdf-heading-as-paragraph"] = headings_as_paragraphs(
                            root, printed_headings(layout))
                        findings["pdf-flattened-table"] = flattened_tables(root, printed_tables(layout))
                        findings["pdf-italic-not-printed"] = italics_not_printed(root, printed_italic_runs(layout))
                detail["counters"] = {k: len(v) for k, v in findings.items() if v}
                detail["findings"] = {k: v for k, v in findings.items() if v}
                entry["counters"].update({k: len(v) for k, v in findings.items()})
                entry["eid_patterns"].update(pattern_of(f) for f in findings["eid-off-convention"])
                detail["facts"] = facts(root)
                facts_by_name[(corpus, row["input"])] = detail["facts"]
            entry["detail"][row["input"]] = detail
        report["corpora"][corpus] = entry

    # Ground truth, where the corpus folder has it.
    for corpus, entry in report["corpora"].items():
        folder = Path(corpus_root) / corpus if corpus_root else None
        outputs = {name: facts_by_name[(corpus, name)] for (c, name) in facts_by_name if c == corpus}
        if folder and (folder / "manifest.tsv").is_file():
            checked = check_manifest(read_tsv(folder / "manifest.tsv"), outputs)
            entry["manifest"] = {"documents": len(checked), "mismatches": {}}
            for field in MANIFEST_FIELDS:
                wrong = [f for f, ms in checked.items() for m in ms
                         if m["field"] == field and not m.get("known") and not m.get("now_matches")]
                entry["counters"][f"manifest-{field}"] = len(wrong)
            for file, mismatches in checked.items():
                if mismatches:
                    entry["detail"][file]["manifest"] = mismatches
                    for m in mismatches:
                        entry["manifest"]["mismatches"].setdefault(m["field"], []).append(
                            f"{file}: got {m['got']!r}, manifest {m['manifest']!r}"
                            + (f" (known: {m['known']})" if m.get("known") else "")
                            + (" NOW MATCHES: remove it from knownDifferences" if m.get("now_matches") else ""))
        if folder and (folder / "decisions.tsv").is_file():
            checked = check_decisions(read_tsv(folder / "decisions.tsv"), outputs)
            entry["decisions"] = {"documents": len(checked)}
            for field in ("number", "title", "date"):
                right = sum(1 for c in checked.values() if c[field]["ok"])
                entry["decisions"][f"right_{field}"] = right
                entry["counters"][f"decisions-{field}"] = len(checked) - right
            for file, result in checked.items():
                entry["detail"][file]["decisions"] = {k: v for k, v in result.items() if not v["ok"]}

    # The same document in another form (railcar Markdown/raw text) must give the same facts.
    for corpus, entry in report["corpora"].items():
        forms = [name for name in entry["detail"] if FORM_SUFFIX.search(name)]
        if not forms:
            continue
        for field in FORM_FIELDS:
            entry["counters"][f"form-{field}"] = 0
        entry["form_reference"] = Counter()
        for name in forms:
            mine = facts_by_name.get((corpus, name))
            base = FORM_SUFFIX.sub(".txt", name)
            other = next(((c, f) for (c, f) in sorted(facts_by_name) if f == base and c != corpus), None)
            if mine is None or other is None:
                continue
            entry["form_reference"][other[0]] += 1
            theirs = facts_by_name[other]
            differences = {field: {"got": mine[field], other[0]: theirs[field]}
                           for field in FORM_FIELDS if mine[field] != theirs[field]}
            for field in differences:
                entry["counters"][f"form-{field}"] += 1
            if differences:
                entry["detail"][name]["form"] = differences
    return report


# MARK: Printing


def table(report):
    corpora = list(report["corpora"])
    entries = report["corpora"]
    rows = [("documents", lambda e: e["documents"]), ("converted", lambda e: e["converted"]),
            ("failed", lambda e: e["failed"])]
    rules = sorted({r for e in entries.values() for r in e["failed_by_rule"]})
    rows += [(f"  failed {rule}", lambda e, r=rule: e["failed_by_rule"].get(r, 0)) for rule in rules]
    kinds = sorted({k for e in entries.values() for k in e["warnings_by_kind"]})
    rows += [(f"warning {kind}", lambda e, k=kind: e["warnings_by_kind"].get(k, 0)) for kind in kinds]
    names = list(COUNTERS) + sorted({n for e in entries.values() for n in e["counters"]} - set(COUNTERS))
    rows += [(name, lambda e, n=name: e["counters"].get(n, "") if e["documents"] else "") for name in names]
    headers = [c.replace("bulk/", "") for c in corpora]
    label_width = max(len(r[0]) for r in rows)
    widths = [max(len(h), 5) for h in headers]
    out = ["".ljust(label_width) + "  " + "  ".join(h.rjust(w) for h, w in zip(headers, widths))]
    for label, value in rows:
        cells = []
        for corpus, width in zip(corpora, widths):
            entry = entries[corpus]
            if entry.get("skipped"):
                cells.append(("skipped" if label == "documents" else "").rjust(width))
                continue
            cell = value(entry)
            cells.append(str(cell if cell != 0 else "0" if cell == 0 else "").rjust(width))
        out.append(label.ljust(label_width) + "  " + "  ".join(cells))
    return out


def details(report, limit=12):
    """Per counter, the documents that have it (most first), and the ground-truth mismatches."""
    out = []
    for corpus, entry in report["corpora"].items():
        for name in sorted(entry["counters"]):
            hits = sorted(((d.get("counters", {}).get(name, 0), f) for f, d in entry["detail"].items()),
                          key=lambda x: (-x[0], x[1]))
            hits = [h for h in hits if h[0]]
            if not hits and not name.startswith(("manifest-", "decisions-", "form-")):
                continue
            if hits:
                shown = ", ".join(f"{f}={n}" for n, f in hits[:limit])
                out.append(f"{corpus} {name}: {len(hits)} documents: {shown}" + (" …" if len(hits) > limit else ""))
        if entry["eid_patterns"]:
            shown = ", ".join(f"{p}={n}" for p, n in entry["eid_patterns"].most_common())
            out.append(f"{corpus} eId patterns: {shown}")
        for field, lines in entry.get("manifest", {}).get("mismatches", {}).items():
            out.append(f"{corpus} manifest {field}: {len(lines)}")
            out += [f"    {line}" for line in lines]
        if "decisions" in entry:
            d = entry["decisions"]
            out.append(f"{corpus} decisions.tsv: of {d['documents']} outputs, {d['right_number']} carry the right "
                       f"number, {d['right_title']} the right title, {d['right_date']} the right date")
        if entry.get("form_reference"):
            refs = ", ".join(f"{c} {n}" for c, n in sorted(entry["form_reference"].items()))
            out.append(f"{corpus} form-* compared with the same document in: {refs}")
            for file, d in sorted(entry["detail"].items()):
                if d.get("form"):
                    out.append(f"    {file}: " + "; ".join(
                        f"{k} {v['got']!r} vs {[x for x in v.items() if x[0] != 'got'][0][1]!r}" for k, v in d["form"].items()))
    return out


# MARK: Ceilings


def check_ceilings(report, ceilings):
    """(regressions, notes): lines saying where the report is worse than / better than the ceilings."""
    regressions, notes = [], []
    limits = ceilings.get("corpora", {})
    for corpus, limit in sorted(limits.items()):
        entry = report["corpora"].get(corpus)
        if entry is None:
            regressions.append(f"{corpus}: in the ceilings but not in the snapshot")
            continue
        floor = limit.get("converted_floor", 0)
        if entry["converted"] < floor:
            failed = ", ".join(f for f, d in sorted(entry["detail"].items()) if d["status"] == "failed")
            regressions.append(f"{corpus}: converted {entry['converted']} < floor {floor} (failed: {failed})")
        elif entry["converted"] > floor:
            notes.append(f"{corpus}: converted {entry['converted']} > floor {floor}: raise the floor")
        for name, ceiling in sorted(limit.get("ceilings", {}).items()):
            if name not in entry["counters"]:
                regressions.append(f"{corpus} {name}: has a ceiling but was not counted")
                continue
            count = entry["counters"][name]
            if count > ceiling:
                worst = sorted(((d.get("counters", {}).get(name, 0), f) for f, d in entry["detail"].items()
                                if d.get("counters", {}).get(name)), reverse=True)[:8]
                shown = ", ".join(f"{f}={n}" for n, f in worst)
                regressions.append(f"{corpus} {name}: {count} > ceiling {ceiling}" + (f" ({shown})" if shown else ""))
            elif count < ceiling:
                notes.append(f"{corpus} {name}: {count} < ceiling {ceiling}: lower it (--lower-ceilings)")
        for name in sorted(set(entry["counters"]) - set(limit.get("ceilings", {}))):
            notes.append(f"{corpus} {name}: {entry['counters'][name]} has no ceiling")
    for corpus in sorted(set(report["corpora"]) - set(limits)):
        if report["corpora"][corpus]["documents"]:
            notes.append(f"{corpus}: no ceilings for this corpus")
    return regressions, notes


def ceilings_of(report, previous=None):
    """Today's counts as ceilings; with `previous`, each ceiling only goes down (floors only up)."""
    result = {
        "comment": ("Corpus quality ratchet (Scripts/corpus-quality.py --ceilings): per corpus, the fewest "
                    "documents that must convert and the most of each artefact allowed. Every counter must "
                    "reach 0; a change that lowers a count lowers its ceiling here "
                    "(Scripts/corpus-quality.py SNAPSHOT --ceilings FILE --lower-ceilings)."),
        "corpora": {},
    }
    old = (previous or {}).get("corpora", {})
    for corpus, entry in sorted(report["corpora"].items()):
        if not entry["documents"]:
            continue
        before = old.get(corpus, {})
        floor = entry["converted"]
        counters = {name: count for name, count in sorted(entry["counters"].items())}
        if previous is not None and before:
            floor = max(floor, before.get("converted_floor", 0))
            counters = {name: min(count, before.get("ceilings", {}).get(name, count))
                        for name, count in counters.items()}
        result["corpora"][corpus] = {"converted_floor": floor, "ceilings": counters}
    return result


def jsonable(value):
    if isinstance(value, Counter):
        return dict(sorted(value.items()))
    raise TypeError(type(value))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("snapshot", help="a snapshot folder (Scripts/corpus-snapshot.py)")
    parser.add_argument("--run", action="store_true", help="make the snapshot first (replacing the folder)")
    parser.add_argument("--akn", default=str(common.default_akn()), help="with --run: the akn binary (default: %(default)s)")
    parser.add_argument("--schema", default=common.default_schema(), help="with --run: passed to akn batch --schema")
    parser.add_argument("--jobs", type=int, help="with --run: passed to akn batch --jobs")
    parser.add_argument("--corpus", help="the corpus root (default: the snapshot's, else $AKN_SHARED/corpus or ../shared/corpus)")
    parser.add_argument("--json", help="write every document's findings to this JSON file")
    parser.add_argument("--details", action="store_true", help="also print, per counter, the documents that have it")
    parser.add_argument("--ceilings", help="check the counts against this ceilings file; exit 1 on a regression")
    parser.add_argument("--regressions-only", action="store_true", help="with --ceilings: print only the regressions")
    parser.add_argument("--lower-ceilings", action="store_true", help="with --ceilings: lower the file's ceilings (raise floors) to today's counts where better")
    parser.add_argument("--write-ceilings", help="write today's counts as a new ceilings file")
    args = parser.parse_args(argv)
    try:
        if args.run:
            corpus_root = common.find_corpus(args.corpus)
            if corpus_root is None:
                print(common.absent_message("corpus-quality"))
                return 0
            common.make_snapshot(args.akn, args.snapshot, corpus_root, schema=args.schema, jobs=args.jobs,
                                 log=(lambda _line: None) if args.regressions_only else print)
        snapshot = common.check_snapshot(args.snapshot)
        corpus_root = common.find_corpus(args.corpus) if args.corpus else None
        recorded = common.read_info(snapshot).get("corpus")
        if corpus_root is None and recorded and Path(recorded).is_dir():
            corpus_root = Path(recorded)
        if corpus_root is None:
            corpus_root = common.find_corpus()
        if corpus_root is None:
            print("corpus-quality: note: no corpus found: hyphen-space and the ground-truth checks are left out",
                  file=sys.stderr)
        report = build_report(snapshot, corpus_root)
        if args.json:
            Path(args.json).parent.mkdir(parents=True, exist_ok=True)
            Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False, default=jsonable) + "\n",
                                       encoding="utf-8")
        if not args.regressions_only:
            print("\n".join(table(report)))
            if args.details:
                print()
                print("\n".join(details(report)))
            if args.json:
                print(f"\nper-document findings: {args.json}")
        if args.write_ceilings:
            Path(args.write_ceilings).write_text(json.dumps(ceilings_of(report), indent=2) + "\n", encoding="utf-8")
            print(f"ceilings written: {args.write_ceilings}")
        if not args.ceilings:
            return 0
        ceilings = json.loads(Path(args.ceilings).read_text(encoding="utf-8"))
        regressions, notes = check_ceilings(report, ceilings)
        if args.lower_ceilings:
            Path(args.ceilings).write_text(json.dumps(ceilings_of(report, ceilings), indent=2) + "\n",
                                           encoding="utf-8")
            print(f"ceilings lowered where the counts fell: {args.ceilings}")
    except (common.ToolError, OSError, json.JSONDecodeError) as error:
        return common.fail("corpus-quality", error)
    if not args.regressions_only:
        print()
        for line in notes:
            print(f"note: {line}")
    for line in regressions:
        print(f"REGRESSION: {line}")
    if regressions:
        print(f"corpus-quality: {len(regressions)} regressions against {args.ceilings}")
        return 1
    if not args.regressions_only:
        print(f"corpus-quality: no regression against {args.ceilings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
