""""About this information": where the pack's facts come from, when it was built, who signed it.

Why: a parent may ask "how do you know this?", and a kiosk attendant must be able to tell
that the pack on the laptop is the district's: its region, its build date, every source with its
publisher and as-of date, and the signature (who signed, which key, when; or that it is not
signed, or not checked because this computer has no trusted keys).
"""

from __future__ import annotations

from datetime import date

from navigator.diff_report import built_day
from navigator.gui.reading_dialog import ReadingDialog
from navigator.i18n import _, format_date


def _day(iso: str | None) -> str:
    try:
        return format_date(date.fromisoformat((iso or "")[:10]))
    except ValueError:
        return iso or ""


def signature_text(trust) -> str:
    """One paragraph about the signature, for the dialog and for tests."""
    signature = getattr(trust, "signature", None)
    status = getattr(trust, "status", "unsigned")
    if status == "verified" and signature is not None:
        return _("Signed by {signer} on {date} (key {key}). This computer checked the signature: "
                 "the information is exactly as they signed it.").format(
            signer=signature.signer, date=_day(signature.signed_at), key=signature.key_id)
    if status == "bundled":
        return _("This is the demo information that comes with Navigator.")
    if signature is not None:
        return _("Signed by {signer} on {date} (key {key}), but this computer has no trusted keys "
                 "set, so the signature was not checked.").format(
            signer=signature.signer, date=_day(signature.signed_at), key=signature.key_id)
    return _("Not signed. This computer has no trusted keys set, so it does not check where "
             "the information comes from.")


class AboutPackDialog(ReadingDialog):
    def __init__(self, state, parent=None) -> None:
        super().__init__(state, parent, "aboutPackDialog")

    def retranslate(self, *_args) -> None:
        pack, lang = self.state.pack, self.state.language
        region = pack.region
        self.set_heading(_("About this information"))
        self.clear()
        name = pack.text("region", region.id, "name", lang) or region.name
        self.add(_("{region}: information built on {date}.").format(
            region=name, date=built_day(region.built_at, lang)), "lead", "aboutRegion")
        if region.demo:
            about = pack.text("region", region.id, "about", lang)
            self.add(about or _("The schools, streets and dates here are made up, for trying "
                                "the app."), "lead")
        self.add(_("Signature"), "subheading")
        self.add(signature_text(self.state.pack_trust), "lead", "aboutSignature")
        self.add(_("Where the information comes from"), "subheading")
        for source in pack.sources():
            as_of = _("as of {date}").format(date=_day(source.as_of)) if source.as_of \
                else _("no date given")
            # TRANSLATORS: one source in "About this information": its name, who publishes it, and
            # the date its facts describe.
            self.add(_("{source}, from {publisher} ({as_of})").format(
                source=source.name, publisher=source.publisher, as_of=as_of), "lead")
        self.add(_("Unknown means that none of these sources says; Navigator never guesses."),
                 "small")


def open_about_pack(window) -> AboutPackDialog:
    return AboutPackDialog(window.state, window).show_over()
