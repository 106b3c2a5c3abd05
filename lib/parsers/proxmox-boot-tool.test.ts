import { describe, expect, it } from "vitest";
import {
  bootKernelFromInstalled,
  parseProxmoxBootTool,
  type BootKernel,
} from "./proxmox-boot-tool";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): BootKernel {
  return parsedValue(parseProxmoxBootTool(text));
}

const list = (file: string): string => parsed(readFixture(`proxmox-boot/${file}`)).nextBoot ?? "";

describe("parseProxmoxBootTool on real output", () => {
  it("boots the pinned kernel when it is the only one", () => {
    expect(
      parsed(readFixture("proxmox-boot/kernel-list-one-kernel-pinned-i915-sriov-notes.txt")),
    ).toEqual({
      nextBoot: "6.8.4-2-pve",
      reason: "pinned",
      pinned: "6.8.4-2-pve",
      nextBootPin: null,
      kernels: ["6.8.4-2-pve"],
    });
  });

  it("boots the newest by version, not by the tool's text order (6.14 after 6.5)", () => {
    expect(
      parsed(readFixture("proxmox-boot/kernel-list-three-kernels-unpinned-pve-efiboot-blog.txt")),
    ).toEqual({
      nextBoot: "6.14.8-2-pve",
      reason: "newest",
      pinned: null,
      nextBootPin: null,
      kernels: ["6.14.8-2-pve", "6.11.11-2-pve", "6.5.13-6-pve"],
    });
  });

  it("boots an older pinned kernel although newer ones are installed", () => {
    const boot = parsed(
      readFixture("proxmox-boot/kernel-list-three-kernels-older-6.5-pinned-pve-efiboot-blog.txt"),
    );
    expect(boot).toMatchObject({ nextBoot: "6.5.13-6-pve", reason: "pinned" });
    expect(boot.kernels[0]).toBe("6.14.8-2-pve");
  });

  it("orders 6.8.12 above 6.8.4 and keeps the 6.5 pin", () => {
    const boot = parsed(
      readFixture("proxmox-boot/kernel-list-6.5-pinned-6.8-installed-kernel-change-blog.txt"),
    );
    expect(boot.kernels).toEqual(["6.8.12-1-pve", "6.8.4-2-pve", "6.5.13-5-pve"]);
    expect(boot.nextBoot).toBe("6.5.13-5-pve");
  });

  it("reads each published sample to a next-boot kernel", () => {
    expect(
      Object.fromEntries(listFixtures("proxmox-boot").map((file) => [file, list(file)])),
    ).toEqual({
      "kernel-list-6.2-pinned-5.15-kept-custom-kernel-notes.txt": "6.2.11-1-pve",
      "kernel-list-6.5-pinned-6.8-installed-kernel-change-blog.txt": "6.5.13-5-pve",
      "kernel-list-no-blank-line-6.17-regression-notes.txt": "6.17.0-2-pve",
      "kernel-list-one-kernel-pinned-i915-sriov-notes.txt": "6.8.4-2-pve",
      "kernel-list-one-kernel-unpinned-kernel-change-blog.txt": "6.8.4-2-pve",
      "kernel-list-three-kernels-older-6.5-pinned-pve-efiboot-blog.txt": "6.5.13-6-pve",
      "kernel-list-three-kernels-unpinned-pve-efiboot-blog.txt": "6.14.8-2-pve",
    });
  });
});

describe("parseProxmoxBootTool", () => {
  // The lines list_kernels() in proxmox-boot-tool echoes when both pins are set.
  const bothPins = [
    "Manually selected kernels:",
    "6.2.16-20-pve",
    "",
    "Automatically selected kernels:",
    "6.5.13-1-pve",
    "6.8.12-4-pve",
    "",
    "Pinned kernel:",
    "6.5.13-1-pve",
    "",
    "Kernel pinned on next-boot:",
    "6.2.16-20-pve",
    "",
  ].join("\n");

  it("lets the next-boot pin win over the permanent pin and counts manual kernels", () => {
    expect(parsed(bothPins)).toEqual({
      nextBoot: "6.2.16-20-pve",
      reason: "next-boot-pin",
      pinned: "6.5.13-1-pve",
      nextBootPin: "6.2.16-20-pve",
      kernels: ["6.8.12-4-pve", "6.5.13-1-pve", "6.2.16-20-pve"],
    });
  });

  it("tolerates CRLF line ends", () => {
    expect(parsed(bothPins.replaceAll("\n", "\r\n")).nextBoot).toBe("6.2.16-20-pve");
  });

  it("reads an empty automatic list as no kernel known", () => {
    expect(
      parsed("Manually selected kernels:\nNone.\n\nAutomatically selected kernels:\n\n"),
    ).toMatchObject({ nextBoot: null, reason: null, kernels: [] });
  });

  it("fails on empty input", () => {
    expect(parseProxmoxBootTool("")).toEqual({
      ok: false,
      error: {
        format: "proxmox-boot-tool-kernel-list",
        line: null,
        message: expect.stringMatching(/empty/) as unknown,
      },
    });
  });

  it("refuses an error message in place of the list, naming its line", () => {
    expect(parseProxmoxBootTool("\nE: /etc/kernel/proxmox-boot-uuids does not exist.\n")).toEqual({
      ok: false,
      error: {
        format: "proxmox-boot-tool-kernel-list",
        line: 2,
        message:
          '"E: /etc/kernel/proxmox-boot-uuids does not exist." before any heading of the kernel list',
      },
    });
  });

  it("refuses a list without its automatic heading", () => {
    expect(parseProxmoxBootTool("Manually selected kernels:\nNone.\n").ok).toBe(false);
  });

  it("refuses a word that is not a kernel version under a heading", () => {
    const result = parseProxmoxBootTool("Automatically selected kernels:\nsomething else\n");
    expect(result.ok ? null : result.error.line).toBe(2);
  });
});

describe("bootKernelFromInstalled", () => {
  it("picks the newest /boot image by version when nothing is pinned", () => {
    expect(
      bootKernelFromInstalled(
        [
          "vmlinuz-6.5.13-1-pve",
          "vmlinuz-6.8.12-4-pve",
          "vmlinuz-6.8.4-2-pve",
          "config-6.8.4-2-pve",
        ],
        null,
        null,
      ),
    ).toEqual({
      nextBoot: "6.8.12-4-pve",
      reason: "newest",
      pinned: null,
      nextBootPin: null,
      kernels: ["6.8.12-4-pve", "6.8.4-2-pve", "6.5.13-1-pve"],
    });
  });

  it("reads the first line of the pin files, the next-boot pin first", () => {
    const images = ["vmlinuz-6.5.13-1-pve", "vmlinuz-6.8.12-4-pve"];
    expect(bootKernelFromInstalled(images, "6.5.13-1-pve\n", null)).toMatchObject({
      nextBoot: "6.5.13-1-pve",
      reason: "pinned",
    });
    expect(bootKernelFromInstalled(images, "6.5.13-1-pve\n", "6.8.12-4-pve\n")).toMatchObject({
      nextBoot: "6.8.12-4-pve",
      reason: "next-boot-pin",
    });
    expect(bootKernelFromInstalled(images, "\n", null)).toMatchObject({ reason: "newest" });
  });

  it("knows no kernel when /boot holds no image", () => {
    expect(bootKernelFromInstalled([], null, null)).toMatchObject({ nextBoot: null, reason: null });
  });
});
