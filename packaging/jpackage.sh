#!/usr/bin/env bash
# Builds a desktop package of HotCore Explorer with jpackage from the shaded jar.
# usage: packaging/jpackage.sh [TYPE]   TYPE: app-image (default), deb, rpm, dmg, pkg, msi or exe
set -euo pipefail
cd "$(dirname "$0")/.."
type=${1:-app-image}
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
jar=target/hotcore-explorer.jar
[[ -f $jar ]] || { echo "missing $jar: run 'mvn -DskipTests package' first" >&2; exit 2; }
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -n 1)
input=target/jpackage-input
rm -rf "$input" target/installer
mkdir -p "$input" target/installer
cp "$jar" "$input/"
icon=assets/icon.png
case "$(uname -s)" in
  Darwin) icon=assets/icon.icns ;;
  MINGW*|MSYS*|CYGWIN*) icon=assets/icon.ico ;;
esac
args=(--type "$type" --name "HotCore Explorer" --app-version "$version"
  --vendor "The HotCore Explorer authors" --description "Explorer for hotcore entity trees in Redis"
  --input "$input" --main-jar hotcore-explorer.jar --main-class org.hotcore.explorer.Launcher
  --java-options "--enable-native-access=ALL-UNNAMED" --dest target/installer)
[[ -f $icon ]] && args+=(--icon "$icon")
if [[ $type == deb || $type == rpm ]]; then
  args+=(--linux-shortcut --linux-menu-group Development --license-file LICENSE)
fi
"$JAVA_HOME/bin/jpackage" "${args[@]}"
echo "written to target/installer"
