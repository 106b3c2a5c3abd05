import { expect, type APIRequestContext } from "@playwright/test";

const CONTROL = `http://127.0.0.1:${process.env.TB_LAB_CONTROL_PORT ?? 8399}`;

/** Faults on the real lab, through the lab stack's loopback control. */
export class LabControl {
  constructor(private readonly request: APIRequestContext) {}

  private async post(path: string, body: object = {}): Promise<void> {
    const response = await this.request.post(`${CONTROL}${path}`, { data: body });
    expect(response.ok(), await response.text()).toBe(true);
  }

  cut = (node: string) => this.post("/cut", { node });
  heal = (node: string) => this.post("/heal", { node });
  stopQnetd = () => this.post("/qnetd/stop");
  startQnetd = () => this.post("/qnetd/start");
  enableQdevice = () => this.post("/qdevice/enable");
  expected = (node: string, votes: number) => this.post("/expected", { node, votes });
}
