import { z } from "zod";
import { detailList } from "./output-schema";
import { compareKernelVersions } from "./kernel-version";
import { fail, LineError, ok, parseText, splitLines } from "./result";
import type { ParseResult } from "./result";

const FORMAT = "proxmox-boot-tool-kernel-list";

/** Why a kernel is the one the node boots next, in the bootloader's own order of precedence. */
export const NEXT_BOOT_REASONS = ["next-boot-pin", "pinned", "newest"] as const;
export type NextBootReason = (typeof NEXT_BOOT_REASONS)[number];

/**
 * The kernel a node will boot next and what decided it: `proxmox-boot-tool kernel list`, or the
 * kernel images in /boot with /etc/kernel/proxmox-boot-pin and next-boot-pin where the tool is
 * missing.
 */
export const bootKernelSchema = z.object({
  /** Null when no kernel could be found at all. */
  nextBoot: z.string().nullable(),
  reason: z.enum(NEXT_BOOT_REASONS).nullable(),
  pinned: z.string().nullable(),
  nextBootPin: z.string().nullable(),
  /** Every kernel the bootloader is given (manual and automatic selection), newest first. */
  kernels: detailList(z.string()),
});

export type BootKernel = z.infer<typeof bootKernelSchema>;

/**
 * What the bootloader starts: a one-time pin, then the permanent pin, then the newest kernel
 * (GRUB's first entry and systemd-boot's default are both the highest version).
 */
export function chooseNextBoot(
  kernels: readonly string[],
  pinned: string | null,
  nextBootPin: string | null,
): BootKernel {
  const sorted = [...new Set(kernels)].sort((a, b) => compareKernelVersions(b, a));
  const base = { pinned, nextBootPin, kernels: sorted };
  if (nextBootPin !== null) return { ...base, nextBoot: nextBootPin, reason: "next-boot-pin" };
  if (pinned !== null) return { ...base, nextBoot: pinned, reason: "pinned" };
  const newest = sorted[0] ?? null;
  return { ...base, nextBoot: newest, reason: newest === null ? null : "newest" };
}

/** The kernel release in a /boot image name: `vmlinuz-6.5.13-1-pve` → `6.5.13-1-pve`. */
export function kernelFromImageName(name: string): string | null {
  const match = /^vmlinuz-(\d[^\s/]*)$/.exec(name);
  return match?.[1] ?? null;
}

/** The fallback without proxmox-boot-tool: /boot's kernel images and the pin files' first lines. */
export function bootKernelFromInstalled(
  imageNames: readonly string[],
  pinFile: string | null,
  nextBootPinFile: string | null,
): BootKernel {
  const kernels = imageNames.flatMap((name) => kernelFromImageName(name) ?? []);
  return chooseNextBoot(kernels, firstLine(pinFile), firstLine(nextBootPinFile));
}

function firstLine(text: string | null): string | null {
  const line = text?.split(/\r?\n/)[0]?.trim() ?? "";
  return line === "" ? null : line;
}

type Heading = "manual" | "automatic" | "pinned" | "next-boot";

const HEADINGS: Record<string, Heading> = {
  "Manually selected kernels:": "manual",
  "Automatically selected kernels:": "automatic",
  "Pinned kernel:": "pinned",
  "Kernel pinned on next-boot:": "next-boot",
};

const KERNEL = /^\d[0-9A-Za-z.+~_-]*$/;

/**
 * `proxmox-boot-tool kernel list`: the manual list (or `None.`), the automatic list, then, when
 * set, `Pinned kernel:` and `Kernel pinned on next-boot:`, each heading followed by one version a line.
 */
export function parseProxmoxBootTool(text: string): ParseResult<BootKernel> {
  return parseText(FORMAT, text, (input) => {
    const found: Record<Heading, string[]> = {
      manual: [],
      automatic: [],
      pinned: [],
      "next-boot": [],
    };
    const seen = new Set<Heading>();
    let current: Heading | null = null;
    let firstContentLine: number | null = null;

    splitLines(input).forEach((raw, index) => {
      const line = raw.trim();
      if (line === "") return;
      firstContentLine ??= index + 1;
      const heading = HEADINGS[line];
      if (heading) {
        current = heading;
        seen.add(heading);
        return;
      }
      if (current === null) {
        throw new LineError(index + 1, `"${line}" before any heading of the kernel list`);
      }
      if (line === "None." && current === "manual") return;
      if (!KERNEL.test(line)) {
        throw new LineError(index + 1, `"${line}" is not a kernel version`);
      }
      found[current].push(line);
    });

    if (firstContentLine === null) {
      return fail(FORMAT, null, "empty input: the tool always prints its kernel lists");
    }
    if (!seen.has("automatic")) {
      return fail(FORMAT, null, 'no "Automatically selected kernels:" heading');
    }
    for (const single of ["pinned", "next-boot"] as const) {
      if (found[single].length > 1) {
        return fail(FORMAT, null, `more than one kernel under the ${single} heading`);
      }
    }
    return ok(
      chooseNextBoot(
        [...found.manual, ...found.automatic],
        found.pinned[0] ?? null,
        found["next-boot"][0] ?? null,
      ),
    );
  });
}
