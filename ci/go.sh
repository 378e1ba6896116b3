#!/usr/bin/env bash
# A Go toolchain new enough for ci/check-deploy.sh (kubeconform, actionlint and ci/composecheck are
# built from source with `go install` / `go build`).
#
#   bash ci/go.sh ensure     print the path of a go binary >= GO_MIN; install GO_TOOLCHAIN first if
#                            there is none (called by ci/setup-machine.sh and ci/check-deploy.sh)
#   bash ci/go.sh required   print GO_MIN
#
# Debian 12's `golang` package is Go 1.19, too old for these modules (their go.mod files say
# `go 1.26`), so Go comes from where the go command itself gets newer toolchains: the module
# golang.org/toolchain on the Go module proxy, checked against the checksum database by
# `go mod download`. Without any go binary to run that, Debian's golang-1.19-go package is
# unpacked into a temporary directory (apt-get download + dpkg-deb -x, nothing installed) for it.
# Env: AUTONOMA_GO_PREFIX (toolchains, default /usr/local/lib/autonoma-go), AUTONOMA_GO_BIN (where
# the go and gofmt links go, default /usr/local/bin). GOPROXY/GOSUMDB are taken from the environment.
set -euo pipefail

# The highest `go` directive of what check-deploy builds: kubeconform v0.8.0 (go 1.26),
# actionlint v1.7.12 (go 1.25.0), ci/composecheck (go 1.24). Raise both when a pin moves.
GO_MIN=1.26
GO_TOOLCHAIN=go1.26.8
PREFIX="${AUTONOMA_GO_PREFIX:-/usr/local/lib/autonoma-go}"
BIN="${AUTONOMA_GO_BIN:-/usr/local/bin}"

log() { echo "go.sh: $*" >&2; }

# version of a go binary without the "go" prefix, e.g. 1.26.8 (empty if it does not run)
version_of() { "$1" version 2>/dev/null | awk '{print $3}' | sed 's/^go//'; }

new_enough() { # version
  [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$GO_MIN" "$1" | sort -V | head -1)" = "$GO_MIN" ]
}

goarch() {
  case "$(uname -m)" in
    x86_64) echo amd64 ;;
    aarch64) echo arm64 ;;
    *) log "no Go toolchain known for $(uname -m)"; return 1 ;;
  esac
}

# A go binary that can run `go mod download`: any go on PATH, else Debian's 1.19 unpacked in $1.
bootstrap_go() { # scratch-dir
  if command -v go >/dev/null; then command -v go; return 0; fi
  log "no go on PATH: unpacking Debian's golang-1.19-go to download $GO_TOOLCHAIN with it"
  if ! (cd "$1" && apt-get download golang-1.19-go >/dev/null 2>&1); then
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$1" && apt-get download golang-1.19-go >/dev/null 2>&1) || { log "apt-get download golang-1.19-go failed"; return 1; }
  fi
  dpkg-deb -x "$1"/golang-1.19-go_*.deb "$1/root"
  echo "$1/root/usr/lib/go-1.19/bin/go"
}

SCRATCH=""
trap '[ -z "$SCRATCH" ] || rm -rf "$SCRATCH"' EXIT

install_toolchain() {
  local arch boot dir target
  arch=$(goarch)
  SCRATCH=$(mktemp -d)
  boot=$(bootstrap_go "$SCRATCH")
  log "installing $GO_TOOLCHAIN into $PREFIX (golang.org/toolchain from the Go module proxy, via $(version_of "$boot"))"
  # GOTOOLCHAIN=local: a newer bootstrap must not try to switch toolchains itself; -mod=mod and no
  # go.mod: download the module outside any project.
  dir=$(cd "$SCRATCH" && GOTOOLCHAIN=local GOFLAGS=-mod=mod "$boot" mod download -json \
    "golang.org/toolchain@v0.0.1-$GO_TOOLCHAIN.linux-$arch" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] && [ -d "$dir" ] || { log "go mod download gave no directory"; return 1; }
  mkdir -p "$PREFIX"
  target="$PREFIX/$GO_TOOLCHAIN"
  rm -rf "$target.tmp" && cp -r "$dir" "$target.tmp"
  # Module zips carry no file modes: make the commands executable (as the go command does for
  # toolchains it downloads) and the tree writable again for a later rm.
  chmod -R u+w "$target.tmp"
  chmod +x "$target.tmp"/bin/* "$target.tmp"/pkg/tool/*/*
  rm -rf "$target" && mv "$target.tmp" "$target"
}

ensure() {
  local current target="$PREFIX/$GO_TOOLCHAIN/bin/go"
  if command -v go >/dev/null && new_enough "$(version_of "$(command -v go)")"; then
    command -v go; return 0
  fi
  if ! new_enough "$(version_of "$target")"; then
    current=$(command -v go >/dev/null && version_of "$(command -v go)" || echo none)
    log "check-deploy needs Go >= $GO_MIN; found: $current"
    install_toolchain
  fi
  mkdir -p "$BIN"
  ln -sfn "$target" "$BIN/go"
  ln -sfn "$PREFIX/$GO_TOOLCHAIN/bin/gofmt" "$BIN/gofmt"
  new_enough "$(version_of "$BIN/go")" || { log "$BIN/go is not Go >= $GO_MIN"; return 1; }
  echo "$BIN/go"
}

case "${1:-}" in
  ensure) ensure ;;
  required) echo "$GO_MIN" ;;
  *) echo "usage: $0 ensure|required" >&2; exit 2 ;;
esac
