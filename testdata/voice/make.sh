#!/usr/bin/env bash
# Makes the voice-note test files: a short question spoken by espeak-ng in English and in Arabic, encoded as
# OGG/Opus at Telegram's voice-note settings (mono, 48 kHz, low bitrate). Needs the Debian packages espeak-ng and
# opus-tools. The .txt next to each file is what was spoken (the fake transcriber's answer in tests).
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
say() { # name voice text
  espeak-ng -v "$2" -s 150 -w "$tmp/$1.wav" "$3"
  opusenc --quiet --bitrate 16 --downmix-mono "$tmp/$1.wav" "$1.ogg"
  printf '%s\n' "$3" > "$1.txt"
}
say en en "Who heads the secretariat?"
say ar ar "من يرأس الأمانة؟"
