import { getCollector } from "@/lib/collector/registry";
import { jsonNoStore } from "@/lib/collector/respond";
import {
  demoControlStateSchema,
  demoControlUrl,
  demoSwitchSchema,
  demoSwitchResultSchema,
  type DemoState,
} from "@/lib/demo/control";

/** Demo controls exist only when the server was started by `npm run demo`. */
export async function GET() {
  const base = demoControlUrl();
  if (!base) return jsonNoStore({ enabled: false } satisfies DemoState);
  try {
    const response = await fetch(new URL("/state", base), {
      cache: "no-store",
      signal: AbortSignal.timeout(2_000),
    });
    const state = demoControlStateSchema.parse(await response.json());
    return jsonNoStore({ enabled: true, ...state } satisfies DemoState);
  } catch {
    return jsonNoStore({
      enabled: false,
      error: "the demo controller does not answer",
    } satisfies DemoState);
  }
}

export async function POST(request: Request) {
  const base = demoControlUrl();
  if (!base) return jsonNoStore({ error: "not running as a demo" }, 404);
  const body = demoSwitchSchema.safeParse(await request.json().catch(() => null));
  if (!body.success) return jsonNoStore({ error: 'expected {"scenario": "<name>"}' }, 400);
  const response = await fetch(new URL("/switch", base), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body.data),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) return jsonNoStore({ error: await response.text() }, response.status);
  const result = demoSwitchResultSchema.parse(await response.json());
  getCollector(null)?.reset(result.nodes, { linstor: result.linstor });
  return jsonNoStore(result);
}
