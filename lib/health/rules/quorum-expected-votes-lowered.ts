import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import {
  clusterConf,
  confFor,
  configuredTotalVotes,
  corosyncViews,
  describeConfiguredVotes,
  voteNumbers,
} from "../views-quorum";

/** These votequorum features lower expected votes by design as nodes leave. */
const SELF_LOWERING_FLAGS = ["LastManStanding", "AllowDownscale"];

export const quorumExpectedVotesLowered: Rule = (snapshot) => {
  const views = corosyncViews(snapshot);
  const cluster = clusterConf(snapshot);
  const lowered = views.flatMap((view) => {
    const q = view.quorum;
    const conf = confFor(view.node, cluster);
    if (!conf || q.expectedVotes === null) return [];
    if (q.flags.some((f) => SELF_LOWERING_FLAGS.includes(f))) return [];
    const total = configuredTotalVotes(conf, views);
    return q.expectedVotes < total
      ? [{ view, total, breakdown: describeConfiguredVotes(conf, views), conf }]
      : [];
  });
  if (lowered.length === 0) return [];

  const lines = lowered.map(
    ({ view, total, breakdown }) =>
      `${view.node.name} runs with ${voteNumbers(view.quorum)}, while corosync.conf adds up to ${total} (${breakdown})`,
  );
  const explicit =
    lowered.find(({ conf }) => conf.expectedVotes !== null)?.conf.expectedVotes ?? null;
  const names = lowered.map(({ view }) => view.node.name);
  const target = Math.max(...lowered.map(({ total }) => total));
  const lowest = Math.min(...lowered.map(({ view }) => view.quorum.expectedVotes ?? target));

  return [
    {
      rule: "quorum.expected-votes-lowered",
      severity: "warning",
      subject: "cluster",
      title: `Expected votes are lowered on ${listNames(names)} (${lowest} instead of ${target})`,
      detail:
        `${lines.join("; ")}. A lowered expected count lowers the quorum with it, as after \`pvecm expected N\`: ` +
        "a smaller group can count as a majority, and if both sides of a split do this, both run the same guests (split brain)." +
        (explicit !== null ? ` corosync.conf itself sets quorum.expected_votes: ${explicit}.` : ""),
      remedy:
        `Corosync raises it again by itself when the missing nodes rejoin; if it stays low with every node back, run \`pvecm expected ${target}\`. ` +
        (explicit !== null
          ? "Remove quorum.expected_votes from /etc/pve/corosync.conf so it follows the nodelist. "
          : "") +
        "Never lower expected votes on both sides of a split, and only on a survivor whose peer is certainly off.",
    } satisfies Finding,
  ];
};
