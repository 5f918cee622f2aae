"""Signed packs: an Ed25519 signature beside each pack, made and checked with PyNaCl (libsodium).

Why: kiosk laptops get new packs on a USB stick; nobody should be able to slip a doctored pack
onto one.  The district signs each pack it builds; a kiosk configured with the district's public
key (``trusted_keys`` in navigator.toml) refuses a pack that is unsigned, signed with another
key, or changed after signing.

The signature is a sidecar, ``PACK.sig`` (a pack's own bytes are never changed by signing):
UTF-8 JSON whose ``signature`` is Ed25519 over the rest of the document (canonical JSON, after
the line ``navigator-pack-signature/1``).  The document names the pack's size and SHA-256, so
the signature covers every byte of the pack, and its meta (region, build time, schema version),
so a pack cannot pass for another region's or an older build.  The format is in
docs/signing.md.  No cryptography is written here: libsodium signs and verifies.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from navigator.errors import UserError
from navigator.files import write_atomic
from navigator.small_files import load_small_json
from navigator.text import clean_line

FORMAT = "navigator-pack-signature"
KEY_FORMAT = "navigator-signing-key"
PUBLIC_FORMAT = "navigator-public-key"
VERSION = 1
PREFIX = "ed25519:"
DOMAIN = b"navigator-pack-signature/1\n"  # signatures made for packs are good for nothing else
CHUNK = 1 << 20
# A signature or key file is a few hundred bytes; anything over this is not one, and is refused
# before it is read (a 1.5 GB .sig once took 4.5 GB of memory to refuse).
MAX_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class PublicKey:
    key: bytes  # the 32-byte Ed25519 public key
    signer: str = ""
    path: Path | None = None

    @property
    def key_id(self) -> str:
        return key_id(self.key)

    @property
    def text(self) -> str:
        """``ed25519:BASE64``: what navigator.toml's trusted_keys takes."""
        return PREFIX + base64.b64encode(self.key).decode("ascii")


@dataclass(frozen=True)
class Signature:
    """A checked (or just written) signature: who signed which pack, and when."""

    signer: str
    key_id: str
    signed_at: str  # UTC ISO
    region_id: str
    built_at: str
    sha256: str
    path: Path


def key_id(public: bytes) -> str:
    """A short name for a key (16 hex digits of its SHA-256), shown beside the signer's name."""
    return hashlib.sha256(public).hexdigest()[:16]


def signature_path(pack: Path) -> Path:
    return pack.with_name(pack.name + ".sig")


def _nacl():
    try:
        import nacl.exceptions
        import nacl.signing
    except ImportError as err:  # pragma: no cover - a dependency of Navigator
        raise UserError(f"Checking signatures needs PyNaCl ({err}); reinstall Navigator.") from None
    return nacl


def _write_new(path: Path, text: str, mode: int) -> None:
    """Create ``path`` with ``mode`` from the start (a key is never readable by others, even
    briefly); an existing file is never overwritten."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        raise UserError(f"{path} already exists; choose another name (a key is never "
                        "overwritten).") from None
    except OSError as err:
        raise UserError(f"{path} cannot be written ({err.strerror}).") from None
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())


def generate_key(out: Path, signer: str) -> PublicKey:
    """A new signing key in ``out`` (mode 0600) and its public key in ``out.pub``."""
    nacl = _nacl()
    signer = signer.strip()
    if not signer:
        raise UserError("The signer's name is empty; pass --signer \"Your district's name\".")
    public_path = out.with_name(out.name + ".pub")
    if public_path.exists():
        raise UserError(f"{public_path} already exists; choose another name for the key.")
    key = nacl.signing.SigningKey.generate()
    public = PublicKey(bytes(key.verify_key), signer, public_path)
    _write_new(out, json.dumps({
        "format": KEY_FORMAT, "version": VERSION, "signer": signer, "key_id": public.key_id,
        "private_key": base64.b64encode(bytes(key)).decode("ascii")}, indent=2) + "\n", 0o600)
    _write_new(public_path, json.dumps({
        "format": PUBLIC_FORMAT, "version": VERSION, "signer": signer, "key_id": public.key_id,
        "public_key": public.text}, indent=2) + "\n", 0o644)
    return public


def _read_json(path: Path, what: str) -> dict:
    """A key or signature file: read by size first (at most MAX_FILE_BYTES), then parsed."""
    data = load_small_json(path, MAX_FILE_BYTES, f"The {what}",
                           f"use the {what} made by 'navigator catalogue "
                           f"{'keygen' if 'key' in what else 'sign'}'")
    if not isinstance(data, dict):
        raise UserError(f"The {what} {path} is not a Navigator {what}.")
    return data


def _b64(text: object, size: int, where: str) -> bytes:
    try:
        raw = base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise UserError(f"{where} is damaged (its key is not {size} bytes of base64).")
    return raw


def read_public_key(value: str | Path, base: Path | None = None) -> PublicKey:
    """A public key from its ``ed25519:...`` text or a ``.pub`` file (relative to ``base``)."""
    text = str(value).strip()
    if text.startswith(PREFIX):
        return PublicKey(_b64(text[len(PREFIX):], 32, f"The public key {text[:20]}…"))
    path = Path(text).expanduser()
    if base is not None and not path.is_absolute():
        path = base / path
    data = _read_json(path, "public key")
    if data.get("format") != PUBLIC_FORMAT or not str(data.get("public_key", "")).startswith(PREFIX):
        raise UserError(f"{path} is not a Navigator public key (made by 'navigator catalogue "
                        "keygen').")
    key = _b64(str(data["public_key"])[len(PREFIX):], 32, f"The public key {path}")
    return PublicKey(key, str(data.get("signer") or ""), path)


def _read_private_key(path: Path):
    nacl = _nacl()
    if sys.platform != "win32" and path.is_file() and path.stat().st_mode & 0o077:
        raise UserError(f"The signing key {path} can be read by other users; make it private "
                        f"(chmod 600 {path}) and keep it off shared folders.")
    data = _read_json(path, "signing key")
    if data.get("format") != KEY_FORMAT:
        raise UserError(f"{path} is not a Navigator signing key (made by 'navigator catalogue "
                        "keygen'); to sign, pass the key file, not the .pub file.")
    key = nacl.signing.SigningKey(_b64(data.get("private_key"), 32, f"The signing key {path}"))
    return key, str(data.get("signer") or "")


def file_digest(path: Path) -> tuple[int, str]:
    """The size and SHA-256 of a file, read in chunks (a pack can be hundreds of megabytes)."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _message(document: dict) -> bytes:
    fields = {k: v for k, v in document.items() if k != "signature"}
    return DOMAIN + json.dumps(fields, sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False).encode("utf-8")


