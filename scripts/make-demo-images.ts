import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { DEMO_IMAGES, type DemoImage } from "./demo-images/list";

// `npx tsx scripts/make-demo-images.ts`: draws the demo posts' preview images (scripts/demo-images/*.webp) from
// SVG, our own art. The demo seed ships the WebP files; run this only to change them. sharp comes with Next.js.
const WIDTH = 1200;
const HEIGHT = 630;
const out = path.join(import.meta.dirname, "demo-images");

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Words wrapped to lines of at most `max` characters. */
function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The picture on the right half: a few shapes that say what the post is about. */
const MOTIFS: Record<DemoImage["motif"], (accent: string, light: string) => string> = {
  city: (a, l) => `
    <rect x="700" y="260" width="90" height="260" fill="${l}" opacity="0.9"/>
    <rect x="800" y="180" width="110" height="340" fill="${a}"/>
    <rect x="920" y="300" width="80" height="220" fill="${l}" opacity="0.7"/>
    <rect x="1010" y="220" width="100" height="300" fill="${a}" opacity="0.8"/>
    <circle cx="1040" cy="130" r="46" fill="#fde68a"/>
    ${Array.from({ length: 6 }, (_, i) => `<rect x="${820 + (i % 3) * 30}" y="${210 + Math.floor(i / 3) * 60}" width="16" height="28" fill="#fff" opacity="0.7"/>`).join("")}
    <rect x="660" y="520" width="500" height="14" rx="7" fill="${l}"/>`,
  leaf: (a, l) => `
    <path d="M900 520 C 700 440 700 200 1000 120 C 1080 340 1040 480 900 520 Z" fill="${a}"/>
    <path d="M900 520 C 930 400 960 260 1000 120" stroke="${l}" stroke-width="10" fill="none"/>
    <circle cx="760" cy="170" r="40" fill="#fde68a"/>`,
  chart: (a, l) => `
    ${[160, 230, 200, 300, 360].map((h, i) => `<rect x="${700 + i * 90}" y="${520 - h}" width="60" height="${h}" rx="8" fill="${i === 4 ? "#fde68a" : l}" opacity="${0.6 + i * 0.08}"/>`).join("")}
    <polyline points="730,330 820,270 910,300 1000,200 1090,140" stroke="${a}" stroke-width="12" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
    <circle cx="1090" cy="140" r="16" fill="${a}"/>`,
  shield: (a, l) => `
    <path d="M900 110 L1060 170 L1060 320 C1060 420 980 490 900 520 C820 490 740 420 740 320 L740 170 Z" fill="${l}"/>
    <path d="M900 150 L1020 195 L1020 320 C1020 400 960 455 900 480 Z" fill="${a}" opacity="0.8"/>
    <path d="M835 320 L885 370 L975 270" stroke="#fff" stroke-width="22" fill="none" stroke-linecap="round" stroke-linejoin="round"/>`,
  rocket: (a, l) => `
    <path d="M900 110 C980 180 1000 300 960 420 L840 420 C800 300 820 180 900 110 Z" fill="${l}"/>
    <circle cx="900" cy="260" r="38" fill="${a}"/>
    <path d="M840 380 L780 460 L850 440 Z M960 380 L1020 460 L950 440 Z" fill="${a}"/>
    <path d="M860 430 L900 530 L940 430 Z" fill="#fdba74"/>
    ${[
      [720, 160],
      [1080, 220],
      [760, 400],
      [1100, 470],
    ]
      .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="6" fill="#fff"/>`)
      .join("")}`,
  trophy: (a, l) => `
    <path d="M820 140 L980 140 L970 290 C960 350 840 350 830 290 Z" fill="#fde68a"/>
    <path d="M820 170 C760 170 760 260 830 270 M980 170 C1040 170 1040 260 970 270" stroke="#fde68a" stroke-width="16" fill="none"/>
    <rect x="880" y="340" width="40" height="80" fill="#fcd34d"/>
    <rect x="820" y="420" width="160" height="50" rx="8" fill="${l}"/>
    <text x="900" y="258" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="72" fill="${a}">1</text>`,
  database: (a, l) => `
    ${[0, 1, 2]
      .map(
        (i) => `<path d="M780 ${170 + i * 110} v80 a120 36 0 0 0 240 0 v-80" fill="${i % 2 ? a : l}"/>
      <ellipse cx="900" cy="${170 + i * 110}" rx="120" ry="36" fill="${i % 2 ? l : a}" opacity="0.95"/>`,
      )
      .join("")}
    <path d="M1060 200 h80 M1060 280 h60 M1060 360 h90" stroke="#fde68a" stroke-width="12" stroke-linecap="round"/>`,
  people: (a, l) => `
    ${[
      [780, 300, l],
      [900, 260, "#fde68a"],
      [1020, 300, l],
    ]
      .map(
        ([x, y, c]) => `<circle cx="${x}" cy="${y}" r="52" fill="${c}"/>
      <path d="M${Number(x) - 90} ${Number(y) + 230} a90 110 0 0 1 180 0 Z" fill="${c}"/>`,
      )
      .join("")}
    <rect x="660" y="500" width="480" height="14" rx="7" fill="${a}"/>`,
  calendar: (a, l) => `
    <rect x="760" y="150" width="300" height="300" rx="24" fill="#fff"/>
    <rect x="760" y="150" width="300" height="80" rx="24" fill="${a}"/>
    <rect x="760" y="200" width="300" height="30" fill="${a}"/>
    ${Array.from({ length: 12 }, (_, i) => `<rect x="${790 + (i % 4) * 65}" y="${260 + Math.floor(i / 4) * 60}" width="45" height="40" rx="6" fill="${i === 6 ? "#f59e0b" : l}"/>`).join("")}
    <rect x="820" y="120" width="18" height="60" rx="9" fill="${l}"/><rect x="982" y="120" width="18" height="60" rx="9" fill="${l}"/>`,
  stage: (a, l) => `
    <path d="M700 520 L760 300 L1040 300 L1100 520 Z" fill="${l}" opacity="0.6"/>
    <rect x="780" y="160" width="240" height="150" rx="12" fill="#fff"/>
    <polyline points="810,270 870,220 920,250 990,190" stroke="${a}" stroke-width="10" fill="none"/>
    <circle cx="760" cy="460" r="30" fill="#fde68a"/><circle cx="900" cy="470" r="30" fill="${a}"/><circle cx="1040" cy="460" r="30" fill="#fde68a"/>`,
  handshake: (a, l) => `
    <path d="M690 330 L800 260 L900 300 L1000 260 L1110 330 L1000 420 L900 460 L800 420 Z" fill="${l}"/>
    <path d="M800 300 L880 360 L920 340 L860 290" fill="${a}"/>
    <path d="M1000 300 L920 360 L880 340 L940 290" fill="#fde68a"/>
    <circle cx="900" cy="170" r="50" fill="none" stroke="#fde68a" stroke-width="14"/>`,
  globe: (a, l) => `
    <circle cx="900" cy="320" r="190" fill="${l}"/>
    <ellipse cx="900" cy="320" rx="80" ry="190" fill="none" stroke="${a}" stroke-width="10"/>
    <path d="M710 320 h380 M740 220 h320 M740 420 h320" stroke="${a}" stroke-width="10"/>
    <circle cx="1050" cy="170" r="30" fill="#fde68a"/>`,
};

function svg(image: DemoImage): string {
  const lines = wrap(image.headline, 18).slice(0, 3);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="${image.from}"/><stop offset="1" stop-color="${image.to}"/>
  </linearGradient></defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>
  <circle cx="1150" cy="40" r="220" fill="#fff" opacity="0.06"/>
  <circle cx="40" cy="640" r="180" fill="#fff" opacity="0.05"/>
  ${MOTIFS[image.motif](image.accent, image.light)}
  <text x="72" y="120" font-family="DejaVu Sans" font-weight="bold" font-size="26" letter-spacing="4" fill="#fde68a">${escapeXml(image.kicker.toUpperCase())}</text>
  ${lines.map((line, i) => `<text x="72" y="${215 + i * 74}" font-family="DejaVu Sans" font-weight="bold" font-size="60" fill="#fff">${escapeXml(line)}</text>`).join("\n  ")}
  <rect x="72" y="520" width="36" height="36" rx="8" fill="#fde68a"/>
  <text x="124" y="548" font-family="DejaVu Sans" font-size="28" fill="#fff" opacity="0.9">Example Co.</text>
</svg>`;
}

mkdirSync(out, { recursive: true });
let total = 0;
for (const image of DEMO_IMAGES) {
  const bytes = await sharp(Buffer.from(svg(image)))
    .webp({ quality: 78 })
    .toBuffer();
  writeFileSync(path.join(out, `${image.file}.webp`), bytes);
  total += bytes.byteLength;
  console.log(`${image.file}.webp ${(bytes.byteLength / 1024).toFixed(1)} KB`);
}
console.log(`${DEMO_IMAGES.length} images, ${(total / 1024).toFixed(1)} KB in all`);
