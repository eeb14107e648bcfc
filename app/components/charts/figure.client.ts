/**
 * A chart as a publishable PNG, the way FRED and Our World in Data export graphs: drawn again
 * off screen at twice the pixels, on an opaque background in the current theme, with title,
 * range, units, legend, source line and the page's URL, which are also stored as PNG text.
 */
import { Chart } from "chart.js";
import { themeColors, toConfig, type ThemeColors } from "~/components/charts/config.client";
import { legendEntries, SWATCH_HEIGHT, SWATCH_WIDTH, type LegendEntry } from "~/lib/charts/legend";
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
    callbacks: { onOpen() {}, onRangeSelected() {}, onReset() {} },
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

const LEGEND_FONT = `13px ${FONT}`;
const LEGEND_ROW_HEIGHT = 20;
/** Between a swatch and its label, and between one entry and the next on a row. */
const SWATCH_GAP = 6;
const ENTRY_GAP = 18;

interface PlacedEntry {
  entry: LegendEntry;
  x: number;
}

/** The legend's entries in rows as wide as the text column (an entry is never split). */
function legendRows(entries: LegendEntry[], ctx: CanvasRenderingContext2D): PlacedEntry[][] {
  ctx.font = LEGEND_FONT;
  const rows: PlacedEntry[][] = [];
  let row: PlacedEntry[] = [];
  let x = 0;
  for (const entry of entries) {
    const width = SWATCH_WIDTH + SWATCH_GAP + ctx.measureText(entry.label).width;
    if (row.length > 0 && x + width > WIDTH - 2 * PAD) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ entry, x });
    x += width + ENTRY_GAP;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Each entry's swatch from the same path data the page's SVG draws, and its label. */
function drawLegend(
  ctx: CanvasRenderingContext2D,
  rows: PlacedEntry[][],
  top: number,
  colors: ThemeColors,
) {
  ctx.save();
  ctx.font = LEGEND_FONT;
  ctx.textBaseline = "middle";
  rows.forEach((row, i) => {
    const middle = top + i * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2;
    for (const { entry, x } of row) {
      ctx.save();
      ctx.translate(PAD + x, middle - SWATCH_HEIGHT / 2);
      for (const stroke of entry.swatch) {
        const path = new Path2D(stroke.path);
        if (stroke.fill) {
          ctx.fillStyle = colors.series(stroke.fill);
          ctx.fill(path);
        }
        ctx.lineWidth = stroke.width;
        ctx.setLineDash(stroke.dash ?? []);
        ctx.strokeStyle = colors.series(stroke.stroke);
        ctx.stroke(path);
      }
      ctx.restore();
      ctx.fillStyle = colors.text;
      ctx.fillText(entry.label, PAD + x + SWATCH_WIDTH + SWATCH_GAP, middle);
    }
  });
  ctx.restore();
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
  // Hidden series are not in the image, so the legend leaves them out too (the page's legend
  // keeps them as buttons to show them again).
  const legend = legendRows(
    legendEntries(spec).filter((entry) => !entry.hidden),
    ctx,
  );
  const legendHeight = legend.length * LEGEND_ROW_HEIGHT;
  const height = (blocks: TextBlock[]) =>
    blocks.reduce((sum, b) => sum + b.lines.length * b.lineHeight, 0);
  const total =
    PAD + height(header) + 12 + legendHeight + 8 + plotsHeight + 12 + height(footer) + PAD;
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
  drawLegend(ctx, legend, y, colors);
  y += legendHeight + 8;
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
