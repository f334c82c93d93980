"""The official EN 16931 business rules (CEN's schematron compiled to XSLT 2.0) over
CII XML files, run with Saxon-HE (``saxonche``). The rules are not part of the
project: the caller names the XSLT (in CI ``../shared/einvoice/xslt/``).

Every ``svrl:failed-assert`` with ``flag="fatal"`` is an error a recipient's
system would reject the invoice for.
"""

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

SVRL = "http://purl.oclc.org/dsdl/svrl"
RULES_FILE = Path("xslt") / "EN16931-CII-validation.xslt"


@dataclass(frozen=True)
class Finding:
    file: str
    rule: str
    flag: str
    location: str
    text: str


def findings_of(svrl: bytes, *, file: str) -> list[Finding]:
    """The failed assertions of an SVRL report."""
    root = etree.fromstring(svrl)
    found = []
    for failed in root.iter(f"{{{SVRL}}}failed-assert"):
        text = " ".join("".join(failed.itertext()).split())
        found.append(
            Finding(
                file=file,
                rule=failed.get("id", ""),
                flag=failed.get("flag", ""),
                location=failed.get("location", ""),
                text=text,
            )
        )
    return found


class Validator:
    """The compiled rules, reused for many files (compiling takes seconds)."""

    def __init__(self, rules: Path) -> None:
        from saxonche import PySaxonProcessor

        if rules.is_dir():
            rules = rules / RULES_FILE
        self._processor = PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        self._executable = compiler.compile_stylesheet(stylesheet_file=str(rules))

    def check(self, xml: bytes, *, file: str = "") -> list[Finding]:
        from saxonche import PySaxonApiError

        try:
            document = self._processor.parse_xml(xml_text=xml.decode("utf-8"))
            svrl = self._executable.transform_to_string(xdm_node=document)
        except (PySaxonApiError, UnicodeDecodeError) as error:
            # A file the rules cannot even read (not XML, a number that is none) fails.
            return [Finding(file=file, rule="XML", flag="fatal", location="", text=str(error))]
        return findings_of(svrl.encode("utf-8"), file=file)

    def check_dir(self, directory: Path) -> list[Finding]:
        found = []
        for path in sorted(directory.glob("*.xml")):
            found += self.check(path.read_bytes(), file=path.name)
        return found


def fatal(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.flag == "fatal"]
