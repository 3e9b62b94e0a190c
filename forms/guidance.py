"""Page 2 written for this applicant: who signs, what goes on the back of the photo, who comes to
collect the card and what they bring.

A 2-year-old or an adult ward does not sign or collect alone: the legal representative does,
by name, with their own ID and proof of representation. The blank form (no applicant) keeps the
general wording of forms/instructions.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms.model import Applicant
from photocheck.dates import age_on
from photocheck.report import Text

CHILD_AGE = 15  # under 15 on the application date: a legal representative applies (the spec)
NAME_ROOM = 40  # characters of a name quoted on page 2; longer ones end in "…" so it stays 1 page


def _short(name: str) -> str:
    """A name as page 2 quotes it: whole, or its first NAME_ROOM characters and "…" (page 1
    carries it whole; a clerk recognises the person from the start)."""
    return name if len(name) <= NAME_ROOM else name[: NAME_ROOM - 1].rstrip() + "…"


@dataclass(frozen=True)
class Guide:
    """The personal items of the instructions page: signing, the photo and collection."""

    sign: tuple[Text, ...]
    photo_back: Text
    collect: Text
    represented: bool = False  # the legal representative signs (under 15, adult ward)


def represented(applicant: Applicant) -> bool:
    """Under 15 on the application date, or an adult ward: the legal representative acts."""
    young = age_on(applicant.date_of_birth, applicant.application_date) < CHILD_AGE
    return (young or applicant.adult_ward) and applicant.representative is not None


def _sign(applicant: Applicant) -> tuple[Text, ...]:
    rep = applicant.representative
    if represented(applicant) and rep is not None:
        return (
            Text('{name} does not sign: the legal representative, {rep} ({relationship}), '
                 'writes the applicant\'s name by hand where page 1 says "sign here".').format(
                name=_short(applicant.name), rep=_short(rep.name),
                relationship=rep.relationship),
            Text("{rep} checks the legal representative block on page 1, printed from your "
                 "data, and corrects it by hand if anything has changed.").format(
                rep=_short(rep.name)),
        )
    lines = [Text('{name} writes their own name by hand where page 1 says "sign here".').format(
        name=_short(applicant.name))]
    if applicant.print_signature_name:
        lines.append(Text("If the name is printed there, stamp your personal seal beside it."))
    return tuple(lines)


def _collect(applicant: Applicant) -> Text:
    rep = applicant.representative
    if applicant.adult_ward and rep is not None:
        return Text("{name} comes to collect the card with the guardian, {rep}. Bring the notice "
                    "postcard, {name}'s residence card or other ID, {rep}'s photo ID, and the "
                    "certificate of registered guardianship matters (登記事項証明書) that shows "
                    "{rep} is the guardian.").format(name=_short(applicant.name),
                                                     rep=_short(rep.name))
    if represented(applicant) and rep is not None:
        return Text("{name} comes to collect the card with the legal representative, {rep}. "
                    "Bring the notice postcard, {name}'s residence card or other ID, {rep}'s "
                    "photo ID, and a document showing that {rep} is the legal representative "
                    "(such as a family register certificate) unless the municipal office can "
                    "check it itself.").format(name=_short(applicant.name), rep=_short(rep.name))
    return Text("{name} collects the card in person: bring the notice postcard and photo ID "
                "(foreign residents: the residence card).").format(name=_short(applicant.name))


def guide_for(applicant: Applicant) -> Guide:
    """The personal instructions for ``applicant``."""
    back = Text("On the back of a pasted photo, write the name ({name}) and the date of birth "
                "({birth}).").format(name=_short(applicant.name), birth=applicant.date_of_birth)
    return Guide(_sign(applicant), back, _collect(applicant), represented(applicant))
