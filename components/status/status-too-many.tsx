/** What a client over the rate limit sees instead of the page; it reloads once the wait is over. */
export function StatusTooMany({ seconds }: { seconds: number }) {
  return (
    <main className="mx-auto max-w-xl p-6" data-testid="status-too-many">
      <meta httpEquiv="refresh" content={String(seconds)} />
      <h1 className="text-xl font-bold">Too many requests</h1>
      <p>This page will reload in {seconds} s.</p>
    </main>
  );
}
