#!/usr/bin/env bash
# Set up Navigator on a fresh Debian/Ubuntu machine: system libraries and fonts the Qt
# app needs (a Hangul font among them), then a virtual environment in .venv with the
# package, the app (extra "gui"), its test tools and the desktop build (extra "dev").
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-nanum            # Hangul for the app, the map and embedded in PDFs
  fonts-wqy-microhei     # Chinese, simplified and traditional characters
  fonts-dejavu-core      # Latin, Cyrillic, Vietnamese, Armenian, Arabic and Persian (joined forms)
  libegl1 libgl1 libnss3 libxkbcommon0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0  # Qt on X11 (Xvfb, kiosks)
  binutils gcc icu-devtools libblas64-3  # the desktop build: pruning and trimming libraries
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng  # Read aloud: the offline voices
)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
else
  echo "setup: not a Debian-like system; install a Hangul font (e.g. Nanum) yourself." >&2
fi

# The map page's JavaScript for street maps (protomaps-leaflet), pinned in package-lock.json;
# the app loads it from node_modules/ (a built app from its own folder), never from a CDN.
MAP_JS=node_modules/protomaps-leaflet/dist/protomaps-leaflet.js
if [ ! -f "$MAP_JS" ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --omit=dev --loglevel=error
  else
    echo "setup: npm not found; the map will show no street map (install Node.js 18+ and rerun)." >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'  # the app, every test, the desktop build
