/** The dashboard asks our own API this often; the collector refreshes upstream on its own interval. */
export const dashboardPollMs = 2_000;
/**
 * While a page's event stream is open, the stream brings every view and this slow poll is only a
 * backstop; the page goes back to `dashboardPollMs` as soon as the stream drops.
 */
export const streamBackstopPollMs = 30_000;
/** The demo controls change rarely; a slower poll keeps the switcher in step. */
export const demoPollMs = 5_000;
/** The wall hears changes by server-sent events; this poll is the fallback and notices a silent server. */
export const wallPollMs = 5_000;
