import path from "node:path";
import { NotAScenarioError } from "@/replay/meta";
import { evaluateScenario } from "@/replay/evaluate-scenario";
import { parseTarget, type FailureTarget } from "@/lib/whatif/types";
import { UnknownTargetError, whatIf } from "@/lib/whatif/what-if";

const USAGE =
  "usage: npm run --silent evaluate -- <scenario-dir> [--fail <node|qdevice|link:N>]...";

type Args = { ok: true; dir: string; targets: FailureTarget[] } | { ok: false; message: string };

function readArgs(argv: readonly string[]): Args {
  const [dir, ...rest] = argv;
  if (dir === undefined || dir.startsWith("--")) return { ok: false, message: USAGE };
  const targets: FailureTarget[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (flag !== "--fail" || value === undefined) return { ok: false, message: USAGE };
    try {
      targets.push(parseTarget(value));
    } catch (err) {
      return { ok: false, message: `evaluate: ${(err as Error).message}` };
    }
  }
  return { ok: true, dir, targets };
}

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`${args.message}\n`);
    return 2;
  }
  try {
    const view = await evaluateScenario(path.resolve(args.dir));
    if (args.targets.length === 0) {
      const { summary, findings } = view;
      process.stdout.write(`${JSON.stringify({ summary, findings }, null, 2)}\n`);
      return 0;
    }
    const result = whatIf(view, args.targets);
    const { summary, findings } = result.after;
    const { failed, quorate, lostVotes, newFindings } = result;
    const out = { summary, findings, whatIf: { failed, quorate, lostVotes, newFindings } };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof NotAScenarioError) {
      process.stderr.write(`evaluate: not a scenario: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UnknownTargetError) {
      process.stderr.write(`evaluate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`evaluate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
