#!/usr/bin/env bash
# Fails when a lab run left a namespace, a host link or a corosync-family process behind.
set -u
left=0
if ip netns list 2>/dev/null | grep -E '^tb' ; then left=1; fi
if ip link show 2>/dev/null | grep -E ': tb[^:]*-host' ; then left=1; fi
if pgrep -af '(^|/)corosync(-qnetd|-qdevice)?( |$)' ; then left=1; fi
if [ "$left" -ne 0 ]; then
  echo "lab leftovers found (run: npm run lab:cleanup)" >&2
  exit 1
fi
echo "no lab leftovers"
