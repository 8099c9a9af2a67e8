# shellcheck shell=bash
# Where the test environments live; sourced by script/setup, script/run and script/hass.
#
#   floor         .venv                       Home Assistant 2026.2.3 (requirements/floor.txt)
#   newest        the newest test plugin       requirements/newest.txt (in-process tests)
#   newest-hass   the newest release           requirements/newest-hass.txt (a real `hass`)
#
# The newest environments need Python >= 3.14.2. With one on the machine they are plain
# venvs under .envs/newest/; without, they live inside a Debian forky root at
# .envs/newest/root (mode "chroot"), entered through script/run.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
FLOOR_VENV="$REPO_ROOT/.venv"
NEWEST_DIR="$REPO_ROOT/.envs/newest"
NEWEST_ROOT="$NEWEST_DIR/root"
NEWEST_MODE_FILE="$NEWEST_DIR/mode"
# Inside the forky root the venvs sit at a fixed path, apart from the bind-mounted repo.
CHROOT_VENV_BASE=/opt/acupressure-mat

newest_mode() { cat "$NEWEST_MODE_FILE" 2>/dev/null || true; }

# The venv of an environment, as its own Python sees it (inside the root in chroot mode).
venv_path() {
  case "$1" in
    floor) echo "$FLOOR_VENV" ;;
    newest | newest-hass)
      local name=${1#newest}; name=${name#-}; name=${name:-test}
      if [ "$(newest_mode)" = chroot ]; then echo "$CHROOT_VENV_BASE/$name"; else echo "$NEWEST_DIR/$name"; fi
      ;;
    *) return 1 ;;
  esac
}

# The same venv as the host sees it.
venv_host_path() {
  local path
  path=$(venv_path "$1") || return 1
  if [ "$1" != floor ] && [ "$(newest_mode)" = chroot ]; then echo "$NEWEST_ROOT$path"; else echo "$path"; fi
}

# The first Debian mirror of the machine's apt sources (never a security mirror).
debian_mirror() {
  { grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list || true; } \
    | { grep -v security || true; } | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//' | awk '{print $1}' | head -n 1
}
