from pathlib import Path

import pytest

from leaderscan.errors import ExtractionError
from leaderscan.extract import extract
from leaderscan.extract.layout import clean, join_lines
from tests.conftest import make_docx, make_pdf, make_txt


def texts(extracted, page=None):
    return [b.text for b in extracted.blocks if not b.heading and (page is None or b.page == page)]


def test_extract_pdf_pages_headings_and_repeated_header_footer(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "v.pdf",
        [
            [
                ("h", "Wat ga je doen"),
                ("p", "Je legt verbanden tussen bewoners en partners in de wijk."),
            ],
            [("h", "Wie ben jij"), ("b", "Communicatief"), ("b", "Resultaatgericht")],
        ],
        header="Vacature Talis - wijkbeheerder",
        footer=True,
    )
    ex = extract(pdf)
    assert ex.pages == 2
    assert texts(ex, 1) == ["Je legt verbanden tussen bewoners en partners in de wijk."]
    assert texts(ex, 2) == ["Communicatief", "Resultaatgericht"]
    sections = {b.text: b.section for b in ex.blocks if not b.heading}
    assert sections["Communicatief"] == "Wie ben jij"
    all_text = " ".join(b.text for b in ex.blocks)
    assert "Vacature Talis" not in all_text and "Pagina" not in all_text


def test_extract_pdf_repairs_word_hyphenated_at_line_end(tmp_path: Path) -> None:
    words = (
        "Wij zoeken iemand die de wijk kent en die bewoners, partners en collega's goed weet te "
        "betrekken bij de leefbaarheid en die graag samen-"
    )
    pdf = make_pdf(tmp_path / "h.pdf", [[("p", words + "\nwerkt met anderen.")]])
    ex = extract(pdf)
    assert "samenwerkt met anderen" in texts(ex)[0]
    assert "samen- werkt" not in texts(ex)[0]


def test_join_lines_keeps_hyphen_before_conjunction() -> None:
    assert join_lines(["beleids-", "en projectopdrachten"]) == "beleids- en projectopdrachten"
    assert join_lines(["samen-", "werken"]) == "samenwerken"
    assert join_lines(["Talis-", "Bindkracht10"]) == "Talis- Bindkracht10"


def test_clean_normalises_ligatures_soft_hyphens_and_spaces() -> None:
    assert clean("ﬂexibel  en\u00a0eﬃciënt\u00adheid") == "flexibel en efficiëntheid"


def test_extract_pdf_without_text_layer_says_it_may_be_a_scan(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(ExtractionError, match="no text layer; it may be a scan"):
        extract(tmp_path / "scan.pdf")


def test_extract_encrypted_pdf_is_refused_with_reason(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "geheim.pdf", [[("p", "Vertrouwelijk")]], password="geheim")
    with pytest.raises(ExtractionError, match="password-protected"):
        extract(pdf)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("leeg.pdf", b"", "empty"),
        ("nep.pdf", b"Dit is geen PDF maar platte tekst.", "not a readable PDF"),
        ("nep.docx", b"PK\x03\x04 kapot", "not a readable DOCX"),
        ("x.xlsx", b"...", "unsupported file type"),
        ("x.odt", b"...", "not a readable ODT"),
        ("x.doc", b"...", "not a readable DOC"),
        ("x.rtf", b"...", "not a readable RTF"),
        ("x.html", b"\x00\x01\x02", "binary content in an HTML file"),
    ],
)
def test_extract_bad_files_raise_one_line_reasons(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExtractionError, match=reason) as info:
        extract(path)
    assert "\n" not in str(info.value)


def test_extract_docx_page_breaks_explicit_and_rendered(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "v.docx",
        [
            ("h", "Wat ga je doen"),
            ("p", "Eerste pagina."),
            ("break", None),
            ("p", "Tweede pagina."),
            ("rendered", None),
            ("p", "Derde pagina."),
        ],
    )
    ex = extract(path)
    pages = {b.text: b.page for b in ex.blocks}
    assert pages == {
        "Wat ga je doen": 1,
        "Eerste pagina.": 1,
        "Tweede pagina.": 2,
        "Derde pagina.": 3,
    }
    assert ex.pages == 3


