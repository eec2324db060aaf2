"""Every interface text has a Swedish and a Norwegian translation, compiled and current."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "samverkan" / "locale"


@pytest.mark.parametrize("language", ["sv", "nb"])
def test_every_text_is_translated_and_compiled(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    catalogue = polib.pofile(str(folder / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e.msgid
        for e in catalogue.translated_entries()
        if (
            compiled.ngettext(e.msgid, e.msgid_plural, 2) != e.msgstr_plural[1]
            if e.msgid_plural
            else compiled.gettext(e.msgid) != e.msgstr
        )
    ]
    assert stale == [], "run 'make messages' to compile the catalogue"
