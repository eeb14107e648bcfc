/**
 * A chart as a publishable PNG, the way FRED and Our World in Data export graphs: drawn again
 * off screen at twice the pixels, on an opaque background in the current theme, with title,
 * range, units, legend, source line and the page's URL, which are also stored as PNG text.
 */
import { Chart } from "chart.js";
import { themeColors, toConfig } from "~/components/charts/config.client";
import { wrapWords } from "~/lib/charts/marks";
import { chartPanels, type ChartSpec } from "~/lib/charts/spec";

export interface FigureText {
  title: string;
  rangeWords: string;
  unitLine: string;
  credit: string;
  url: string;
}

/** CSS pixels; the PNG holds twice as many. */
const WIDTH = 720;
const PLOT_HEIGHT = 400;
/** Each panel's height when the chart is drawn as small multiples. */
const PANEL_HEIGHT = 240;
const PAD = 24;
const SCALE = 2;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

function drawChart(spec: ChartSpec, plotHeight: number): HTMLCanvasElement {
  // Chart.js only draws on a canvas that is in the document; keep it out of sight.
  const holder = document.createElement("div");
  holder.style.cssText = `position:fixed;left:-10000px;top:0;width:${WIDTH - 2 * PAD}px;height:${plotHeight}px`;
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH - 2 * PAD;
  canvas.height = plotHeight;
  holder.append(canvas);
  document.body.append(holder);
  const config = toConfig(spec, {
    callbacks: { onOpen() {}, onRangeSelected() {}, onToggleSeries() {}, onReset() {} },
    colors: themeColors(),
    animate: false,
  });
  const chart = new Chart(canvas, {
    ...config,
    options: { ...config.options, responsive: false, devicePixelRatio: SCALE, events: [] },
  });
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  copy.getContext("2d")?.drawImage(canvas, 0, 0);
  chart.destroy();
  holder.remove();
  return copy;
}

interface TextBlock {
  lines: string[];
  font: string;
  color: string;
  lineHeight: number;
}

export function figureCanvas(spec: ChartSpec, text: FigureText): HTMLCanvasElement {
  const colors = themeColors();
  const panels = chartPanels(spec);
  const plotHeight = panels.length > 1 ? PANEL_HEIGHT : PLOT_HEIGHT;
  const plots = panels.map((panel) => drawChart(panel, plotHeight));
  const plotsHeight = plots.length * plotHeight;
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) return plots[0];
  const block = (value: string, font: string, color: string, lineHeight: number): TextBlock => {
    ctx.font = font;
    return {
      lines: wrapWords(value, WIDTH - 2 * PAD, (s) => ctx.measureText(s).width),
      font,
      color,
      lineHeight,
    };
  };
  const header = [
    block(text.title, `bold 22px ${FONT}`, colors.text, 28),
    block(text.rangeWords, `15px ${FONT}`, colors.text, 22),
    block(text.unitLine, `13px ${FONT}`, colors.muted, 18),
  ];
  const footer = [
    ...spec.notes.map((note) => block(note, `12px ${FONT}`, colors.muted, 16)),
    block(text.credit, `12px ${FONT}`, colors.muted, 16),
    block(text.url, `12px ${FONT}`, colors.muted, 16),
  ];
  const height = (blocks: TextBlock[]) =>
    blocks.reduce((sum, b) => sum + b.lines.length * b.lineHeight, 0);
  const total = PAD + height(header) + 12 + plotsHeight + 12 + height(footer) + PAD;
  canvas.width = WIDTH * SCALE;
  canvas.height = Math.ceil(total * SCALE);
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, WIDTH, total);
  ctx.textBaseline = "top";
  let y = PAD;
  const write = (blocks: TextBlock[]) => {
    for (const b of blocks) {
      ctx.font = b.font;
      ctx.fillStyle = b.color;
      for (const line of b.lines) {
        ctx.fillText(line, PAD, y);
        y += b.lineHeight;
      }
    }
  };
  write(header);
  y += 12;
  for (const plot of plots) {
    ctx.drawImage(plot, PAD, y, WIDTH - 2 * PAD, plotHeight);
    y += plotHeight;
  }
  y += 12;
  write(footer);
  return canvas;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An iTXt chunk (UTF-8 text, uncompressed) for a PNG keyword such as "Title" or "Source". */
function textChunk(keyword: string, value: string): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const data = new Uint8Array([
    ...encoder.encode(keyword),
    0, // end of keyword
    0, // not compressed
    0, // compression method
    0, // no language tag
    0, // no translated keyword
    ...encoder.encode(value),
  ]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(encoder.encode("iTXt"), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** The figure as PNG bytes with its title, source and URL also stored as text chunks. */
export async function figurePng(spec: ChartSpec, text: FigureText): Promise<Blob> {
  const canvas = figureCanvas(spec, text);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The browser could not encode the chart as PNG.");
  const png = new Uint8Array(await blob.arrayBuffer());
  // The IHDR chunk always comes first: signature (8 bytes) + IHDR (25 bytes).
  const headerEnd = 8 + 25;
  const chunks = [
    textChunk("Title", `${text.title}, ${text.rangeWords}`),
    textChunk("Source", text.credit),
    textChunk("URL", text.url),
  ];
  return new Blob([png.slice(0, headerEnd), ...chunks, png.slice(headerEnd)], {
    type: "image/png",
  });
}
