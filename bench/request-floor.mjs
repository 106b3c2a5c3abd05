// The cost of one request through a server: a closed loop of `fetch` with N clients for S seconds,
// printing answers per second and p50/p99 latency. Against the dashboard, a static chunk, the
// health route and the overview route tell Next's own cost per request from the route's.
//
//     node bench/request-floor.mjs http://127.0.0.1:3100/api/health 10 1
const [url, seconds = "10", clients = "1"] = process.argv.slice(2);
if (!url) {
  console.error("usage: node bench/request-floor.mjs URL [seconds] [clients]");
  process.exit(2);
}
const end = Date.now() + Number(seconds) * 1000;
const latencies = [];
await Promise.all(
  Array.from({ length: Number(clients) }, async () => {
    while (Date.now() < end) {
      const started = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  }),
);
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
console.log(
  `${url}: ${latencies.length} answers, ${(latencies.length / Number(seconds)).toFixed(1)}/s, p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`,
);
