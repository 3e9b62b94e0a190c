"""forms: fills the handwritten My Number Card application (手書用申請書).

The pieces are kept apart so each can be used and tested alone:

- ``forms.load.load_applicant`` reads JSON/TOML applicant data and returns every problem at once;
- ``forms.render.render_blank`` draws the project's own bilingual blank form;
- ``forms.locate.locate_fields`` finds each field's cell on any blank form PDF from its labels;
- ``forms.fill.fill_form`` overlays the values and the photo and writes the PDF atomically.

Nothing here logs personal data: applicant objects print as redacted.
"""

from __future__ import annotations
