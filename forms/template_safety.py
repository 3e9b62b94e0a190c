"""Only the printed form goes from a supplied template into the filled PDF, nothing active.

A template is a stranger's file. Its document JavaScript, OpenAction, additional actions (page
open and close, field keystrokes), annotations that act (a link that submits the form to a web
address, launches a program, runs a script) or carry files, and its embedded files are never
copied into the PDF the applicant prints and keeps: the pages are copied into a fresh document
(no catalog entries come along: no /Names, /OpenAction, /AcroForm, /AA) and each page is
stripped of its own actions and of such annotations first.
"""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

# Annotation types that play media, run 3D scripts or carry files: never copied.
ACTIVE_SUBTYPES = frozenset({"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia",
                             "/3D", "/Widget"})
# Keys through which a page or an annotation acts.
ACTION_KEYS = ("/A", "/AA")


def _inert(annotation: object) -> bool:
    """An annotation that neither acts nor carries anything (a note, a highlight, a stamp)."""
    annot = getattr(annotation, "get_object", lambda: annotation)()
    if not isinstance(annot, DictionaryObject):
        return False
    return (annot.get("/Subtype") not in ACTIVE_SUBTYPES
            and not any(key in annot for key in ACTION_KEYS))


def strip_page(page: DictionaryObject) -> int:
    """Remove the page's own actions and its active annotations; return how many went."""
    removed = 0
    for key in ACTION_KEYS:
        if key in page:
            del page[NameObject(key)]
            removed += 1
    annots = page.get("/Annots")
    if annots is not None:
        kept = [a for a in annots.get_object() if _inert(a)]
        removed += len(annots.get_object()) - len(kept)
        if kept:
            page[NameObject("/Annots")] = ArrayObject(kept)
        else:
            del page[NameObject("/Annots")]
    return removed


def inert_copy(reader: PdfReader) -> tuple[PdfWriter, bool]:
    """A new document holding the template's pages without anything active; and whether the
    template had something active (scripts, actions, files) that was left behind."""
    root = reader.trailer["/Root"].get_object()
    active = any(key in root for key in ("/OpenAction", "/AA", "/Names", "/AcroForm"))
    writer = PdfWriter()
    for page in reader.pages:
        active = strip_page(page) > 0 or active
        writer.add_page(page)
    return writer, active
