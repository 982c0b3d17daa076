#!/usr/bin/env python3
"""Self-check of the corpus tools: each counter of corpus-quality.py is fed tiny hand-made XML
(and source text) with a planted defect, which it must count, and a clean case, which it must
not; corpus-snapshot.py and corpus-compare.py are run with a stand-in akn.

    python3 Scripts/test_corpus_tools.py        (or: python3 -m unittest discover -s Scripts)

Standard library only; needs neither the akn build nor the corpus.
"""

import contextlib
import importlib.util
import io
import os
import stat
import sys
import tempfile
import textwrap
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus_common as common  # noqa: E402


def load(name):
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


quality = load("corpus-quality")
compare = load("corpus-compare")


def akn(body, conclusions="", attachments="", name="resolution", work_extra=""):
    """A minimal AKN document around the given fragments (as akn writes them)."""
    return textwrap.dedent(f"""\
        <?xml version="1.0" encoding="UTF-8"?>
        <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:ods="urn:x-akn-converter:ods">
          <statement name="{name}" contains="originalVersion">
            <meta>
              <identification source="#converter">
                <FRBRWork>
                  <FRBRthis value="/akn/un/statement/deliberation/un-ga/2023-12-19/78-168/!main"/>
                  <FRBRdate date="2023-12-19" name="adoption"/>
                  <FRBRauthor href="#un-ga" as="#author"/>
                  {work_extra}
                </FRBRWork>
              </identification>
              <references source="#converter">
                <TLCOrganization eId="un-ga" href="/akn/ontology/organization/un/un-ga" showAs="General Assembly"/>
              </references>
            </meta>
            <mainBody>
              {body}
            </mainBody>
            {conclusions}
            {attachments}
          </statement>
        </akomaNtoso>
        """).encode("utf-8")


def para(text, eid="para_1", num="1."):
    return f'<paragraph eId="{eid}"><num>{num}</num><content><p>{text}</p></content></paragraph>'


def findings(xml, source=None):
    return quality.analyse(xml, source)[1]


GA = "/akn/un/statement/deliberation/un-ga/2011-03-25/16-21"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


class HyphenSpace(unittest.TestCase):
    SOURCE = "1.\tRecognizes the income-\nearning opportunities of women,\n"

    def test_planted_break_with_space_is_counted(self):
        found = findings(akn(para("Recognizes the income- earning opportunities of women,")), self.SOURCE)
        self.assertEqual(len(found["hyphen-space"]), 1, found)
        self.assertIn("income- earning", found["hyphen-space"][0])

    def test_joined_break_is_clean(self):
        found = findings(akn(para("Recognizes the income-earning opportunities of women,")), self.SOURCE)
        self.assertEqual(found["hyphen-space"], [])

    def test_suspended_hyphen_is_not_a_break(self):
        source = "Stresses the short-\nand long-term effects,\n"
        found = findings(akn(para("Stresses the short- and long-term effects,")), source)
        self.assertEqual(found["hyphen-space"], [])

    def test_break_counts_at_most_as_often_as_in_the_source(self):
        source = "the self-\ndetermination of peoples and self- determination\n"
        found = findings(akn(para("the self- determination of peoples and self- determination")), source)
        self.assertEqual(len(found["hyphen-space"]), 1)

    def test_spaced_form_printed_inside_a_source_line_is_the_sources_own(self):
        source = "the Treaty on the Non- Proliferation of\nNuclear Weapons and the Non-\nProliferation Treaty\n"
        found = findings(akn(para("the Treaty on the Non- Proliferation of Nuclear Weapons and the Non-Proliferation Treaty")), source)
        self.assertEqual(found["hyphen-space-capital"], [])
        found = findings(akn(para("the Treaty on the Non- Proliferation of Nuclear Weapons and the Non- Proliferation Treaty")), source)
        self.assertEqual(len(found["hyphen-space-capital"]), 1)

    def test_capital_next_word_is_counted_apart(self):
        source = "Requests the Secretary-\nGeneral to report,\n"
        found = findings(akn(para("Requests the Secretary- General to report,")), source)
        self.assertEqual(found["hyphen-space"], [])
        self.assertEqual(len(found["hyphen-space-capital"]), 1)

    def test_no_source_no_count(self):
        found = findings(akn(para("the income- earning")), None)
        self.assertEqual(found["hyphen-space"], [])


