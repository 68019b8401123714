#!/usr/bin/env bash
# Builds HotCore Explorer's desktop packages: a Java runtime with the JavaFX modules made by jlink, then an
# application image and installers made by jpackage.
#
# usage: packaging/jpackage.sh [TYPE...]
#   TYPE: app-image; deb or rpm on Linux; msi or exe on Windows; dmg or pkg on macOS. jpackage builds each type
#   only on its own system. Without a TYPE: app-image and this system's installers (Linux: deb, and rpm when
#   rpmbuild is installed; Windows: msi; macOS: dmg). PACKAGE_TYPES="TYPE ..." in the environment does the same.
#
# `mvn -Ppackage package` runs it after copying the runtime dependencies to target/packaging/dependencies; run
# it by hand only after that. Output: target/installer/.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "jpackage.sh: $*" >&2
  exit 2
}

: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
for tool in jar jdeps jlink jpackage; do
  [[ -x $JAVA_HOME/bin/$tool ]] || fail "no $tool in JAVA_HOME=$JAVA_HOME: set JAVA_HOME to a JDK 25"
done

pom_value() {
  sed -n "s:.*<$1>\\([^<]*\\)</$1>.*:\\1:p" pom.xml | head -n 1
}
# Maven passes both; the fallbacks read the first <version> (the project's) and the property from pom.xml.
version=${HOTCORE_VERSION:-$(pom_value version)}
javafx_version=${JAVAFX_VERSION:-$(pom_value javafx.version)}

read -r -a types <<<"${PACKAGE_TYPES:-}"
(($# > 0)) && types=("$@")

# NOTE: only the Linux paths of this script have been run; the Windows and macOS ones are untested.
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) fail "unsupported system $(uname -s)" ;;
esac
if ((${#types[@]} == 0)); then
  case $os in
    linux)
      types=(app-image deb)
      command -v rpmbuild >/dev/null && types+=(rpm)
      ;;
    windows) types=(app-image msi) ;;
    macos) types=(app-image dmg) ;;
  esac
fi

work=target/packaging
deps=$work/dependencies
[[ -d target/classes && -d $deps ]] || fail "missing target/classes or $deps: run 'mvn -Ppackage package'"
rm -rf "$work/input" "$work/javafx" "$work/runtime" target/installer
mkdir -p "$work/input" "$work/javafx" target/installer

# JavaFX goes into the runtime as modules, so it never loads from the class path (which JavaFX warns about).
# Maven resolves the jars with this platform's classifier (javafx-base-25.0.2-linux.jar); the jars without a
# classifier hold only a manifest and are left out.
for jar in "$deps"/*.jar; do
  name=$(basename "$jar")
  case $name in
    javafx-*-"$javafx_version"-*.jar) cp "$jar" "$work/javafx/" ;;
    javafx-*) ;;
    *) cp "$jar" "$work/input/" ;;
  esac
done
compgen -G "$work/javafx/javafx-graphics-*.jar" >/dev/null || fail "no javafx-graphics jar with a platform classifier in $deps"

# The JavaFX jars carry their native libraries as resources, which JavaFX copies to ~/.openjfx/cache on first use.
# They move from the jars to the runtime's library folder, where JavaFX looks first, so the program writes nothing
# to the user's home to start.
natives=$work/javafx-natives
rm -rf "$natives" "$work/javafx-unpacked"
mkdir -p "$natives"
for jar in "$work"/javafx/*.jar; do
  unpacked=$work/javafx-unpacked/$(basename "$jar" .jar)
  mkdir -p "$unpacked"
  (cd "$unpacked" && "$JAVA_HOME/bin/jar" --extract --file "$OLDPWD/$jar")
  found=$(find "$unpacked" -maxdepth 1 -type f \( -name '*.so' -o -name '*.dll' -o -name '*.dylib' \))
  [[ -n $found ]] || continue
  # shellcheck disable=SC2086 # one file name a line, none with spaces
  mv $found "$natives/"
  rm "$jar"
  "$JAVA_HOME/bin/jar" --create --no-manifest --file "$jar" -C "$unpacked" .
done

# The embedded-redis jar carries redis-server for six platforms; keep the one that RedisBinaries.embeddedResourceName
# picks on this platform. The table below is the same as that method's.
case "$os/$(uname -m)" in
  linux/x86_64 | linux/amd64) redis=redis-server-6.2.6-v5-linux-amd64 ;;
  linux/aarch64 | linux/arm64) redis=redis-server-6.2.7-linux-arm64 ;;
  linux/i?86) redis=redis-server-6.2.7-linux-386 ;;
  macos/x86_64) redis=redis-server-6.2.6-v5-darwin-amd64 ;;
  macos/arm64) redis=redis-server-6.2.6-v5-darwin-arm64 ;;
  windows/x86_64) redis=redis-server-5.0.14.1-windows-amd64.exe ;;
  *) redis= ;;
esac
embedded=$(compgen -G "$work/input/embedded-redis-*.jar" | head -n 1) || fail "no embedded-redis jar in $deps"
unpacked=$work/embedded-redis
rm -rf "$unpacked"
mkdir -p "$unpacked"
(cd "$unpacked" && "$JAVA_HOME/bin/jar" --extract --file "$OLDPWD/$embedded")
if [[ -n $redis ]]; then
  [[ -f $unpacked/$redis ]] || fail "$embedded has no $redis"
  echo "Keeping only $redis in $(basename "$embedded")"
else
  echo "embedded-redis has no redis-server for $(uname -s) $(uname -m); the program needs one on PATH" >&2
fi
find "$unpacked" -maxdepth 1 -name 'redis-server-*' ! -name "${redis:-none}" -delete
rm "$embedded"
"$JAVA_HOME/bin/jar" --create --no-manifest --file "$embedded" -C "$unpacked" .

# The application jar: the compiled classes and resources, without any dependency.
cat >"$work/MANIFEST.MF" <<MANIFEST
Main-Class: org.hotcore.explorer.Launcher
Implementation-Title: HotCore Explorer
Implementation-Version: $version
Enable-Native-Access: ALL-UNNAMED
MANIFEST
"$JAVA_HOME/bin/jar" --create --file "$work/input/hotcore-explorer.jar" --manifest "$work/MANIFEST.MF" -C target/classes .

# The Java modules that the program and its libraries use, with the JavaFX modules they need.
javafx_path=$(printf '%s:' "$work"/javafx/*.jar)
class_path=$(printf '%s:' "$work"/input/*.jar)
java_release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")
modules=$("$JAVA_HOME/bin/jdeps" --multi-release "$java_release" --ignore-missing-deps --print-module-deps \
  --module-path "${javafx_path%:}" --class-path "${class_path%:}" "$work/input/hotcore-explorer.jar")
[[ ,$modules, == *,javafx.controls,* ]] || modules="$modules,javafx.controls"
echo "Linking a runtime with $modules"
"$JAVA_HOME/bin/jlink" --module-path "${javafx_path%:}" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --strip-native-commands --compress zip-6 \
  --output "$work/runtime"
case $os in
  windows) cp "$natives"/* "$work/runtime/bin/" ;;
  *) cp "$natives"/* "$work/runtime/lib/" ;;
esac

vendor="The HotCore Explorer authors"
description="Desktop explorer and command line for hotcore entity trees stored in Redis"
copyright="Copyright (c) $(sed -n 's/^Copyright (c) \([0-9]*\) .*/\1/p' LICENSE) $vendor"
common=(--name hotcore-explorer --app-version "$version" --vendor "$vendor" --description "$description"
  --copyright "$copyright" --dest target/installer)

# jpackage reads the options of one system from packaging/OS/app-image.args and packaging/OS/installer.args.
platform_args() {
  if [[ -f packaging/$os/$1.args ]]; then
    echo "@packaging/$os/$1.args"
  fi
}

case $os in
  linux) icon=assets/icon-256.png ;;
  windows) icon=assets/icon.ico ;;
  macos) icon=assets/icon.icns ;;