def test_extract_docx_rendered_break_after_explicit_counts_once(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "v.docx", [("p", "Een."), ("break", None), ("rendered", None), ("p", "Twee.")]
    )
    assert {b.text: b.page for b in extract(path).blocks} == {"Een.": 1, "Twee.": 2}


def test_extract_docx_tables_and_lists_in_reading_order(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "v.docx",
        [
            ("h", "Wie ben jij"),
            ("b", "Communicatief"),
            ("b", "Flexibel"),
            ("table", [["Taak", "Competentie"], ["Overleg met partners", "Verbindend"]]),
            ("p", "Slot."),
        ],
    )
    ex = extract(path)
    assert texts(ex) == [
        "Communicatief",
        "Flexibel",
        "Taak",
        "Competentie",
        "Overleg met partners",
        "Verbindend",
        "Slot.",
    ]
    assert all(b.section == "Wie ben jij" for b in ex.blocks)


def test_extract_txt_form_feed_pages_headings_and_paragraphs(tmp_path: Path) -> None:
    path = make_txt(
        tmp_path / "v.txt",
        "Wie zijn wij\nTalis verhuurt woningen\nin Nijmegen.\n\nWat ga je doen\nJe bent verbindend.\f# Wie ben jij\nFlexibel.\n",
    )
    ex = extract(path)
    assert [(b.page, b.section, b.text) for b in ex.blocks if not b.heading] == [
        (1, "Wie zijn wij", "Talis verhuurt woningen in Nijmegen."),
        (1, "Wat ga je doen", "Je bent verbindend."),
        (2, "Wie ben jij", "Flexibel."),
    ]


def test_extract_txt_cp1252_fallback_warns(tmp_path: Path) -> None:
    path = make_txt(
        tmp_path / "oud.txt", "Coördinator met inlevingsvermogen – café\n", encoding="cp1252"
    )
    ex = extract(path)
    assert texts(ex) == ["Coördinator met inlevingsvermogen – café"]
    assert ex.warnings == ["not UTF-8; read as Windows-1252 (cp1252)"]


def test_space_separators_are_all_of_unicode_category_zs() -> None:
    import re
    import sys
    import unicodedata

    from leaderscan.extract.layout import SPACE_SEPARATORS

    zs = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"}
    ours = {
        c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(f"[{SPACE_SEPARATORS}]", c)
    }
    assert ours == zs


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_txt_with_a_bom_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Wie ben jij\nJe bent communicatief en coördineert.\n"
    data = text.encode(encoding)
    if not encoding.endswith(("16", "32")):  # the -be codecs write no mark of their own
        data = ("\ufeff" + text).encode(encoding)
    path = tmp_path / "vacature.txt"
    path.write_bytes(data)
    result = extract(path)
    assert [b.text for b in result.blocks] == [
        "Wie ben jij",
        "Je bent communicatief en coördineert.",
    ]
    assert result.warnings == []


def test_damaged_utf16_txt_gets_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "vacature.txt"
    path.write_bytes(b"\xff\xfe" + "Je bent".encode("utf-16-le") + b"\x00\xd8")
    with pytest.raises(ExtractionError, match="damaged UTF-16 text"):
        extract(path)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def docx_with_body_xml(path: Path, *fragments: str) -> Path:
    """A DOCX whose body holds these raw WordprocessingML fragments, in order."""
    import docx
    from lxml import etree

    d = docx.Document()
    body = d.element.body
    sect = body[-1]  # w:sectPr stays last
    for fragment in fragments:
        for el in etree.fromstring(f"<root {W} {MC}>{fragment}</root>"):
            sect.addprevious(el)
    d.save(str(path))
    return path