def _pack_meta(path: Path) -> dict[str, str]:
    from navigator.catalogue.pack import open_pack

    with open_pack(path) as pack:
        return {"region_id": pack.region.id, "region_name": pack.region.name,
                "built_at": pack.region.built_at, "schema_version": str(pack.schema_version)}


def sign_pack(pack: Path, key_file: Path, signed_at: str | None = None) -> Signature:
    """Write ``PACK.sig`` (atomically) for the pack as it is now."""
    key, signer = _read_private_key(key_file)
    meta = _pack_meta(pack)
    size, sha256 = file_digest(pack)
    document = {
        "format": FORMAT, "version": VERSION, "algorithm": "ed25519", "signer": signer,
        "key_id": key_id(bytes(key.verify_key)),
        "signed_at": signed_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "pack": {"file": pack.name, "size": size, "sha256": sha256, **meta},
    }
    document["signature"] = base64.b64encode(key.sign(_message(document)).signature).decode("ascii")
    out = signature_path(pack)
    write_atomic(out, (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return _signature(document, out)


def _signature(document: dict, path: Path) -> Signature:
    """What a signature says, as one-line texts (a signer's name cannot forge a line of output)."""
    pack = document.get("pack") or {}
    return Signature(*(clean_line(str(value))[:200] for value in (
        document.get("signer", ""), document.get("key_id", ""), document.get("signed_at", ""),
        pack.get("region_id", ""), pack.get("built_at", ""), pack.get("sha256", ""))), path)


def read_signature(pack: Path) -> dict:
    path = signature_path(pack)
    if not path.exists():
        raise UserError(f"The pack {pack.name} is not signed (there is no {path.name} beside it); "
                        "ask the district for the signed pack and copy its .sig file with it.")
    document = _read_json(path, "signature")
    if document.get("format") != FORMAT or document.get("algorithm") != "ed25519" \
            or not isinstance(document.get("pack"), dict):
        raise UserError(f"{path.name} is not a Navigator pack signature; copy the pack's own "
                        ".sig file from the district.")
    if not isinstance(document.get("version"), int) or document["version"] > VERSION:
        raise UserError(f"{path.name} was made by a newer Navigator; update Navigator.")
    return document


def verify_pack(pack: Path, keys: list[PublicKey]) -> Signature:
    """The pack's signature, checked against ``keys``; a UserError (one sentence) if it fails."""
    nacl = _nacl()
    document = read_signature(pack)
    path = signature_path(pack)
    named = str(document.get("key_id", ""))
    key = next((k for k in keys if k.key_id == named), None)
    if key is None:
        raise UserError(f"The pack {pack.name} was signed with a key this computer does not trust "
                        f"(key {named or 'unknown'}); ask the district for a pack signed with its "
                        "key, or add its public key to trusted_keys in navigator.toml.")
    try:
        raw = base64.b64decode(str(document.get("signature", "")), validate=True)
        nacl.signing.VerifyKey(key.key).verify(_message(document), raw)
    except (binascii.Error, ValueError, nacl.exceptions.BadSignatureError):
        raise UserError(f"The signature of {pack.name} does not match: the pack or its .sig file "
                        "was changed; copy both again from the district.") from None
    size, sha256 = file_digest(pack)
    signed = document["pack"]
    if (size, sha256) != (signed.get("size"), signed.get("sha256")):
        raise UserError(f"The pack {pack.name} was changed after it was signed (or copied only in "
                        "part); copy it again from the district.")
    meta = _pack_meta(pack)
    if any(meta[k] != str(signed.get(k)) for k in ("region_id", "built_at", "schema_version")):
        raise UserError(f"The pack {pack.name} does not match its signature's region or build "
                        "time; copy the pack and its .sig file again from the district.")
    return _signature(document, path)


@dataclass(frozen=True)
class PackTrust:
    """What the app can say about the pack it opened, for "About this information"."""

    status: str  # "verified", "unchecked" (no trusted keys set), "unsigned", "bundled" (the demo)
    signature: Signature | None = None


def pack_trust(pack: Path, keys: list[PublicKey], keys_configured: bool,
               bundled: bool = False) -> PackTrust:
    """Check the pack the app is about to open: with trusted keys set, a pack that is not signed
    with one of them is refused (UserError); without, a signature is read but not trusted.
    The demo pack inside the app is as trusted as the app itself."""
    if keys_configured and not bundled:
        if not keys:
            raise UserError("The settings name trusted keys, but none of them can be read; fix "
                            "trusted_keys in navigator.toml.")
        return PackTrust("verified", verify_pack(pack, keys))
    try:
        document = read_signature(pack)
    except UserError:
        return PackTrust("bundled" if bundled else "unsigned")
    return PackTrust("bundled" if bundled else "unchecked",
                     _signature(document, signature_path(pack)))
