#!/usr/bin/env bash
# Stages what the .deb and the .tar.gz contain, from the modules' build outputs; jdeb packs the
# staged trees (packaging/pom.xml). Usage: stage.sh <project version> <repo root> <target dir>
# The reference configuration comes from gateway/src/main/resources/examples (the single source);
# only data_dir is pointed at /var/lib/parkedge. The sync-agent is packaged when its jar exists.
set -euo pipefail
version=$1
repo=$2
target=$3
src="$repo/packaging/src/deb"
deb_version=${version/-SNAPSHOT/~snapshot} # as jdeb spells it
tar_version=${version}

gateway_jar="$repo/gateway/target/parkedge.jar"
sync_jar="$repo/sync-agent/target/parkedge-sync.jar"
examples="$repo/gateway/src/main/resources/examples"
sync_example="$repo/sync-agent/src/main/resources/examples/sync.yaml"

[ -f "$gateway_jar" ] || { echo "stage: $gateway_jar missing: build the gateway first" >&2; exit 1; }

stage="$target/deb"
rm -rf "$stage"
mkdir -p "$stage/control" "$stage/data/usr/share/parkedge/training" "$stage/data/lib/systemd/system" \
  "$stage/data/usr/share/doc/parkedge" "$stage/exec/usr/bin" "$stage/exec/usr/share/parkedge" \
  "$stage/conf/etc/parkedge"

jvm_options=$(grep -v '^#' "$src/jvm.options" | tr '\n' ' ' | sed 's/ *$//')
units="parkedge-gateway.service"
with_sync=
if [ -f "$sync_jar" ]; then
  with_sync=yes
  units="$units parkedge-sync.service"
  echo "stage: packaging the sync-agent ($sync_jar)"
else
  echo "stage: no $sync_jar: the package carries the gateway only (no parkedge-sync, sync.yaml or parkedge-sync.service)"
fi

# --- jars, launchers, helper scripts
cp "$gateway_jar" "$stage/data/usr/share/parkedge/parkedge.jar"
install -m 0755 "$src/bin/parkedge" "$stage/exec/usr/bin/parkedge"
install -m 0755 "$src/bin/build-cds-archive" "$stage/exec/usr/share/parkedge/build-cds-archive"
sed "s|@JVM_OPTIONS@|$jvm_options|" "$src/bin/java.sh" > "$stage/data/usr/share/parkedge/java.sh"
if [ -n "$with_sync" ]; then
  cp "$sync_jar" "$stage/data/usr/share/parkedge/parkedge-sync.jar"
  install -m 0755 "$src/bin/parkedge-sync" "$stage/exec/usr/bin/parkedge-sync"
fi

# --- configuration: the shipped examples, data_dir pointed at /var/lib/parkedge
grep -qx 'data_dir: var' "$examples/gateway.yaml" \
  || { echo "stage: examples/gateway.yaml has no line 'data_dir: var' to point at /var/lib/parkedge" >&2; exit 1; }
sed 's|^data_dir: var$|data_dir: /var/lib/parkedge|' "$examples/gateway.yaml" > "$stage/conf/etc/parkedge/gateway.yaml"
cp "$examples/site.yaml" "$stage/conf/etc/parkedge/site.yaml"
if [ -n "$with_sync" ]; then
  [ -f "$sync_example" ] || { echo "stage: $sync_jar exists but $sync_example does not" >&2; exit 1; }
  cp "$sync_example" "$stage/conf/etc/parkedge/sync.yaml"
fi

# --- the class-data sharing training configuration: the example site, no real port touched
cp "$examples/site.yaml" "$stage/data/usr/share/parkedge/training/site.yaml"
cp "$src/training/gateway.yaml" "$stage/data/usr/share/parkedge/training/gateway.yaml"

# --- systemd units
for unit in $units; do
  cp "$repo/systemd/$unit" "$stage/data/lib/systemd/system/$unit"
done

# --- documentation
cp "$src/doc/copyright" "$stage/data/usr/share/doc/parkedge/copyright"
cp "$repo/packaging/README.md" "$stage/data/usr/share/doc/parkedge/README.md"
sed "1s/([^)]*)/($deb_version)/" "$src/doc/changelog" | gzip -9n > "$stage/data/usr/share/doc/parkedge/changelog.gz"

# --- control: maintainer scripts with the units this package has
for script in postinst prerm postrm; do
  sed "s|@UNITS@|$units|" "$src/control/$script" > "$stage/control/$script"
  chmod 0755 "$stage/control/$script"
done
cp "$src/control/control" "$src/control/triggers" "$stage/control/"

# --- the plain tarball for other distributions
name="parkedge-$tar_version"
tar_root="$target/tar/$name"
rm -rf "$target/tar"
mkdir -p "$tar_root/bin" "$tar_root/lib" "$tar_root/etc" "$tar_root/systemd"
cp "$gateway_jar" "$tar_root/lib/parkedge.jar"
cp "$examples/gateway.yaml" "$examples/site.yaml" "$tar_root/etc/"
cp "$repo/systemd/parkedge-gateway.service" "$tar_root/systemd/"
cp "$repo/packaging/README.md" "$tar_root/README.md"
launcher() { # $1: jar name
  cat <<SH
#!/bin/sh
# ParkEdge launcher for the tarball: the jar in ../lib, with the measured JVM options.
# Extra options: PARKEDGE_JAVA_OPTS; another Java 17: JAVA_HOME.
here=\$(dirname "\$(readlink -f "\$0")")
java=\${JAVA_HOME:+\$JAVA_HOME/bin/}java
export MALLOC_ARENA_MAX=\${MALLOC_ARENA_MAX:-2}
exec "\$java" $jvm_options \$PARKEDGE_JAVA_OPTS -jar "\$here/../lib/$1" "\$@"
SH
}
launcher parkedge.jar > "$tar_root/bin/parkedge"
chmod 0755 "$tar_root/bin/parkedge"
if [ -n "$with_sync" ]; then
  cp "$sync_jar" "$tar_root/lib/parkedge-sync.jar"
  cp "$sync_example" "$tar_root/etc/"
  cp "$repo/systemd/parkedge-sync.service" "$tar_root/systemd/"
  launcher parkedge-sync.jar > "$tar_root/bin/parkedge-sync"
  chmod 0755 "$tar_root/bin/parkedge-sync"
fi
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00Z' \
  -C "$target/tar" -czf "$target/$name.tar.gz" "$name"
echo "stage: staged $deb_version for the .deb; wrote $target/$name.tar.gz"
