/** The dashboard asks our own API this often; the collector refreshes upstream on its own interval. */
export const dashboardPollMs = 2_000;
/** The demo controls change rarely; a slower poll keeps the switcher in step. */
export const demoPollMs = 5_000;
/** The wall hears changes by server-sent events; this poll is the fallback and notices a silent server. */
export const wallPollMs = 5_000;
