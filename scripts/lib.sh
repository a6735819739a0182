# Shared helpers of the project's scripts. Source it: `. "$(dirname "$0")/lib.sh"`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Tools built once and reused by every clone on this machine (wasm-bindgen CLI).
SIAO_TOOLS_DIR="${SIAO_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/siao/tools}"
export PATH="$SIAO_TOOLS_DIR/bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs Debian packages that are missing (apt-get update only when something is missing).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Version of a crate as locked in Cargo.lock.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# True when something accepts TCP connections on host:port.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Creates the database named in $1 (a postgres:// URL) if it does not exist.
ensure_database() {
  local url="$1" name="${1##*/}"
  name="${name%%\?*}"
  if ! psql "${url%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    say "creating database $name"
    psql "${url%/*}/postgres" -qc "CREATE DATABASE \"$name\""
  fi
}
