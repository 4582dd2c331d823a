#!/usr/bin/env bash
# Regenerates english-common.txt.gz: the common English words (SCOWL size 40 and below, 4+ letters, lower case)
# that the speller never "corrects", so "funding" does not become "founding". Needs Debian's scowl package
# (apt-get install scowl). SCOWL's licence is in SCOWL-LICENSE.txt beside this file.
set -euo pipefail
cd "$(dirname "$0")"
src=/usr/share/dict/scowl
cat "$src"/english-words.{10,20,35,40} "$src"/american-words.{10,20,35,40} |
  grep -E '^[a-z]{4,}$' | LC_ALL=C sort -u | gzip -9n > english-common.txt.gz
