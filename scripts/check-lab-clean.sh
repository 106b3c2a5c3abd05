#!/usr/bin/env bash
# Fails when a lab run left a namespace, a host link or a corosync-family process behind.
set -u
# Teardown runs while the test runner shuts its web server down; give it a moment to finish.
for _ in $(seq 1 30); do
  ip netns list 2>/dev/null | grep -qE '^tb' || break
  sleep 1
done
left=0
if ip netns list 2>/dev/null | grep -E '^tb' ; then left=1; fi
if ip link show 2>/dev/null | grep -E ': tb[^:]*-host' ; then left=1; fi
if pgrep -af '(^|/)corosync(-qnetd|-qdevice)?( |$)' ; then left=1; fi
if [ "$left" -ne 0 ]; then
  echo "lab leftovers found (run: npm run lab:cleanup)" >&2
  exit 1
fi
echo "no lab leftovers"
