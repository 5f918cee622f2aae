"""``navigator screenshots OUTDIR [--lang CODE]... [--pack PATH]``: every screen, in each language,
with a scripted family, as PNGs (OUTDIR/<lang>/NN-<screen>.png).

The family is Rosa's: ZIP 00104 (or the pack's first ZIP), kindergarten, Spanish dual language
and a one-seat ride, one dual-language school's profile, and a list of three.  Each grab waits
for the search and the map, so the pictures show what a family would see.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from navigator.gui.selftest import dispose, wait_until

DEFAULT_LANGUAGES = ("en", "es", "ko")
SIZE = (1280, 800)
ZIP = "00104"
TIMEOUT_S = 20.0


def _settle(ms: int = 300) -> None:
    wait_until(lambda: False, ms / 1000)


class Walkthrough:
    """Drives one main window through the family's path and saves a picture of each screen."""

    def __init__(self, pack_path: Path) -> None:
        from navigator.gui.app import create_window

        self.app, self.state, self.window = create_window(pack_path, offscreen=True)
        self.window.resize(*SIZE)
        self.window.show()
        if not wait_until(lambda: self.window.map_view.is_ready, TIMEOUT_S):
            raise RuntimeError("the map did not load")
        pack = self.state.pack
        known = [row[0] for row in pack.conn.execute("SELECT zip FROM zips ORDER BY zip")]
        self.zip = ZIP if ZIP in known or not known else known[0]
        details = [row[0] for row in pack.conn.execute(
            "SELECT DISTINCT detail FROM features WHERE category = 'program' AND code = 'dual_language' "
            "AND value = 'yes' ORDER BY detail = 'es' DESC, detail")]
        self.dual = f"dual_language:{details[0]}" if details and details[0] else None

    def _search(self, action) -> None:
        """Run ``action`` (which starts a search) and wait for its answer."""
        answers: list = []
        self.state.results_ready.connect(answers.append)
        self.state.search_failed.connect(answers.append)
        try:
            action()
            wait_until(lambda: bool(answers), TIMEOUT_S)
        finally:
            self.state.results_ready.disconnect(answers.append)
            self.state.search_failed.disconnect(answers.append)

    def shoot(self, folder: Path, name: str, settle_ms: int = 400) -> Path:
        _settle(settle_ms)
        path = folder / f"{name}.png"
        if not self.window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        return path

    def walk(self, lang: str, out: Path) -> list[Path]:
        state, window = self.state, self.window
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        state.start_over()
        state.set_language(lang)
        shots = [self.shoot(folder, "01-welcome")]

        window.go("home")
        home = window.pages["home"]
        home.zip_field.setText(self.zip)
        self._search(home.find_zip)
        shots.append(self.shoot(folder, "02-home", 800))

        window.go("child")
        self._search(lambda: window.pages["child"].buttons[0].click())
        shots.append(self.shoot(folder, "03-child"))

        window.go("needs")
        programs = (self.dual,) if self.dual else ()
        self._search(lambda: state.update_filters(programs=programs, one_seat=state.home is not None))
        shots.append(self.shoot(folder, "04-needs"))

        window.go("results")
        shots.append(self.shoot(folder, "05-results", 1200))

        results = state.results.results if state.results else []
        chosen = [r for r in results if self.dual and self.dual in r.matched] or results
        if chosen:
            window.show_profile(chosen[0].id)
            shots.append(self.shoot(folder, "06-profile", 600))
        for result in (chosen + [r for r in results if r not in chosen])[:3]:
            state.add_to_shortlist(result.id)
        window.go("shortlist")
        shots.append(self.shoot(folder, "07-shortlist", 600))
        return shots

    def close(self) -> None:
        self.state.runner.wait()
        dispose(self.window)


def take_screenshots(out: Path, languages: Iterable[str] = DEFAULT_LANGUAGES,
                     pack_path: Path | None = None) -> list[Path]:
    from navigator.i18n import translator
    from navigator.resources import demo_pack

    original = translator.language
    walkthrough = Walkthrough(pack_path or demo_pack())
    try:
        shots = []
        for lang in languages:
            shots += walkthrough.walk(lang, out)
        return shots
    finally:
        walkthrough.state.start_over()
        walkthrough.state.set_language(original)
        walkthrough.close()
