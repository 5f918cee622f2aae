"""`navigator catalogue fetch`: downloading a region's sources, against a server on 127.0.0.1.

Never the real internet: each test serves copies of small files from a local HTTP server
(http.server in a thread) that answers ``Range`` requests as real servers do, can drop a
connection part-way, or be slow enough to kill the command mid-download.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cde_format import LAYOUT, cde_row
from demo import ROOT

from navigator.catalogue.fetch import fetch_region
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.errors import UserError


class Server:
    """Files served from memory, with what each request asked for recorded."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.cut_after: dict[str, int] = {}  # path -> bytes sent before the connection drops
        self.delay: float = 0.0  # seconds between chunks
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                owner.requests.append((self.path, self.headers.get("Range")))
                body = owner.files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                start = 0
                wanted = self.headers.get("Range")
                if wanted and self.headers.get("If-Range") in (None, etag):
                    start = int(wanted.split("=")[1].split("-")[0])
                    if start >= len(body):
                        self.send_error(416, "Range Not Satisfiable")
                        return
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.send_header("ETag", etag)
                self.end_headers()
                limit = owner.cut_after.pop(self.path, None)
                sent = start
                while sent < len(body):
                    end = min(len(body), sent + 4096)
                    if limit is not None and end - start > limit:
                        self.wfile.write(body[sent:start + limit])
                        self.wfile.flush()
                        self.close_connection = True
                        return
                    self.wfile.write(body[sent:end])
                    sent = end
                    if owner.delay:
                        time.sleep(owner.delay)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    running = Server()
    yield running
    running.close()


def directory_bytes(rows: int = 400) -> bytes:
    """A CDE directory of ``rows`` schools (about 200 kB), as the publisher serves it."""
    lines = [cde_row(f"1964733{i:07d}", f"School {i}", 34.0 + i / 10000, -118.2, Zip="90017")
             for i in range(1, rows + 1)]
    return ("\t".join(LAYOUT) + "\n" + "\n".join(lines) + "\n").encode("utf-8")


def region(folder: Path, server: Server, body: bytes, extra: str = "") -> Path:
    server.files["/pubschls.txt"] = body
    path = folder / "region.toml"
    path.write_text('[region]\nid = "fetch-test"\nname = "Fetch test"\n'
                    '[[schools]]\nformat = "cde"\ncounty = "Los Angeles"\n'
                    f'path = "cde/pubschls.txt"\nurl = "{server.url}/pubschls.txt"\n{extra}',
                    encoding="utf-8")
    return path


def test_fetch_then_build_keeps_each_files_checksum(tmp_path: Path, server: Server, capsys) -> None:
    body = directory_bytes()
    toml = region(tmp_path, server, body)
    (tmp_path / "features.csv").write_text(  # a district's own file: no url, beside the region
        "school_id,category,code,value\n19647330000001,program,magnet,yes\n", encoding="utf-8")
    with toml.open("a", encoding="utf-8") as handle:
        handle.write('[[overlay]]\npath = "features.csv"\npublisher = "Test Unified"\n')
    into = tmp_path / "sources"
    assert main(["catalogue", "fetch", str(toml), "--into", str(into)]) == 0
    out = capsys.readouterr().out
    digest = hashlib.sha256(body).hexdigest()
    assert f"Fetched cde/pubschls.txt ({len(body):,} bytes), SHA-256 {digest}" in out
    assert f"catalogue build {toml} --from {into}" in out
    assert (into / "cde" / "pubschls.txt").read_bytes() == body
    record = json.loads((into / "fetched.json").read_text(encoding="utf-8"))["files"]
    assert record["cde/pubschls.txt"]["sha256"] == digest
    assert record["cde/pubschls.txt"]["url"] == f"{server.url}/pubschls.txt"
    assert not list(into.rglob("*.partial*"))

    pack = tmp_path / "pack.sqlite"
    assert main(["catalogue", "build", str(toml), "--from", str(into), "--out", str(pack),
                 "--strict"]) == 0
    with open_pack(pack) as opened:
        sources = {s.id: s for s in opened.sources()}
        assert opened.conn.execute("SELECT count(*) FROM schools").fetchone()[0] == 400
    assert sources["schools-1"].sha256 == digest
    assert sources["overlay-1"].sha256 is None  # read from beside the region file, not fetched
    capsys.readouterr()
    assert main(["catalogue", "info", str(pack)]) == 0
    assert f"SHA-256 {digest}, from {server.url}/pubschls.txt" in capsys.readouterr().out


