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

  // The QDevice setup and removal one admin step at a time (docs/qdevice-wizard.md maps them to pvecm).
  startQnetdHost = () => this.post("/qnetd/host/start");
  blockQnetd = () => this.post("/qnetd/block");
  unblockQnetd = () => this.post("/qnetd/unblock");
  installQdevice = (node?: string) => this.post("/qdevice/install", node ? { node } : {});
  uninstallQdevice = () => this.post("/qdevice/uninstall");
  configureQdevice = () => this.post("/qdevice/configure");
  startQdevices = () => this.post("/qdevice/start");
  removeQdevice = () => this.post("/qdevice/remove");

  async state(): Promise<{ nodes: { name: string; ip: string }[]; qnetdAddress: string }> {
    const response = await this.request.get(`${CONTROL}/state`);
    expect(response.ok()).toBe(true);
    return (await response.json()) as {
      nodes: { name: string; ip: string }[];
      qnetdAddress: string;
    };
  }
}