class MarkdownLeft(unittest.TestCase):
    def count(self, text):
        return findings(akn(para(text)))["markdown-left"]

    def test_planted_markdown_is_counted(self):
        self.assertEqual(len(self.count("Recalling the Declaration,[^1] and")), 1)
        self.assertEqual(len(self.count("Recalling the Declaration,^[1] and")), 1)
        self.assertEqual(len(self.count("Recalling the **Declaration** and")), 1)
        self.assertEqual(len(self.count("# Annex")), 1)
        self.assertEqual(len(self.count("---")), 1)
        self.assertEqual(len(self.count(r"paragraph 3 \* of the Charter")), 1)
        self.assertEqual(len(self.count("[the report](https://undocs.org/A/78/1)")), 1)

    def test_front_matter_counts_once_per_line(self):
        found = self.count('--- symbol: A/RES/78/100 record_id: "" title: "Dissemination" extract_version: "1.3.0" ---')
        self.assertEqual(len(found), 1, found)
        self.assertTrue(found[0].startswith("front-matter"))
        self.assertEqual(len(self.count("extract_version: 1.1.0")), 1)

    def test_clean_text_is_not_counted(self):
        for text in ["Takes note of the report under the title: “Our Common Agenda”;",
                     "AFGHANISTAN,** ALGERIA,* ARGENTINA,**, ARMENIA,**",
                     "in the period 2023–2030 – economic, social and environmental –",
                     "the Secretary-General [on the report of the Second Committee (A/78/466)]"]:
            self.assertEqual(self.count(text), [], text)


class BadHref(unittest.TestCase):
    def test_planted_hrefs_are_counted(self):
        body = para('see <a href="https://undocs.org/A/RES/73/279 A">73/279 A</a>, <ref href="" eId="para_1__ref_1">x</ref>, '
                    '<a href="https://undocs.org/A/&lt;78&gt;">y</a>, <a href="https://undocs.org/A%2">z</a>, '
                    '<a href="https://undocs.org/A/RES/78/1’">w</a>')
        found = findings(akn(body))["bad-href"]
        self.assertEqual(len(found), 5, found)
        self.assertIn("whitespace", found[0])

    def test_valid_hrefs_are_clean(self):
        body = para(f'see <ref eId="para_1__ref_1" href="{GA}">16/21</ref>, '
                    '<a href="https://undocs.org/A/78/466/Add.1">A/78/466/Add.1</a>, '
                    '<a href="https://undocs.org/S/RES/242(1967)">242 (1967)</a>, '
                    '<a href="https://undocs.org/A/RES/78/1%20A">x</a>')
        self.assertEqual(findings(akn(body))["bad-href"], [])  # #un-ga in <meta> too


class OtherBodyAsGA(unittest.TestCase):
    def count(self, text):
        return findings(akn(para(text)))["other-body-as-ga"]

    def ref(self, label, href=GA, n=1):
        return f'<ref eId="para_1__ref_{n}" href="{href}">{label}</ref>'

    def test_planted_other_body_is_counted(self):
        self.assertEqual(len(self.count(f"Recalling Human Rights Council resolution {self.ref('16/21 of 25 March 2011')},")), 1)
        self.assertEqual(len(self.count(
            f"in line with United Nations Environment Assembly resolution {self.ref('4/1 of 15 March 2019')},")), 1)
        # Every ref of a list after the body's name, however long the list.
        listed = ", ".join(self.ref(f"{n}/1 of 1 October 2015", n=n) for n in range(20, 27))
        self.assertEqual(len(self.count(f"Recalling Human Rights Council resolutions {listed},")), 7)
        # The body after the ref; the body inside the ref; an undocs A/RES link.
        self.assertEqual(len(self.count(
            f"Welcoming resolution {self.ref('7/2019 of 28 June 2019')} of the Conference of the Food and "
            "Agriculture Organization of the United Nations,")), 1)
        self.assertEqual(len(self.count(f"Recalling {self.ref('Human Rights Council resolution 5/1')},")), 1)
        self.assertEqual(len(self.count(
            'as set out in Council resolution <a href="https://undocs.org/A/RES/27/21">27/21</a>,')), 1)

    def ga(self, label):
        """A ref to the General Assembly act `label` names, at its own IRI or symbol."""
        number, _, date = label.partition(" of ")
        session, _, rest = number.partition("/")
        if not date:
            return self.ref(label, href=f"https://undocs.org/A/RES/{session}/{rest.replace(' ', '')}")
        day, month, year = date.split()
        iso = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
        return self.ref(label, href=f"/akn/un/statement/deliberation/un-ga/{iso}/{session}-{rest}")

    def test_general_assembly_refs_are_clean(self):
        for text in [
            f"Recalling its resolution {self.ga('65/178 of 20 December 2010')},",
            f"in accordance with General Assembly resolutions 53/199 of 15 December 1998 and {self.ga('61/185')},",
            f"by which it established the Human Rights Council, and {self.ga('65/281 of 17 June 2011')},",
            f"the strengthening of the Economic and Social Council and resolution {self.ga('75/290 B')},",
            f"Recalling Human Rights Council resolution 5/1 and General Assembly resolution {self.ga('60/251')},",
            "Recalling Security Council resolution "
            + self.ref("2417 (2018)", href="/akn/un/statement/deliberation/un-sc/2018-05-24/2417") + ",",
            # The first and last months of a session (September to September).
            f"Recalling its resolutions {self.ga('78/1 of 15 September 2023')} and {self.ga('77/336 of 11 September 2023')},",
            # A body named in an earlier clause, the Assembly's own act in this one.
            f"Noting the work of the Human Rights Council; recalling resolution {self.ga('60/251 of 15 March 2006')},",
            f"Recalling the resolutions of the Human Rights Council and its resolution {self.ga('60/251')},",
        ]:
            self.assertEqual(self.count(text), [], text)

    def test_an_act_that_cannot_be_the_assemblys_is_counted(self):
        # Before its thirty-first session the Assembly numbered its resolutions "N (S)".
        found = self.count(f"Welcomes decision {self.ref('15/4', href='https://undocs.org/A/DEC/15/4')},")
        self.assertEqual(len(found), 1, found)
        self.assertIn("session 15", found[0])
        # Session 79 runs from September 2024 to September 2025.
        found = self.count(f"Noting the adoption of resolution {self.ga('79/8 of 19 May 2023')},")
        self.assertEqual(len(found), 1, found)
        self.assertIn("outside session 79", found[0])
        found = self.count(f"Recalling resolution {self.ga('78/20 of 1 October 2024')},")
        self.assertEqual(len(found), 1, found)

    def test_a_body_named_as_author_earlier_in_the_clause_is_counted(self):
        found = self.count(
            "recalling the resolutions and decisions of the Human Rights Council, the most recent of "
            f"which being resolutions {self.ga('75/1 of 14 July 2021')},")
        self.assertEqual(len(found), 1, found)
        self.assertIn("Human Rights Council", found[0])


