#!/usr/bin/env bash
# Installs word-frequency lists into models/wordfreq/<lang>.tsv (`word<TAB>zipf`) for `dict import frequencies`.
# The lists ship inside the PyPI wheel wordfreq==3.1.1 (Apache-2.0 code, CC BY-SA 4.0 data by Robyn Speer; see
# https://github.com/rspeer/wordfreq): English from its large list, German, Spanish, French and Chinese from the
# small ones. No hub, no network beyond PyPI; every list is checked against models/wordfreq.sha256 before it is
# converted. Idempotent: present lists are left alone unless --force.
#
#   bash models/install-wordfreq.sh            install or keep
#   bash models/install-wordfreq.sh --force    reinstall
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/wordfreq"
manifest="$here/wordfreq.sha256"
package="wordfreq==3.1.1"
# list file in the wheel → language code of the TSV
lists=("large_en:en" "small_de:de" "small_es:es" "small_fr:fr" "small_zh:zh-CN")

die() { echo "models/install-wordfreq.sh: $*" >&2; exit 1; }

complete() {
    for item in "${lists[@]}"; do [[ -s "$target/${item#*:}.tsv" ]] || return 1; done
}
if [[ "${1:-}" != "--force" ]] && complete; then
    echo "models/install-wordfreq.sh: word frequencies are installed ($target)"
    exit 0
fi
[[ -f "$manifest" ]] || die "manifest $manifest is missing"
if ! python3 -m pip --version >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || die "python3 -m pip is unavailable and apt-get is missing; install pip for python3"
    apt-get update -qq && apt-get install -y -qq python3-pip >/dev/null || die "apt-get install python3-pip failed"
fi

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT
echo "models/install-wordfreq.sh: downloading $package" >&2
python3 -m pip download --quiet --no-deps --disable-pip-version-check "$package" -d "$workdir/wheel" \
    || die "pip download of $package failed"
wheel="$(ls "$workdir"/wheel/*.whl 2>/dev/null | head -n 1)"
[[ -n "$wheel" ]] || die "pip download produced no wheel"
mkdir -p "$workdir/data"
python3 - "$wheel" "$workdir/data" <<'PY' || die "could not unpack the wheel"
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    for name in archive.namelist():
        if name.startswith("wordfreq/data/") and name.endswith(".msgpack.gz"):
            with open(os.path.join(sys.argv[2], os.path.basename(name)), "wb") as out:
                out.write(archive.read(name))
PY
(cd "$workdir/data" && sha256sum --check --quiet --strict "$manifest") \
    || die "checksum mismatch: the downloaded lists differ from $manifest (nothing was installed)"

staging="$here/.cache/wordfreq.partial"
rm -rf "$staging"
mkdir -p "$staging"
for item in "${lists[@]}"; do
    list="${item%%:*}"; lang="${item#*:}"
    python3 "$here/wordfreq_to_tsv.py" "$workdir/data/$list.msgpack.gz" > "$staging/$lang.tsv" || die "converting $list failed"
done
rm -rf "$target"
mv "$staging" "$target"
rmdir "$here/.cache" 2>/dev/null || true
echo "models/install-wordfreq.sh: installed $(cat "$target"/*.tsv | wc -l) word frequencies into $target"
