# Sourced by tools/software-adapter.sh and tools/gpu-kit/build.sh: Debian packages fetched without
# touching the system's apt. A private APT_CONFIG has its own sources (bookworm, bookworm-backports),
# lists and archives; the system's dpkg status is only read.
#   private_apt DIR            set it up in DIR and run apt-get update
#   in_private_apt DIR CMD...  run CMD (apt-get download, apt-get -s install, ...) with it, in DIR

debian_keyring=/usr/share/keyrings/debian-archive-keyring.gpg

private_apt() {
  local apt="$1"
  command -v apt-get >/dev/null && command -v dpkg >/dev/null || { echo "needs apt-get and dpkg (Debian 12 or a derivative)" >&2; return 1; }
  [ -f "$debian_keyring" ] || { echo "$debian_keyring is missing: apt-get install debian-archive-keyring" >&2; return 1; }
  mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/parts.d"
  cat >"$apt/sources.list" <<SOURCES
deb [signed-by=$debian_keyring] http://deb.debian.org/debian bookworm main
deb [signed-by=$debian_keyring] http://deb.debian.org/debian bookworm-backports main
SOURCES
  cat >"$apt/apt.conf" <<CONF
Dir::State::Lists "$apt/lists";
Dir::Cache "$apt/cache";
Dir::Cache::archives "$apt/archives";
Dir::Etc::SourceList "$apt/sources.list";
Dir::Etc::SourceParts "$apt/parts.d";
Dir::Etc::Preferences "$apt/parts.d/none";
Dir::Etc::PreferencesParts "$apt/parts.d";
APT::Sandbox::User "$(id -un)";
CONF
  APT_CONFIG="$apt/apt.conf" apt-get update -qq || { echo "apt-get update from deb.debian.org failed (is it reachable?)" >&2; return 1; }
}

in_private_apt() {
  local apt="$1"
  shift
  (cd "$apt" && APT_CONFIG="$apt/apt.conf" "$@")
}
