#!/usr/bin/env bash
# deps.sh - the one list of Debian/Ubuntu packages ecoscale needs, and their installer.
#
#   scripts/deps.sh [GROUP ...]      groups: build test fuzz report bench all (default: build)
#   scripts/deps.sh --list GROUP ... print the package names, one per line
#
# Installs what is missing when run as root with apt-get; otherwise prints the
# one command to run (sudo apt-get install ..., or the `module load` names on a
# cluster) and exits 1. Exits 0 when everything is already installed.
# ECO_SKIP_DEPS=1 skips the check (e.g. on a cluster once the modules are loaded).
# To add a package: add one word to the group's line below.
set -euo pipefail

declare -A GROUP
GROUP[build]="build-essential cmake pkg-config libopenmpi-dev openmpi-bin libscalapack-openmpi-dev libopenblas-dev liblapacke-dev libhdf5-openmpi-dev hdf5-tools libglpk-dev glpk-utils libinih-dev librandom123-dev libcmocka-dev libcsv-dev libgsl-dev nettle-dev zlib1g-dev libplplot-dev plplot-driver-cairo"
GROUP[test]="slurmctld slurmd slurm-client munge chromium python3-numpy python3-statsmodels"
GROUP[fuzz]="clang libfuzzer-14-dev"
GROUP[report]=""
GROUP[bench]="r-cran-forecast python3-numpy python3-statsmodels python3-torch python3-deap"
ORDER=(build test fuzz report bench)

# Cluster modules and Spack packages for the build group (docs/building.md).
MODULES="openmpi hdf5-parallel glpk scalapack openblas gsl"

die() { echo "deps.sh: $*" >&2; exit 1; }

list=0
groups=()
for a in "$@"; do
    case $a in
    --list) list=1 ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    all) groups+=("${ORDER[@]}") ;;
    *) [[ -v GROUP[$a] ]] || die "unknown group '$a' (groups: ${ORDER[*]} all)"; groups+=("$a") ;;
    esac
done
((${#groups[@]})) || groups=(build)

pkgs=()
for g in "${groups[@]}"; do
    # shellcheck disable=SC2206
    pkgs+=(${GROUP[$g]})
done
if ((list)); then
    printf '%s\n' "${pkgs[@]}"
    exit 0
fi
((${#pkgs[@]})) || exit 0
if [[ ${ECO_SKIP_DEPS:-0} == 1 ]]; then
    echo "deps.sh: ECO_SKIP_DEPS=1: not checking packages"
    exit 0
fi

installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }

missing=()
if command -v dpkg-query >/dev/null; then
    for p in "${pkgs[@]}"; do installed "$p" || missing+=("$p"); done
else
    # Not Debian-like: cannot check packages; point at the docs.
    echo "deps.sh: no dpkg-query here, so packages cannot be checked." >&2
    if command -v module >/dev/null 2>&1 || [[ -n ${MODULESHOME:-} ]]; then
        echo "deps.sh: on a cluster, load the modules first:  module load $MODULES" >&2
        echo "deps.sh: (names differ between sites; see docs/building.md, also for Spack)" >&2
    else
        echo "deps.sh: install the equivalents of: ${pkgs[*]} (see docs/building.md)" >&2
    fi
    # The CMake configure step names anything still missing; let it decide.
    exit 0
fi

if ((${#missing[@]} == 0)); then
    echo "deps.sh: all ${#pkgs[@]} packages (${groups[*]}) are installed"
    exit 0
fi

echo "deps.sh: missing: ${missing[*]}"
if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    install=(apt-get install -y --no-install-recommends "${missing[@]}")
    # apt-get update only when the package lists are empty or an install fails.
    if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
        echo "deps.sh: apt package lists are empty: apt-get update"
        apt-get update || die "apt-get update failed"
    fi
    echo "deps.sh: ${install[*]}"
    if ! "${install[@]}"; then
        echo "deps.sh: install failed; updating the package lists and retrying"
        apt-get update || die "apt-get update failed"
        "${install[@]}" || die "apt-get install failed: ${missing[*]}"
    fi
    exit 0
fi

echo >&2
if command -v module >/dev/null 2>&1 || [[ -n ${MODULESHOME:-} ]]; then
    echo "deps.sh: this looks like a cluster (the 'module' command exists). Load:" >&2
    echo "    module load $MODULES" >&2
    echo "deps.sh: module names differ between sites (see 'module avail' and docs/building.md)." >&2
    echo "deps.sh: with the modules loaded, run again with ECO_SKIP_DEPS=1" >&2
else
    echo "deps.sh: run this once, then run the command again:" >&2
    echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
fi
exit 1
