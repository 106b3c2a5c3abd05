import { connection } from "next/server";
import { getAdminSession } from "@/lib/auth/admin";

/** Where to go after signing in: a path on this site, short enough to be a real one. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") && next.length <= 512 ? next : "/";
}

export default async function AdminLoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  await connection();
  const { next, error } = await searchParams;
  const session = await getAdminSession();
  return (
    <main className="mx-auto flex max-w-md flex-col gap-4 p-6" data-testid="admin-login">
      <h1 className="text-2xl font-bold">Tiebreaker admin sign-in</h1>
      {session && (
        <p
          role="status"
          data-testid="login-session"
          className="rounded border border-ok/30 bg-ok-soft p-3 text-ok"
        >
          Signed in as {session.name}
          {session.role === "viewer" ? " (viewer: reads only)" : ""}.
        </p>
      )}
      {error && (
        <p
          role="alert"
          data-testid="login-error"
          className="rounded border border-crit/30 bg-crit-soft p-3 text-crit"
        >
          That is not an admin token or password here.
        </p>
      )}
      <form method="post" action="/api/admin/login" className="flex flex-col gap-2">
        <label htmlFor="token" className="text-sm font-semibold">
          Admin token or password
        </label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          className="rounded border border-slate-300 p-2 font-mono"
        />
        <input type="hidden" name="next" value={safeNext(next)} />
        <button type="submit" className="rounded bg-slate-900 p-2 font-semibold text-white">
          Sign in
        </button>
      </form>
      <p className="text-sm text-slate-600">
        Tokens and passwords are set in the dashboard&apos;s configuration (<code>admins</code>): an
        admin may change things, a viewer only reads.
      </p>
    </main>
  );
}
