"""Short free texts of reports, in the reporter's language (Swedish or Norwegian).

Invariant: a text only quotes values exactly as the report's mentions write
them (callers pass the writings), so a reader who finds a number in the
summary finds the same writing among the mentions.
"""

from __future__ import annotations

from samverkan.intake.schemas import SuspicionSign

SIGN_TEXT: dict[str, dict[SuspicionSign, str]] = {
    "SE": {
        SuspicionSign.SMELL: "Stark lukt av cannabis.",
        SuspicionSign.POWDER_OR_PILLS_FELT: "Pulver eller tabletter känns genom kuvertet.",
        SuspicionSign.VACUUM_PACKED: "Vakuumförpackat innehåll.",
        SuspicionSign.UNUSUAL_WEIGHT: "Ovanligt tungt för sin storlek.",
        SuspicionSign.MANY_ITEMS_SAME_RECIPIENT: "Flera försändelser till samma adress i veckan.",
        SuspicionSign.RECIPIENT_NAME_MISMATCH: "Namnet stämmer inte med legitimationen.",
        SuspicionSign.NERVOUS_COLLECTOR: "Den som hämtade verkade nervös.",
        SuspicionSign.COLLECTED_WITH_OTHERS_ID: "Hämtades ut med någon annans legitimation.",
        SuspicionSign.HANDWRITTEN_PRINTED_LABEL: "Handskriven adress på tryckt etikett.",
        SuspicionSign.OTHER: "Kunden lämnade in många brev samtidigt.",
    },
    "NO": {
        SuspicionSign.SMELL: "Sterk lukt av cannabis.",
        SuspicionSign.POWDER_OR_PILLS_FELT: "Pulver eller tabletter kjennes gjennom konvolutten.",
        SuspicionSign.VACUUM_PACKED: "Vakuumpakket innhold.",
        SuspicionSign.UNUSUAL_WEIGHT: "Uvanlig tungt for størrelsen.",
        SuspicionSign.MANY_ITEMS_SAME_RECIPIENT: "Flere sendinger til samme adresse denne uken.",
        SuspicionSign.RECIPIENT_NAME_MISMATCH: "Navnet stemmer ikke med legitimasjonen.",
        SuspicionSign.NERVOUS_COLLECTOR: "Den som hentet virket nervøs.",
        SuspicionSign.COLLECTED_WITH_OTHERS_ID: "Ble hentet med en annen persons legitimasjon.",
        SuspicionSign.HANDWRITTEN_PRINTED_LABEL: "Håndskrevet adresse på trykt etikett.",
        SuspicionSign.OTHER: "Kunden leverte mange brev samtidig.",
    },
}


def signs_text(country: str, signs: list[SuspicionSign]) -> str:
    table = SIGN_TEXT[country]
    return " ".join(table[sign] for sign in signs)


def statement_intro(country: str, courier: str, crossing: str) -> str:
    if country == "NO":
        return f"Avhør av {courier} etter kontroll ved {crossing}."
    return f"Förhör med {courier} efter kontroll vid {crossing}."


def named_backer(country: str, *, name: str | None, nickname: str | None, phone: str | None) -> str:
    """What the courier said about one backer, as the officer wrote it down."""
    norwegian = country == "NO"
    parts = []
    if nickname:
        parts.append(
            f"Oppdragsgiver kalles «{nickname}»." if norwegian
            else f"Uppdragsgivaren kallas «{nickname}»."
        )  # fmt: skip
    if name and phone:
        parts.append(
            f"Han heter {name}, nummeret er {phone}." if norwegian
            else f"Han heter {name}, numret är {phone}."
        )  # fmt: skip
    elif name:
        parts.append(
            f"Oppdraget kom fra en som heter {name}." if norwegian
            else f"Uppdraget kom från en som heter {name}."
        )  # fmt: skip
    elif phone:
        parts.append(
            f"Fikk instrukser fra nummer {phone}." if norwegian
            else f"Fick instruktioner från nummer {phone}."
        )  # fmt: skip
    return " ".join(parts)


def refusal(country: str) -> str:
    if country == "NO":
        return "Kureren ønsker ikke å forklare seg om hvem som står bak."
    return "Kuriren vill inte uppge vem som gav uppdraget."


def delivery(country: str, address: str) -> str:
    if country == "NO":
        return f"Skulle levere til {address}."
    return f"Skulle lämna varorna på {address}."


def payment(country: str, amount: int) -> str:
    if country == "NO":
        return f"Ble lovet {amount} kroner for turen."
    return f"Blev lovad {amount} kronor för resan."


def seizure_text(country: str, what: str) -> str:
    if country == "NO":
        return f"Beslag ved kontroll av {what}."
    return f"Beslag vid kontroll av {what}."


def luggage(country: str) -> str:
    return "bagasje" if country == "NO" else "bagage"


def anpr_text(country: str, plate: str, camera: str) -> str:
    if country == "NO":
        return f"ANPR-treff på {plate} ved {camera}."
    return f"ANPR-träff på {plate} vid {camera}."


def surveillance_text(country: str, place: str) -> str:
    if country == "NO":
        return f"Spaning ved {place}. Personer observert inn og ut."
    return f"Spaning vid {place}. Personer observerade in och ut."


INTELLIGENCE_TEXT = {
    "SE": (
        "Uppgifter om att personen samordnar narkotikaförsäljning via post.",
        "Källa uppger att bolaget används för att tvätta intäkter.",
        "Personen uppges beställa transporter från kontinenten.",
        "Adressen används som mottagaradress för försändelser till flera namn.",
    ),
    "NO": (
        "Opplysninger om at personen koordinerer salg av narkotika via post.",
        "Kilde opplyser at selskapet brukes til å hvitvaske inntekter.",
        "Personen skal bestille transporter fra kontinentet.",
        "Adressen brukes som mottaksadresse for sendinger til flere navn.",
    ),
}

TIP_TEXT = {
    "SE": (
        "Granne tipsar om mycket spring i trapphuset på kvällarna.",
        "Anonymt tips om att personen säljer narkotika.",
        "Tips om misstänkt försäljning vid skolan.",
    ),
    "NO": (
        "Nabo tipser om mye trafikk i oppgangen om kveldene.",
        "Anonymt tips om at personen selger narkotika.",
        "Tips om mistenkt salg ved skolen.",
    ),
}