class ConclusionsOverflow(unittest.TestCase):
    def count(self, *lines, note=None):
        ps = "".join(f"<p>{line}</p>" for line in lines)
        if note:
            ps += f'<p>Adopted at the 2963rd meeting.<sup><authorialNote eId="conclusions__container_1__authorialNote_1" marker="1"><p>{note}</p></authorialNote></sup></p>'
        conclusions = f'<conclusions><container eId="conclusions__container_1" name="conclusion">{ps}</container></conclusions>'
        return findings(akn(para("Decides."), conclusions))["conclusions-overflow"]

    def test_closing_lines_are_clean(self):
        self.assertEqual(self.count('<event refersTo="#plenaryMeeting49">49th plenary meeting</event>',
                                    '<date date="2023-12-19" refersTo="#adoptionDate">19 December 2023</date>'), [])
        self.assertEqual(self.count("Adopted at the 2963rd meeting by 12 votes to 2 (Cuba and Yemen), with 1 abstention (China)."), [])
        self.assertEqual(self.count("Adopted unanimously at the", "531st meeting."), [])
        self.assertEqual(self.count("(See A/71/L.52 and Add.1; A/71/PV.75)"), [])
        self.assertEqual(self.count("25th (resumed) plenary meeting", "1 May 2024"), [])
        self.assertEqual(self.count(note="One member (China) did not participate in the voting."), [])

    def test_planted_overflow_is_counted(self):
        self.assertEqual(len(self.count("49th plenary meeting", "19 December 2023",
                                        "Annex", "Declaration on the rights of peasants")), 2)
        self.assertEqual(len(self.count(note="Official Records of the General Assembly, Seventy-eighth Session.")), 1)
        found = self.count("Adopted at the 82nd meeting 11")
        self.assertEqual(len(found), 1)
        self.assertIn("stray number", found[0])

    def test_an_instruments_own_closing_is_not_the_resolutions(self):
        closing = ('<attachments><attachment eId="att_1"><doc name="annex"><mainBody>' + para("Text.", "att_1__para_1")
                   + '</mainBody><conclusions><container eId="att_1__conclusions__container_1" name="conclusion">'
                   + "<p>IN WITNESS WHEREOF, the undersigned have signed this Convention.</p>"
                   + "<p>DONE at New York, this twentieth day of December.</p></container></conclusions>"
                   + "</doc></attachment></attachments>")
        self.assertEqual(findings(akn(para("Decides."), attachments=closing))["conclusions-overflow"], [])


class EidOffConvention(unittest.TestCase):
    def test_conventional_eids_are_clean(self):
        body = ('<paragraph eId="para_1"><num>1.</num><list eId="para_1__list_1"><intro eId="para_1__list_1__intro"><p>a</p></intro>'
                '<point eId="para_1__list_1__point_a"><num>(a)</num><content><p>b'
                '<sup><authorialNote eId="para_1__list_1__point_a__authorialNote_1" marker="1"><p>n</p></authorialNote></sup>'
                '</p></content></point></list></paragraph>'
                '<section eId="sec_II"><num>II</num>' + para("x", "sec_II__para_3") + "</section>"
                '<hcontainer eId="hcontainer_1" name="crossHeading"><heading>H</heading></hcontainer>')
        self.assertEqual(findings(akn(body))["eid-off-convention"], [])

    def test_planted_eids_are_counted(self):
        body = (para("a", "para_1") + para("b", "para_1-2")
                + '<section eId="sec_B"><crossHeading eId="sec_B__crossHeading_p1">Determined</crossHeading>'
                + para('c<sup><authorialNote eId="sec_B__para_1__authorialNote_star-2" marker="*"><p>n</p></authorialNote></sup>',
                       "sec_B__para_1") + "</section>"
                + para("d", "para_u1", num="") + para("e", "para.5") + para("f", "para_2") + para("g", "para_2"))
        found = findings(akn(body))["eid-off-convention"]
        patterns = sorted(quality.pattern_of(f) for f in found)
        self.assertEqual(patterns, ["-N suffix (authorialNote_star-N)", "-N suffix (para_N-N)", "_pN (crossHeading_pN)",
                                    "_uN (para_uN)", "duplicate (2x)", "other (para.N)"], found)

    def test_meta_ids_are_not_checked(self):
        # TLC ids such as un-ga-c2 and plenaryMeeting49 live in <meta>: not body eIds.
        xml = akn(para("x"), work_extra='<FRBRalias eId="un-ga-c2" name="x" value="y"/>')
        self.assertEqual(findings(xml)["eid-off-convention"], [])