def test_a_download_cut_off_resumes_where_it_stopped(tmp_path: Path, server: Server, capsys) -> None:
    body = directory_bytes()
    toml = region(tmp_path, server, body)
    into = tmp_path / "sources"
    server.cut_after["/pubschls.txt"] = 60_000
    assert main(["catalogue", "fetch", str(toml), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert "was cut off after 60,000 of" in err and "run the same command again to resume" in err
    last = err.strip().splitlines()[-1]  # after the progress, one sentence and no traceback
    assert last.startswith("navigator: The download of") and "Traceback" not in err
    partial = into / "cde" / "pubschls.txt.partial"
    assert partial.stat().st_size == 60_000 and not (into / "cde" / "pubschls.txt").exists()

    found = fetch_region(toml, into)
    assert server.requests[-1] == ("/pubschls.txt", "bytes=60000-")
    assert found[0].resumed_from == 60_000 and found[0].bytes == len(body)
    assert (into / "cde" / "pubschls.txt").read_bytes() == body
    assert found[0].sha256 == hashlib.sha256(body).hexdigest()
    assert not partial.exists()


def test_a_killed_fetch_resumes(tmp_path: Path, server: Server) -> None:
    body = directory_bytes(2000)  # about 1 MB, served slowly
    toml = region(tmp_path, server, body)
    into = tmp_path / "sources"
    server.delay = 0.01
    partial = into / "cde" / "pubschls.txt.partial"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "navigator", "catalogue", "fetch", str(toml),
                                "--into", str(into)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (partial.is_file() and partial.stat().st_size >= 100_000):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
    finally:
        process.kill()
        process.wait()
    have = partial.stat().st_size
    assert 0 < have < len(body) and not (into / "cde" / "pubschls.txt").exists()
    server.delay = 0.0
    found = fetch_region(toml, into)
    assert server.requests[-1] == ("/pubschls.txt", f"bytes={have}-")
    assert found[0].resumed_from == have
    assert (into / "cde" / "pubschls.txt").read_bytes() == body


def test_a_file_changed_on_the_server_is_fetched_whole_again(tmp_path: Path, server: Server) -> None:
    toml = region(tmp_path, server, directory_bytes())
    into = tmp_path / "sources"
    server.cut_after["/pubschls.txt"] = 50_000
    with pytest.raises(UserError):
        fetch_region(toml, into)
    newer = directory_bytes(450)  # the publisher updated it meanwhile: no splicing
    server.files["/pubschls.txt"] = newer
    found = fetch_region(toml, into)
    assert found[0].resumed_from == 0
    assert (into / "cde" / "pubschls.txt").read_bytes() == newer


def test_a_missing_file_is_one_sentence(tmp_path: Path, server: Server, capsys) -> None:
    toml = region(tmp_path, server, directory_bytes())
    toml.write_text(toml.read_text(encoding="utf-8").replace("/pubschls.txt\"", "/gone.txt\""),
                    encoding="utf-8")
    assert main(["catalogue", "fetch", str(toml), "--into", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert "the server answered 404 Not Found; check the url in the region file" in err
    assert not list((tmp_path / "s").rglob("*.txt"))


def test_a_checksum_mismatch_keeps_nothing(tmp_path: Path, server: Server, capsys) -> None:
    body = directory_bytes()
    toml = region(tmp_path, server, body, extra=f'sha256 = "{"0" * 64}"\n')
    into = tmp_path / "sources"
    assert main(["catalogue", "fetch", str(toml), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert f"its SHA-256 is {hashlib.sha256(body).hexdigest()}" in err and "nothing was kept" in err
    assert not (into / "cde" / "pubschls.txt").exists() and not list(into.rglob("*.partial*"))
    # Pinned right, the same download is kept.
    toml.write_text(toml.read_text(encoding="utf-8").replace("0" * 64, hashlib.sha256(body).hexdigest()),
                    encoding="utf-8")
    assert fetch_region(toml, into)[0].sha256 == hashlib.sha256(body).hexdigest()


def test_a_file_changed_after_it_was_fetched_is_not_built(tmp_path: Path, server: Server,
                                                          capsys) -> None:
    toml = region(tmp_path, server, directory_bytes())
    into = tmp_path / "sources"
    fetch_region(toml, into)
    fetched = into / "cde" / "pubschls.txt"
    fetched.write_bytes(fetched.read_bytes()[:-2000])  # cut short by a copy, say
    assert main(["catalogue", "build", str(toml), "--from", str(into), "--out",
                 str(tmp_path / "p.sqlite")]) == 2
    assert "has changed since it was fetched" in capsys.readouterr().err
    assert not (tmp_path / "p.sqlite").exists()


def test_building_without_the_fetched_folder_says_how_to_fetch(tmp_path: Path, server: Server,
                                                               capsys) -> None:
    toml = region(tmp_path, server, directory_bytes())
    assert main(["catalogue", "build", str(toml), "--out", str(tmp_path / "p.sqlite")]) == 2
    err = capsys.readouterr().err
    assert "fetch it with 'navigator catalogue fetch" in err and "--from FOLDER" in err


def test_a_path_outside_the_folder_is_refused(tmp_path: Path, server: Server) -> None:
    toml = region(tmp_path, server, directory_bytes())
    toml.write_text(toml.read_text(encoding="utf-8").replace('"cde/pubschls.txt"', '"../x.txt"'),
                    encoding="utf-8")
    with pytest.raises(UserError, match="needs a path inside the folder"):
        fetch_region(toml, tmp_path / "s")
    assert server.requests == []


def test_the_la_region_names_every_public_source_with_its_download(tmp_path: Path) -> None:
    from navigator.catalogue.build.region import load_region

    la = load_region(ROOT / "regions" / "los-angeles-county.toml", tmp_path, must_exist=False)
    urls = {e.section: [] for e in la.entries}
    for entry in la.entries:
        assert entry.options["url"].startswith("https://")
        urls[entry.section].append(entry.options["url"])
    assert urls["schools"] == ["https://www.cde.ca.gov/schooldirectory/report?rid=dl1&tp=txt"]
    assert "https://gitlab.com/LACMTA/gtfs_rail/-/raw/master/gtfs_rail.zip" in urls["transit"]
    assert "https://gitlab.com/LACMTA/gtfs_bus/-/raw/master/gtfs_bus.zip" in urls["transit"]
    municipal = [u for u in urls["transit"] if "los-angeles-regional-gtfs" in u]
    assert len(municipal) >= 15
    assert len(urls["indicators"]) == 2 and len(urls["basemap"]) == 1


def test_the_street_extract_is_fetched_and_built_into_the_street_map(tmp_path: Path, server: Server,
                                                                       capsys) -> None:
    """The region's [[basemap]] entry is downloaded like any source (the LA region's names
    Geofabrik's extract); the build says what the street map will take, then makes it."""
    streets = json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Wilshire Boulevard"},
         "geometry": {"type": "LineString", "coordinates": [[-118.21 + i / 1000, 34.01],
                                                           [-118.209 + i / 1000, 34.01]]}}
        for i in range(20)]}).encode("utf-8")
    server.files["/streets.geojson"] = streets
    toml = region(tmp_path, server, directory_bytes(20),
                  f'[[basemap]]\npath = "streets/city.geojson"\nurl = "{server.url}/streets.geojson"\n'
                  'layer = "streets"\nname = "City streets"\npublisher = "City"\n')
    into = tmp_path / "sources"
    assert main(["catalogue", "fetch", str(toml), "--into", str(into)]) == 0
    assert f"Fetched streets/city.geojson ({len(streets):,} bytes)" in capsys.readouterr().out
    assert ("/streets.geojson", None) in server.requests
    pack = tmp_path / "pack.sqlite"
    assert main(["catalogue", "build", str(toml), "--from", str(into), "--out", str(pack)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == ("Street map: about 20 streets and other features from city.geojson "
                          f"({round(len(streets) / 1000)} kB); expect about 15 kB of tiles and 1 s "
                          "to make them.")
    with open_pack(pack) as opened:
        source = next(s for s in opened.sources() if s.id == "basemap-1")
        tiles = opened.conn.execute("SELECT count(*) FROM basemap_tiles").fetchone()[0]
    assert source.sha256 == hashlib.sha256(streets).hexdigest() and tiles > 0
    assert source.url == f"{server.url}/streets.geojson"
