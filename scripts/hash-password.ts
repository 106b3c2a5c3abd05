// Prints an admin's `passwordScrypt` value. The password is read from stdin: typed without echo
// (twice) on a terminal, or piped (`printf %s "$PW" | npm run --silent hash-password`).
import { hashPassword } from "@/lib/auth/password";
import { formatPasswordScrypt } from "@/lib/config/password-scrypt";

const MIN_LENGTH = 8;

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (finish: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      finish();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done(() => resolve(typed));
        if (ch === "\u0003" || ch === "\u0004") return done(() => reject(new Error("cancelled")));
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else if (ch >= " ") typed += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is the end of the line, not part of the password.
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await readHidden("Password: ");
  if (first.length >= MIN_LENGTH && (await readHidden("Again: ")) !== first)
    throw new Error("the two passwords differ");
  return first;
}

async function main(): Promise<void> {
  const password = await readPassword();
  if (password.length < MIN_LENGTH)
    throw new Error(`a password needs at least ${MIN_LENGTH} characters`);
  process.stdout.write(`${formatPasswordScrypt(await hashPassword(password))}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`hash-password: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
