#!/usr/bin/env bash
# Debian packages the end-to-end and lab tests need: Chromium for Playwright, the real corosync,
# qnetd and qdevice daemons for the lab, promtool (from prometheus) to check the metrics and
# the example alert rules, and PostgreSQL for the history store tests. Skips what is already
# installed.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v corosync >/dev/null 2>&1 || need+=(corosync)
command -v corosync-qnetd >/dev/null 2>&1 || need+=(corosync-qnetd)
command -v corosync-qdevice >/dev/null 2>&1 || need+=(corosync-qdevice)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
command -v nsenter >/dev/null 2>&1 || need+=(util-linux)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
# PostgreSQL's server binaries for the history store tests, which start their own server.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)

if [ ${#need[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system packages missing (${need[*]}); run as root: apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian packages enable their services; the lab runs its own daemons in namespaces.
for unit in corosync corosync-qnetd corosync-qdevice prometheus postgresql; do
  systemctl disable --now "$unit" >/dev/null 2>&1 || true
done
pkill -x corosync-qnetd >/dev/null 2>&1 || true
