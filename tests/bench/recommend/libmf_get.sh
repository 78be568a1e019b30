#!/bin/bash
# Prints the path of a LIBMF shared library (libmf.so) for the explicit-MF
# benchmark's peer, fetching it once if needed.
#
#   tests/bench/recommend/libmf_get.sh        -> /path/to/libmf.so on stdout
#
# LIBMF is not packaged for Debian. In order:
#   1. $LIBMF_SO, if set (a LIBMF 2.x you built yourself: `make lib` in its
#      source tree gives libmf.so; build it with USEAVX for its AVX kernels);
#   2. the cache $LIBMF_CACHE (default ~/.cache/ecoscale-bench/libmf-0.2.0);
#   3. otherwise the npm registry's `libmf` 0.2.0 package (Node.js bindings
#      that ship LIBMF's prebuilt libmf.so for x86-64 Linux, built with its
#      SSE kernels), fetched with `npm pack`, checked against the pinned
#      sha512 below, and only vendor/libmf.so and its COPYRIGHT kept in the
#      cache. Needs npm and access to the registry; nothing else is installed.
# This is benchmark set-up only: ecoscale never loads LIBMF.
set -eu
if [ -n "${LIBMF_SO:-}" ]; then
    [ -f "$LIBMF_SO" ] || { echo "libmf_get.sh: LIBMF_SO=$LIBMF_SO: no such file" >&2; exit 1; }
    echo "$LIBMF_SO"
    exit 0
fi
VERSION=0.2.0
SHA512=VCE67TNxy+uHU7dGhIzZpHOZruscbyZMcvkkvViMLmwGtK14VcC6Vv5d3qFP56e4IEP86bribQoJZhvGSjhokw==
CACHE=${LIBMF_CACHE:-$HOME/.cache/ecoscale-bench/libmf-$VERSION}
if [ ! -f "$CACHE/libmf.so" ]; then
    command -v npm > /dev/null || { echo "libmf_get.sh: npm not found; set LIBMF_SO to a libmf.so" >&2; exit 1; }
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "libmf@$VERSION" > /dev/null) ||
        { echo "libmf_get.sh: npm pack libmf@$VERSION failed; set LIBMF_SO to a libmf.so" >&2; exit 1; }
    tgz=$tmp/libmf-$VERSION.tgz
    got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w 0)
    [ "$got" = "$SHA512" ] || { echo "libmf_get.sh: $tgz: sha512 $got, expected $SHA512" >&2; exit 1; }
    tar xzf "$tgz" -C "$tmp" package/vendor/libmf.so package/vendor/COPYRIGHT
    mkdir -p "$CACHE"
    cp "$tmp/package/vendor/COPYRIGHT" "$CACHE/COPYRIGHT"
    cp "$tmp/package/vendor/libmf.so" "$CACHE/libmf.so.tmp"
    mv "$CACHE/libmf.so.tmp" "$CACHE/libmf.so"
    echo "libmf_get.sh: LIBMF from npm libmf@$VERSION -> $CACHE/libmf.so" >&2
fi
echo "$CACHE/libmf.so"
