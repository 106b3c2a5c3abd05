import { STATUS_WORD_TONES, uptimeText, type PublicPage } from "./public-status";
import { escapeXml } from "./status-feed";
import type { Tone } from "./tone";

/** A badge is a standalone SVG, so it carries the theme's status colours itself (app/globals.css). */
const TONE_FILL: Record<Tone, string> = {
  ok: "#15803d",
  warn: "#b45309",
  crit: "#b91c1c",
  unknown: "#4b5563",
  info: "#1d4ed8",
};

/** Verdana 11px averages about 6.5 px a character; wide enough for the words we draw. */
function textWidth(text: string): number {
  return Math.round(text.length * 6.5) + 10;
}

/** A flat two-part badge: a grey label and a coloured value; the value is also its title. */
export function badgeSvg(label: string, value: string, tone: Tone): string {
  const left = textWidth(label);
  const right = textWidth(value);
  const width = left + right;
  const x = escapeXml;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${x(label)}: ${x(value)}">`,
    `<title>${x(label)}: ${x(value)}</title>`,
    `<rect width="${left}" height="20" fill="#555"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${TONE_FILL[tone]}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${left / 2}" y="14">${x(label)}</text>`,
    `<text x="${left + right / 2}" y="14">${x(value)}</text>`,
    `</g>`,
    `</svg>`,
  ].join("");
}

export function statusBadge(page: Pick<PublicPage, "status">, label = "status"): string {
  return badgeSvg(label, page.status, STATUS_WORD_TONES[page.status]);
}

/** Green from 99.9 %, amber from 99 %, red below; grey without data. */
export function uptimeTone(ratio: number | null): Tone {
  if (ratio === null) return "unknown";
  if (ratio >= 0.999) return "ok";
  if (ratio >= 0.99) return "warn";
  return "crit";
}

export function uptimeBadge(label: string, ratio: number | null): string {
  return badgeSvg(label, uptimeText(ratio), uptimeTone(ratio));
}