class Facts(unittest.TestCase):
    def test_operative_paragraphs_follow_the_model(self):
        body = (para("a", "para_1") + para("b", "para_2", "2.")
                + '<section eId="sec_II"><num>II</num>' + para("c", "sec_II__para_1") + "</section>"
                + '<hcontainer eId="hcontainer_1" name="crossHeading"><heading>H</heading></hcontainer>')
        root = ET.fromstring(akn(body))
        self.assertEqual(quality.facts(root)["operative_paragraphs"], "3")
        unnumbered = ET.fromstring(akn('<paragraph eId="para_1"><content><p>Decides.</p></content></paragraph>'))
        self.assertEqual(quality.facts(unnumbered)["operative_paragraphs"], "1")

    def test_repeated_footnote_counts_once(self):
        note = '<sup><authorialNote eId="{}" marker="1"><p>Resolution 70/1.</p></authorialNote></sup>'
        body = para("a" + note.format("para_1__authorialNote_1")) + para("b" + note.format("para_2__authorialNote_1"), "para_2", "2.")
        facts = quality.facts(ET.fromstring(akn(body, work_extra='<FRBRalias name="documentSymbol" value="A/RES/78/168"/>')))
        self.assertEqual(facts["footnotes"], "1")
        self.assertEqual(facts["symbol"], "A/RES/78/168")
        self.assertEqual(facts["adoption_date"], "19 December 2023")



def invariants(body, warnings=None, unmatched=False):
    """The unwarned-* counts of a document with `body` and akn's warnings {rule: count}."""
    violations = quality.invariant_violations(ET.fromstring(akn(body)), unmatched)
    return {name: len(found) for name, found in quality.unwarned(violations, warnings or {}).items()}


