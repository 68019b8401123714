#!/usr/bin/env bash
# Draws the PNG, .ico and .icns icons in assets/ from assets/icon.svg. The results are committed, so a build
# never runs this; run it again after changing the SVG.
# Needs Debian's librsvg2-bin (rsvg-convert), imagemagick (convert) and icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/../assets"
for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install librsvg2-bin imagemagick icnsutils" >&2; exit 2; }
done
# The sizes of the hicolor icon theme that desktops look up for an application icon.
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" --output "icon-$size.png" icon.svg
done
convert icon-16.png icon-24.png icon-32.png icon-48.png icon-64.png icon-128.png icon-256.png icon.ico
# png2icns picks the icns type from each PNG's size; it takes 16, 32, 48, 128, 256 and 512 pixels.
png2icns icon.icns icon-16.png icon-32.png icon-48.png icon-128.png icon-256.png icon-512.png
echo "icons written to $(pwd)"
