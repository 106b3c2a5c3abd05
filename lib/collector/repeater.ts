/**
 * Runs a task every `intervalMs`, measured from the start of each run, never two at once. A slow
 * run (a source waiting out its deadline) delays only its own next run.
 */
export class Repeater {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
  ) {}

  start(): this {
    void this.run();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      await this.task();
    } catch (err) {
      console.error(`[tiebreaker] poll failed: ${String(err)}`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.run(),
      Math.max(0, this.intervalMs - (Date.now() - started)),
    );
  }
}