class Invariants(unittest.TestCase):
    def test_a_gap_in_a_series_is_counted_unless_warned(self):
        body = para("Decides a;") + para("Requests b;", "para_2", "2.") + para("Urges c.", "para_4", "4.")
        self.assertEqual(invariants(body)["unwarned-numbering"], 1)
        self.assertEqual(invariants(body, {"structure.numbering": 1})["unwarned-numbering"], 0)
        points = ('<paragraph eId="para_1"><num>1.</num><list eId="para_1__list_1"><intro><p>Decides:</p></intro>'
                  '<point eId="p_a"><num>(a)</num><content><p>x;</p></content></point>'
                  '<point eId="p_c"><num>(c)</num><content><p>y.</p></content></point></list></paragraph>')
        self.assertEqual(invariants(points)["unwarned-numbering"], 1)

    def test_contiguous_series_are_clean(self):
        # Letters run past (h) to (i), (aa); Roman points; paragraphs run on across sections.
        letters = "".join(f'<point eId="p_{n}"><num>({n})</num><content><p>x;</p></content></point>'
                          for n in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
        body = (f'<paragraph eId="para_1"><num>1.</num><list eId="l"><intro><p>Decides:</p></intro>{letters}</list>'
                "</paragraph>" + para("Requests b;", "para_2", "2.")
                + '<section eId="sec_I"><num>I</num>' + para("Urges c.", "sec_I__para_3", "3.") + "</section>"
                + '<section eId="sec_II"><num>II</num>' + para("Urges d.", "sec_II__para_1", "1.") + "</section>")
        self.assertEqual(invariants(body)["unwarned-numbering"], 0)

    def test_paragraphs_run_on_through_actions(self):
        def action(n, paragraph):
            return (f'<hcontainer eId="sec_I__hcontainer_{n}" name="action"><num>Action {n}.</num>'
                    + para("We end hunger.", f"sec_I__hcontainer_{n}__para_{paragraph}", f"{paragraph}.")
                    + "</hcontainer>")
        body = ('<section eId="sec_I"><num>I.</num>' + para("We act.", "sec_I__para_1", "1.")
                + action(1, 2) + action(2, 3) + "</section>"
                + '<section eId="sec_II"><num>II.</num>' + para("We act again.", "sec_II__para_4", "4.") + "</section>")
        self.assertEqual(invariants(body)["unwarned-numbering"], 0)
        gap = body.replace(">3.<", ">5.<")
        self.assertEqual(invariants(gap)["unwarned-numbering"], 2)

    def test_paragraphs_run_on_through_articles(self):
        def article(n, paragraphs):
            return (f'<article eId="art_{n}"><num>Article {n}</num>'
                    + "".join(para("A note.", f"art_{n}__para_{p}", f"{p}.") for p in paragraphs) + "</article>")
        body = article(2, [1, 2]) + article(17, [3, 4]) + article(35, [1])
        self.assertEqual(invariants(body)["unwarned-numbering"], 0)
        gap = article(2, [1, 2]) + article(17, [4, 5])
        self.assertEqual(invariants(gap)["unwarned-numbering"], 1)

    def test_an_unnumbered_point_among_points_lets_the_list_start_again(self):
        def point(num, text):
            return f'<point eId="p{num}">{f"<num>{num}</num>" if num else ""}<content><p>{text}</p></content></point>'
        body = ('<paragraph eId="para_1"><num>1.</num><list eId="l"><intro><p>To act:</p></intro>'
                + point("(i)", "Assess;") + point("(ii)", "Invest;") + point(None, "Increase trade by:")
                + point("(i)", "Designing strategies;") + "</list></paragraph>")
        self.assertEqual(invariants(body)["unwarned-numbering"], 0)

    def test_a_labelled_divisions_gap_counts_only_where_a_skipped_label_is_printed(self):
        def rules(middle):
            return ('<rule eId="rule_1"><num>Rule 1</num>' + para("The session opens.", "rule_1__para_1")
                    + "</rule>" + para(middle, "para_9") + '<rule eId="rule_4"><num>Rule 4</num>'
                    + para("Each member has one vote.", "rule_4__para_1") + "</rule>")
        # Rules 2 and 3 printed nowhere: the document amends rules 1 and 4 only.
        self.assertEqual(invariants(rules("Amended as follows."))["unwarned-numbering"], 0)
        # Rule 2 printed in a paragraph: a division read as text.
        self.assertEqual(invariants(rules("Rule 2 Quorum A majority."))["unwarned-numbering"], 1)
        self.assertEqual(invariants(rules("Rule 2 Quorum."), {"structure.outline": 1})["unwarned-numbering"], 0)

    def test_a_list_of_agenda_items_keeps_the_agendas_numbers(self):
        body = ('<paragraph eId="para_1"><content><p>The Assembly took note of the following agenda items:</p>'
                "</content></paragraph>" + para("Report.", "para_2", "9.") + para("Sport.", "para_3", "12."))
        self.assertEqual(invariants(body)["unwarned-numbering"], 0)

    def test_a_clause_in_the_wrong_place_is_counted(self):
        merged = '<paragraph eId="para_1"><content><p>Having examined the application, Recommends admission.</p></content></paragraph>'
        self.assertEqual(invariants(merged)["unwarned-clause-place"], 1)
        self.assertEqual(invariants(merged, {"structure.clause-place": 1})["unwarned-clause-place"], 0)
        own = para("Acting under Chapter VII of the Charter, decides that all States shall act;")
        self.assertEqual(invariants(own)["unwarned-clause-place"], 0)
        self.assertEqual(invariants(para("Deeply deplores the loss of life;"))["unwarned-clause-place"], 0)

    def test_a_label_inside_a_paragraph_is_counted(self):
        self.assertEqual(invariants(para("We act against coercion. Action 2. We will act."))["unwarned-label-in-text"], 1)
        heading = '<paragraph eId="para_1"><content><p>V. Opening of the Conference</p></content></paragraph>'
        self.assertEqual(invariants(heading)["unwarned-label-in-text"], 1)
        self.assertEqual(invariants(para("Recalls Article 2. of the Charter, and decides."))["unwarned-label-in-text"], 0)

    def test_a_glued_marker_is_counted(self):
        note = '<sup><authorialNote eId="n" marker="15"><p>A/78/1.</p></authorialNote></sup>'
        body = para("Recalls COVID-19 and the Decade 2014–2024;") + para(f"Notes COVID-1915 and the Committee15.{note}", "para_2", "2.")
        self.assertEqual(invariants(body)["unwarned-glued-marker"], 0)  # Committee is not printed alone
        body = para("Recalls the Committee and COVID-19;") + para(f"Notes the Committee15.{note}", "para_2", "2.")
        self.assertEqual(invariants(body)["unwarned-glued-marker"], 1)
        plain = para("Recalls 20 and 2015;") + para(f"Notes 2015.{note}", "para_2", "2.")
        self.assertEqual(invariants(plain)["unwarned-glued-marker"], 0)

    def test_a_note_left_in_the_text_is_counted(self):
        self.assertEqual(invariants(para("Taking note of the letters to the President of the Council, 123"))
                         ["unwarned-note-in-text"], 1)
        self.assertEqual(invariants(para("10 Ibid., document S/6569. 11 Ibid., document S/6586."))
                         ["unwarned-note-in-text"], 1)
        self.assertEqual(invariants(para("Recalls its resolutions 1, 2 and 3"))["unwarned-note-in-text"], 0)
        self.assertEqual(invariants(para("Recalls its paragraphs, 12"), {"footnote.in-text": 1})
                         ["unwarned-note-in-text"], 0)

    def test_a_paragraph_of_figures_is_counted(self):
        self.assertEqual(invariants(para("Requirements for 2024 65 459 100 60 132 400 12"))["unwarned-mostly-numbers"], 1)
        cited = para("Recalling its resolutions 425 (1978), 426 (1978), 427 (1978), 434 (1978) and 444 (1979),")
        self.assertEqual(invariants(cited)["unwarned-mostly-numbers"], 0)



def pdf2xml(lines):
    """pdf2xml of one page: (top, text, bold, size[, left]) per run, at left 185 by default."""
    texts = "".join(
        f'<text top="{top}" left="{left[0] if left else 185}" width="{7 * len(text)}" height="17" '
        f'font="{1 if size > 15 else 0}">' + (f"<b>{text}</b>" if bold else text) + "</text>\n"
        for top, text, bold, size, *left in lines)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<pdf2xml><page number="1" height="1188" width="918">'
            '<fontspec id="0" size="15" family="T"/><fontspec id="1" size="18" family="T"/>\n'
            + texts + "</page></pdf2xml>\n").encode("utf-8")


