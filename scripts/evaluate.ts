import path from "node:path";
import { NotAScenarioError } from "@/replay/meta";
import { evaluateScenario } from "@/replay/evaluate-scenario";

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (dir === undefined || process.argv.length > 3) {
    process.stderr.write("usage: npm run --silent evaluate -- <scenario-dir>\n");
    return 2;
  }
  try {
    const { summary, findings } = await evaluateScenario(path.resolve(dir));
    process.stdout.write(`${JSON.stringify({ summary, findings }, null, 2)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof NotAScenarioError) {
      process.stderr.write(`evaluate: not a scenario: ${err.message}\n`);
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