esac

content=()
if [[ $os == linux ]]; then
  # The menu entry and the icon in every size, in the image's lib/desktop, for the .deb's postinst to put under
  # /usr/share.
  desktop=$work/desktop
  rm -rf "$desktop"
  install -D -m 644 assets/hotcore-explorer.desktop "$desktop/applications/hotcore-explorer.desktop"
  for png in assets/icon-*.png; do
    size=${png#assets/icon-}
    size=${size%.png}
    install -D -m 644 "$png" "$desktop/icons/hicolor/${size}x$size/apps/hotcore-explorer.png"
  done
  content=(--app-content "$desktop")
fi

# The application image, the base of every installer.
"$JAVA_HOME/bin/jpackage" --type app-image "${common[@]}" --runtime-image "$work/runtime" \
  --input "$work/input" --main-jar hotcore-explorer.jar --main-class org.hotcore.explorer.Launcher \
  --java-options "--enable-native-access=javafx.graphics,ALL-UNNAMED" --icon "$icon" "${content[@]}" \
  $(platform_args app-image)
case $os in
  macos) image="target/installer/hotcore-explorer.app" ;;
  *) image="target/installer/hotcore-explorer" ;;
esac
echo "Application image: $image ($(du -sh "$image" | cut -f1))"

for type in "${types[@]}"; do
  [[ $type == app-image ]] && continue
  echo "Building the $type installer"
  # The package's dependencies (GTK 3 among them) come from the libraries in the image: dpkg-shlibdeps for a
  # .deb, rpmbuild's own scan for an .rpm.
  resources=$work/resources-$type
  rm -rf "$resources"
  mkdir -p "$resources"
  extra=()
  case $type in
    deb)
      # Own maintainer scripts: jpackage's run xdg-desktop-menu, which fails where no desktop menu exists.
      cp packaging/linux/deb/postinst packaging/linux/deb/prerm "$resources/"
      ;;
    rpm)
      # jpackage's scriptlets install the menu entry with xdg-desktop-menu; the icon is the one in the image.
      sed 's|^Icon=.*|Icon=/opt/hotcore-explorer/lib/hotcore-explorer.png|' assets/hotcore-explorer.desktop \
        >"$resources/hotcore-explorer.desktop"
      extra=(--linux-shortcut)
      ;;
  esac
  "$JAVA_HOME/bin/jpackage" --type "$type" "${common[@]}" --app-image "$image" --license-file LICENSE \
    --resource-dir "$resources" "${extra[@]}" $(platform_args installer)
done
ls -l target/installer