PRINT = [
    (120, "United Nations", True, 15),  # the masthead: before the adoption line
    (160, "Resolution adopted by the General Assembly on 22 December 2023", True, 15),
    (200, "The General Assembly,", False, 15),
    (230, "1. Decides to act on the matters set out in the annex to the present resolution;", False, 15),
    (260, "Annex", True, 15),
    (290, "Financing of the Mechanism", True, 18),
    (310, "for 2024", True, 18),
    (340, "Guiding principles", True, 15),
    (370, "In order to act, we will observe the following principles:", True, 15),  # a bold lead-in
    (400, "Subtotal", True, 15),  # a table's row: its cells in columns
    (400, "65 459 100", True, 15, 680),
    (1130, "3/3", True, 15),  # page furniture
]


class PrintedHeadings(unittest.TestCase):
    def test_bold_lines_alone_after_the_adoption_line_are_headings(self):
        found = quality.printed_headings(pdf2xml(PRINT))
        # "Annex" is a label alone: the title's lines join each other, not it.
        self.assertEqual([text for _, text in found],
                         ["Annex", "Financing of the Mechanism for 2024", "Guiding principles"])

    def test_a_printed_heading_read_as_a_paragraph_is_counted(self):
        headings = [(1, "Financing of the Mechanism for 2024"), (1, "Guiding principles"), (2, "Follow-up")]
        annex = ('<attachments><attachment eId="att_1"><doc name="annex"><meta/><preface><p><docNumber>Annex'
                 '</docNumber></p></preface><mainBody>'
                 + para("Financing of the Mechanism for 2024", "att_1__para_1", "")
                 + '<hcontainer eId="att_1__hcontainer_1" name="crossHeading"><heading>Guiding principles</heading>'
                 '</hcontainer>' + para("Follow-up We will review them in 2030.", "att_1__para_2", "1.")
                 + "</mainBody></doc></attachment></attachments>")
        root = ET.fromstring(akn(para("Decides to act;"), attachments=annex))
        found = quality.headings_as_paragraphs(root, headings)
        self.assertEqual(found, ['p. 1: "Financing of the Mechanism for 2024"', 'p. 2: "Follow-up"'])

    def test_a_paragraph_opening_with_a_heading_of_the_xml_is_clean(self):
        rule = ('<rule eId="rule_66"><num>Rule 66</num><heading>Written statements</heading>'
                + para("Written statements shall be circulated.", "rule_66__para_1", "") + "</rule>")
        root = ET.fromstring(akn(rule))
        self.assertEqual(quality.headings_as_paragraphs(root, [(1, "Written statements")]), [])


TABLE_PRINT = [
    (160, "Resolution adopted by the General Assembly on 22 December 2023", False, 15),
    (200, "1. Approves the posts as set out in the table below:", False, 15),
    (230, "Action", False, 15), (230, "Title of post", False, 15, 351), (230, "Number", False, 15, 724),
    (260, "New post", False, 15), (260, "Legal Officer", False, 15, 351), (260, "1", False, 15, 724),
    (290, "Reclassification", False, 15), (290, "Benefits Officer", False, 15, 351), (290, "2", False, 15, 724),
    (320, "2. Decides to review them.", False, 15),
]


class PrintedTables(unittest.TestCase):
    def test_lines_in_aligned_columns_are_a_table(self):
        found = quality.printed_tables(pdf2xml(TABLE_PRINT))
        self.assertEqual(found, [(1, [["Action", "Title of post", "Number"], ["New post", "Legal Officer", "1"],
                                      ["Reclassification", "Benefits Officer", "2"]])])

    def test_a_table_read_as_paragraphs_is_counted(self):
        tables = quality.printed_tables(pdf2xml(TABLE_PRINT))
        flat = "".join(f"<p>{cell}</p>" for row in tables[0][1] for cell in row)
        root = ET.fromstring(akn(para("Approves the posts:</p>" + flat[:-4])))
        self.assertEqual(quality.flattened_tables(root, tables),
                         ['p. 1: 3 rows, "Action | Title of post | Number"'])

    def test_a_table_read_as_a_table_is_clean(self):
        tables = quality.printed_tables(pdf2xml(TABLE_PRINT))
        rows = "".join("<tr>" + "".join(f"<td><p>{c}</p></td>" for c in row) + "</tr>" for row in tables[0][1])
        body = ('<paragraph eId="para_1"><num>1.</num><content><p>Approves:</p>'
                f'<table eId="para_1__table_1">{rows}</table></content></paragraph>')
        self.assertEqual(quality.flattened_tables(ET.fromstring(akn(body)), tables), [])