def run_xml(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_content_controls_custom_xml_text_boxes_and_moves(tmp_path: Path) -> None:
    box = f"<w:txbxContent><w:p>{run_xml('Je bent communicatief.')}</w:p></w:txbxContent>"
    path = docx_with_body_xml(
        tmp_path / "sjabloon.docx",
        # a content control around whole paragraphs, as HR templates have
        f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{run_xml('Je legt verbanden.')}</w:p></w:sdtContent></w:sdt>",
        # custom XML around a paragraph
        f"<w:customXml w:element='taak'><w:p>{run_xml('Je bent besluitvaardig.')}</w:p></w:customXml>",
        # a table whose cell is a content control, and a cell holding one
        "<w:tbl><w:tr>"
        f"<w:sdt><w:sdtContent><w:tc><w:p>{run_xml('Je bent verbindend.')}</w:p></w:tc></w:sdtContent></w:sdt>"
        f"<w:tc><w:sdt><w:sdtContent><w:p>{run_xml('Je bent sociaal.')}</w:p></w:sdtContent></w:sdt></w:tc>"
        "</w:tr></w:tbl>",
        # a text box: Word writes it twice (DrawingML and its VML fallback)
        f"<w:p>{run_xml('Profiel ')}<w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing>{box}</w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        f"</mc:AlternateContent></w:r>{run_xml('resultaatgericht')}</w:p>",
        # text moved away with track changes on, and where it went
        f"<w:p><w:moveFrom w:id='1' w:author='HR'>{run_xml('Je coacht het team.')}</w:moveFrom>"
        f"<w:moveTo w:id='2' w:author='HR'>{run_xml('Je werkt samen.')}</w:moveTo></w:p>",
    )
    texts = [b.text for b in extract(path).blocks]
    assert texts == [
        "Je legt verbanden.",
        "Je bent besluitvaardig.",
        "Je bent verbindend.",
        "Je bent sociaal.",
        "Profiel resultaatgericht",
        "Je bent communicatief.",
        "Je werkt samen.",
    ]


def test_a_pdf_text_layer_without_unicode_map_is_said_to_be_unreadable(tmp_path: Path) -> None:
    def garbled(text: str) -> str:  # what a font without a ToUnicode map gives: shifted codes
        return "".join(chr(ord(c) - 29) if c.isalpha() and c.islower() else c for c in text)

    sentences = [
        "Je legt verbanden tussen bewoners en partners in de wijk.",
        "Je bent communicatief, resultaatgericht en besluitvaardig.",
        "Wij bieden een uitdagende functie in een sociale organisatie.",
    ] * 4
    readable = make_pdf(tmp_path / "goed.pdf", [[("p", s) for s in sentences]])
    assert extract(readable).blocks
    path = make_pdf(tmp_path / "kapot.pdf", [[("p", garbled(s)) for s in sentences]])
    with pytest.raises(ExtractionError, match="the text layer is unreadable"):
        extract(path)


def test_private_use_bullet_glyph_from_word_pdfs_is_a_bullet(tmp_path: Path) -> None:
    path = make_txt(
        tmp_path / "v.txt",
        "Wie ben jij\n\uf0b7 Je bent communicatief.\n\uf0b7\tJe bent resultaatgericht.\n\uf0a7 Je werkt samen.\n",
    )
    texts = [b.text for b in extract(path).blocks if not b.heading]
    assert texts == ["Je bent communicatief.", "Je bent resultaatgericht.", "Je werkt samen."]


def two_column_pdf(
    path: Path, rows: list[tuple[str, str]], heading: str, gap_mm: float, offset_mm: float = 0
) -> Path:
    """A page with a full-width bold heading above two columns, written line by line
    across both columns (as many layout programs write them), so that each line of the
    left column sits in the content stream beside the line of the right one; the right
    column ``offset_mm`` lower."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.text(10, 20, heading)
    pdf.set_font("Helvetica", "", 11)
    for i, (left, right) in enumerate(rows):
        pdf.text(10, 32 + 6 * i, left)
        pdf.text(10 + 90 + gap_mm, 32 + offset_mm + 6 * i, right)
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("offset_mm", [0, 3], ids=["same-baselines", "offset-baselines"])
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_two_column_pdf_is_read_column_by_column(
    tmp_path: Path, engine: str, offset_mm: float
) -> None:
    rows = [
        ("In de wijk leg je contact met bewoners,", "Verbanden tussen de cijfers en de praktijk"),
        ("ondernemers en de wijkagent. Je bent", "onderzoekt ons team Onderzoek en Statistiek."),
        ("het gezicht van de gemeente in de buurt", "Dit team maakt elk jaar een wijkmonitor"),
        ("en je weet wat er speelt in de straat.", "voor alle wijken van de stad Almere."),
    ]
    path = two_column_pdf(tmp_path / "twee.pdf", rows, "Wijkcoördinator Stad Almere", 10, offset_mm)
    ex = extract(path, engine)
    assert [b.text for b in ex.blocks if b.heading] == ["Wijkcoördinator Stad Almere"]
    assert ex.blocks[0].heading  # the heading above both columns stays first
    assert texts(ex) == [
        "In de wijk leg je contact met bewoners, ondernemers en de wijkagent. Je bent het "
        "gezicht van de gemeente in de buurt en je weet wat er speelt in de straat.",
        "Verbanden tussen de cijfers en de praktijk onderzoekt ons team Onderzoek en "
        "Statistiek. Dit team maakt elk jaar een wijkmonitor voor alle wijken van de stad Almere.",
    ]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_two_column_pdf_labels_and_values_stay_one_line(tmp_path: Path, engine: str) -> None:
    """Labels with their values, tab-aligned, are no two columns of text."""
    rows = [
        ("Uren:", "32 tot 36 uur per week"),
        ("Salaris:", "maximaal € 4.500 bruto per maand"),
        ("Standplaats:", "Almere, met thuiswerken"),
        ("Start:", "zo snel mogelijk"),
    ]
    path = two_column_pdf(tmp_path / "labels.pdf", rows, "Wat wij bieden", -50)
    assert texts(extract(path, engine)) == [
        "Uren: 32 tot 36 uur per week Salaris: maximaal € 4.500 bruto per maand "
        "Standplaats: Almere, met thuiswerken Start: zo snel mogelijk"
    ]


def test_private_use_bullet_glyph_glued_or_inside_a_line_never_reaches_the_text(
    tmp_path: Path,
) -> None:
    body = "\uf0b7Je bent communicatief.\n\nJe hebt \uf0b7 overzicht \uf0a7 geduld.\n"
    for path in (
        make_txt(tmp_path / "v.txt", "Wie ben jij\n" + body),
        make_docx(
            tmp_path / "v.docx", [("h", "Wie ben jij"), *(("p", t) for t in body.split("\n") if t)]
        ),
    ):
        got = texts(extract(path))
        assert got == ["Je bent communicatief.", "Je hebt • overzicht ▪ geduld."], path


FLOWING = (
    "Als wijkcoördinator ben je het eerste aanspreekpunt voor bewoners, ondernemers en "
    "verenigingen in de wijk. Je kent de straten, de pleinen en de mensen die er wonen, en "
    "je weet wat er speelt achter de voordeur. Samen met het wijkteam maak je elk jaar een "
    "wijkplan, waarin staat wat de buurt nodig heeft en wie daarvoor zorgt.\n"
    "Je werkt vanuit het buurthuis aan de Lindelaan. Daar houd je spreekuur, daar schuiven "
    "partners aan bij het wijkoverleg en daar komen bewoners binnen met vragen over "
    "overlast, eenzaamheid of een idee voor het speelveld. Je luistert, je denkt mee en je "
    "brengt mensen met elkaar in contact.\n"
    "Ons team Onderzoek en Statistiek levert de cijfers over de wijk: hoeveel mensen er "
    "wonen, hoe oud ze zijn en hoe tevreden ze zijn over hun buurt. Jij vertaalt die cijfers "
    "naar de praktijk van alledag en bespreekt ze met de bewoners.\n"
    "Wij bieden een baan van zesendertig uur in een afwisselende omgeving, met ruimte voor "
    "eigen initiatief, een opleidingsbudget en collega's die voor elkaar klaarstaan. De "
    "gesprekken vinden plaats in de tweede week van maart in het stadskantoor."
)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_two_column_pdf_of_flowing_justified_text_reads_as_written(
    tmp_path: Path, engine: str
) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, "Wijkcoördinator Lindelaan")
    pdf.ln(12)
    pdf.set_font("Helvetica", "", 10)
    with pdf.text_columns(text_align="J", ncols=2, gutter=8) as cols:
        cols.write(FLOWING)
    pdf.output(str(tmp_path / "kolommen.pdf"))
    ex = extract(tmp_path / "kolommen.pdf", engine)
    assert ex.blocks[0].heading and ex.blocks[0].text == "Wijkcoördinator Lindelaan"
    assert " ".join(texts(ex)).split() == FLOWING.split()
