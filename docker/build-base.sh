#!/usr/bin/env bash
# Builds the Java 17 runtime base image that our own machines use instead of a public JRE image
# (they pull nothing): a minimal Debian bookworm root made with debootstrap, plus a JRE cut with
# jlink from the local JDK, imported into the engine named by DOCKER_HOST as $ENTENTE_BASE_IMAGE.
#
# Users with a registry do not need this: the images default to a public JRE base.
# The Debian root is cached as a tarball (ENTENTE_CACHE_DIR) so a second run on the same machine
# skips the download; the image itself is rebuilt when it is missing from the engine.
set -euo pipefail

image="${ENTENTE_BASE_IMAGE:-entente/jre-base:17}"
java_home="${ENTENTE_BUILD_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
cache="${ENTENTE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/entente}"
rootfs_tar="$cache/bookworm-minbase.tar"

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image already present"
  exit 0
fi

# The first Debian mirror apt is configured with (deb822 .sources or a classic sources.list line).
debian_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
      | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' | grep -v -- '-security' | head -n1 || true)
  fi
  [ -n "$uri" ] || { echo "no Debian mirror found in apt's sources" >&2; return 1; }
  echo "$uri"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache"

if [ ! -s "$rootfs_tar" ]; then
  mirror=$(debian_mirror)
  echo "debootstrap bookworm (minbase) from $mirror"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 40 "$work/debootstrap.log" >&2; exit 1; }
  # Package caches and lists are of no use at run time.
  rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*
  tar -C "$work/rootfs" -cf "$rootfs_tar.partial" . && mv "$rootfs_tar.partial" "$rootfs_tar"
  rm -rf "$work/rootfs"
fi

# The modules Spring Boot, the Kafka clients and Streams (RocksDB), Micrometer and the Kafka broker use.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi
modules+=,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl
modules+=,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.agent
modules+=,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.jcmd,jdk.attach
echo "jlink a JRE from $java_home"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$work/jre"

mkdir -p "$work/layer/opt"
mv "$work/jre" "$work/layer/opt/java"
cp "$rootfs_tar" "$work/image.tar"
tar -C "$work/layer" -rf "$work/image.tar" ./opt/java

docker import \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  "$work/image.tar" "$image" >/dev/null
echo "built $image"
