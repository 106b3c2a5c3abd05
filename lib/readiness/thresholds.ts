/**
 * A node counts as back from a reboot only once it has been up this long: pmxcfs, corosync, the
 * HA LRM and storage activation settle in the first minutes, and a node that crashes again
 * right after boot shows it here.
 */
export const REBOOT_SETTLE_SECONDS = 300;
