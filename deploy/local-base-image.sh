#!/usr/bin/env bash
# Makes the Dockerfile's base image (node:20-bookworm-slim) locally, for machines that cannot pull
# images but reach Debian's mirror: a debootstrap of Debian 12 plus this machine's Node.js and npm,
# its CA bundle (a TLS-intercepting egress needs it) and its Node headers (node-gyp cannot download
# them offline). Anywhere that can pull, skip this: the Dockerfile uses the official image.
# Needs root, debootstrap and podman. Usage: deploy/local-base-image.sh [rootfs folder]
set -euo pipefail
rootfs=${1:-/var/tmp/hookscope-base-rootfs}
image=docker.io/library/node:20-bookworm-slim
node_bin=$(command -v node)
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
headers=$(dirname "$(dirname "$node_bin")")/include/node

[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { echo "needs Node.js 20 on this machine (the image says node:20)" >&2; exit 1; }
[ -d "$headers" ] || { echo "no Node headers at $headers" >&2; exit 1; }
[ -x "$rootfs/bin/sh" ] || debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null

install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
rm -rf "$rootfs/usr/local/lib/node_modules/npm" "$rootfs/usr/local/include/node"
mkdir -p "$rootfs/usr/local/lib/node_modules" "$rootfs/usr/local/include" "$rootfs/etc/ssl/certs"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
cp -a "$headers" "$rootfs/usr/local/include/node"
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
chroot "$rootfs" /usr/local/bin/node --version >/dev/null

tar -C "$rootfs" -c . | podman import \
  --change 'CMD ["node"]' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'ENV npm_config_nodedir=/usr/local' \
  - "$image" >/dev/null
echo "made $image from $rootfs"