ITALIC_PRINT = (b'<pdf2xml><page number="1" height="1188" width="918">'
                b'<text top="200" left="221" width="60" height="17" font="0"><i>Recalling</i></text>'
                b'<text top="200" left="290" width="200" height="17" font="0"> the </text>'
                b'<text top="200" left="320" width="200" height="17" font="0"><i>Official Records</i></text>'
                b'<text top="218" left="185" width="200" height="17" font="0"><i>of the Assembly</i></text>'
                b'<text top="218" left="400" width="20" height="17" font="0">, </text>'
                b'</page></pdf2xml>')


class PrintedItalics(unittest.TestCase):
    def test_runs_go_on_across_lines(self):
        self.assertEqual(quality.printed_italic_runs(ITALIC_PRINT), ["Recalling", "Official Records of the Assembly"])

    def test_a_run_goes_on_over_a_page_break_past_the_notes_and_the_furniture(self):
        page = ('<page number="{n}" height="1188" width="918">{texts}</page>')
        text = '<text top="{top}" left="185" width="200" height="17" font="0">{body}</text>'
        first = "".join(text.format(top=top, body=body) for top, body in [
            (1028, "on the "), (1028, "<i>State of the World\u2019s Biodiversity for Food </i>"),
            (1054, "<b>__________ </b>"), (1072, "1 See "), (1072, "<i>Official Records</i>"), (1072, ". "),
            (1124, "<b>7/25 </b>"), (1124, "23-26236 ")])
        second = "".join(text.format(top=top, body=body) for top, body in [
            (80, "<b>A/RES/78/168 </b>"), (150, "<i>and Agriculture</i>"), (150, ", of 2019;")])
        xml = ("<pdf2xml>" + page.format(n=1, texts=first) + page.format(n=2, texts=second) + "</pdf2xml>").encode()
        self.assertEqual(quality.printed_italic_runs(xml),
                         ["State of the World’s Biodiversity for Food and Agriculture", "Official Records"])
        self.assertEqual(quality.italic_norm("Cairo, 5 –13 September"), "Cairo, 5–13 September")

    def test_an_italic_not_printed_so_is_counted(self):
        runs = quality.printed_italic_runs(ITALIC_PRINT)
        root = ET.fromstring(akn(para("<i>Recalling</i> the <i>Official Records</i> of the <i>Assembly</i>")))
        self.assertEqual(quality.italics_not_printed(root, runs), ["<i>Official Records</i>", "<i>Assembly</i>"])
        root = ET.fromstring(akn(para("<i>Recalling</i> the <i>Official Records of the Assembly</i>,")))
        self.assertEqual(quality.italics_not_printed(root, runs), [])


FAKE_AKN = r'''#!/usr/bin/env python3
# A stand-in for `akn batch IN -o OUT --quiet --markup-date D [...]`: writes one XML per .txt
# (failing the ones whose text starts with FAIL) and a report with timings, unsorted.
import json, os, random, sys
args = sys.argv[1:]
assert args[0] == "batch", args
source, out = args[1], args[args.index("-o") + 1]
records = []
for name in sorted(os.listdir(source), reverse=True):
    path = os.path.join(source, name)
    text = open(path, encoding="utf-8").read()
    if not name.endswith(".txt"):
        records.append({"input": name, "output": None, "status": "ignored", "errors": [], "warnings": [], "ms": 0})
        continue
    xml = name[:-4] + ".xml"
    if text.startswith("FAIL"):
        records.append({"input": name, "output": xml, "status": "failed", "ms": random.randint(1, 99),
                        "errors": [{"rule": "input.form", "line": 1, "column": 1, "message": "no"}], "warnings": []})
        continue
    open(os.path.join(out, xml), "w").write("<x>\n" + text + "</x>\n")
    records.append({"input": name, "output": xml, "status": "converted", "ms": random.randint(1, 99), "errors": [],
                    "warnings": [{"rule": "ocr.word", "line": 2, "column": None, "message": "w"}] if "WARN" in text else []})
open(os.path.join(out, "akn-batch-report.jsonl"), "w").write("".join(json.dumps(r) + "\n" for r in records))
sys.exit(1 if any(r["status"] == "failed" for r in records) else 0)
'''


class SnapshotAndCompare(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name)
        self.akn = root / "akn"
        self.akn.write_text(FAKE_AKN)
        self.akn.chmod(self.akn.stat().st_mode | stat.S_IEXEC)
        self.corpus = root / "corpus"
        (self.corpus / "dev").mkdir(parents=True)
        (self.corpus / "bulk" / "ga").mkdir(parents=True)
        (self.corpus / "pdf").mkdir()
        (self.corpus / "dev" / "a.txt").write_text("line one\nline two\n")
        (self.corpus / "dev" / "b.txt").write_text("FAIL\n")
        (self.corpus / "dev" / "manifest.tsv").write_text("file\n")
        (self.corpus / "bulk" / "ga" / "c.txt").write_text("WARN\n")
        (self.corpus / "pdf" / "d.pdf").write_text("%PDF")
        self.root = root

    def tearDown(self):
        self.tmp.cleanup()

    def snapshot(self, name):
        out = self.root / name
        common.make_snapshot(self.akn, out, self.corpus, log=lambda _: None)
        return out

    def test_snapshot_is_deterministic_and_compares_identical(self):
        a, b = self.snapshot("a"), self.snapshot("b")
        rows = common.read_summary(a)
        self.assertEqual([(r["corpus"], r["input"], r["status"]) for r in rows], [
            ("bulk/ga", "c.txt", "converted"), ("dev", "a.txt", "converted"), ("dev", "b.txt", "failed"),
            ("dev", "manifest.tsv", "ignored"), ("pdf", "d.pdf", "ignored")])
        self.assertEqual(rows[0]["warnings"], "ocr.word=1")
        self.assertEqual(rows[2]["errors"], "input.form=1")
        self.assertNotIn('"ms"', (a / "dev" / "report.jsonl").read_text())
        self.assertFalse((a / "dev" / common.BATCH_REPORT).exists())
        self.assertEqual((a / "summary.tsv").read_bytes(), (b / "summary.tsv").read_bytes())
        lines = []
        differing, _ = compare.compare(a, b, out=lines.append)
        self.assertEqual(differing, 0, lines)

    def test_compare_reports_each_difference(self):
        a = self.snapshot("a")
        (self.corpus / "dev" / "a.txt").write_text("line one\nline 2\n")
        (self.corpus / "dev" / "b.txt").write_text("now fine\n")
        b = self.snapshot("b")
        lines = []
        differing, counts = compare.compare(a, b, out=lines.append)
        text = "\n".join(lines)
        self.assertEqual(differing, 2, text)
        self.assertIn("differs from line 3", text)
        self.assertIn("A      3 | line two", text)
        self.assertIn("B      3 | line 2", text)
        self.assertIn("status: failed -> converted", text)
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            self.assertEqual(compare.main([str(a), str(b)]), 1)
            self.assertEqual(compare.main([str(a), str(a)]), 0)
        self.assertIn("corpus-compare: 2 differ of 5 inputs", printed.getvalue())
        self.assertNotIn("summary.tsv row", printed.getvalue())

    def test_refuses_to_wipe_a_folder_that_is_not_a_snapshot(self):
        out = self.root / "precious"
        out.mkdir()
        (out / "keep.txt").write_text("x")
        with self.assertRaises(common.ToolError):
            common.make_snapshot(self.akn, out, self.corpus, log=lambda _: None)
        self.assertTrue((out / "keep.txt").exists())

    def test_quality_report_and_ceilings(self):
        a = self.snapshot("a")
        report = quality.build_report(a, self.corpus, log=lambda _: None)
        self.assertEqual(report["corpora"]["dev"]["converted"], 1)
        self.assertEqual(report["corpora"]["dev"]["failed_by_rule"], {"input.form": 1})
        self.assertTrue(report["corpora"]["pdf"].get("skipped"))
        ceilings = quality.ceilings_of(report)
        self.assertEqual(quality.check_ceilings(report, ceilings)[0], [])
        ceilings["corpora"]["dev"]["converted_floor"] = 2
        ceilings["corpora"]["dev"]["ceilings"]["bad-href"] = -1
        regressions, _ = quality.check_ceilings(report, ceilings)
        self.assertEqual(len(regressions), 2, regressions)
        lowered = quality.ceilings_of(report, {"corpora": {"dev": {"converted_floor": 0, "ceilings": {"bad-href": 5}}}})
        self.assertEqual(lowered["corpora"]["dev"]["ceilings"]["bad-href"], 0)

    def test_absent_corpus_is_a_skip(self):
        old = os.environ.get("AKN_SHARED")
        os.environ["AKN_SHARED"] = str(self.root / "nowhere")
        try:
            self.assertIsNone(common.find_corpus())
            snapshot = load("corpus-snapshot")
            with contextlib.redirect_stdout(io.StringIO()) as printed:
                self.assertEqual(snapshot.main(["--out", str(self.root / "s"), "--akn", str(self.akn)]), 0)
                self.assertEqual(quality.main([str(self.root / "q"), "--run", "--akn", str(self.akn)]), 0)
            self.assertIn("corpus-snapshot: skipped: no corpus", printed.getvalue())
            self.assertIn("corpus-quality: skipped: no corpus", printed.getvalue())
            self.assertFalse((self.root / "s").exists())
        finally:
            if old is None:
                del os.environ["AKN_SHARED"]
            else:
                os.environ["AKN_SHARED"] = old


if __name__ == "__main__":
    unittest.main()
