import { describe, expect, it } from "vitest";
import { placeTooltip } from "~/lib/charts/tooltip-place";

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 900 };
const inside = (
  place: { left: number; top: number },
  box: { width: number; height: number },
  viewport: { width: number; height: number },
  topInset: number,
) =>
  place.left >= 8 &&
  place.left + box.width <= viewport.width - 8 &&
  place.top >= topInset + 8 &&
  place.top + box.height <= viewport.height - 8;

describe("placeTooltip", () => {
  it("puts the box right of the mark, vertically centred on it", () => {
    const box = { width: 300, height: 200 };
    const place = placeTooltip({ caret: { x: 400, y: 500 }, box, viewport: desktop, topInset: 0 });
    expect(place).toEqual({ left: 414, top: 400, maxHeight: 884 });
  });

  it("flips to the left of a mark near the right edge", () => {
    const box = { width: 300, height: 200 };
    const place = placeTooltip({ caret: { x: 1300, y: 500 }, box, viewport: desktop, topInset: 0 });
    expect(place.left).toBe(1300 - 14 - 300);
    expect(inside(place, box, desktop, 0)).toBe(true);
  });

  it("never goes under the sticky range bar, even for a mark just below it", () => {
    const box = { width: 384, height: 294 };
    // The mark sits 13 px below an 87 px sticky bar: centring would put the box at y = -47.
    const place = placeTooltip({ caret: { x: 598, y: 100 }, box, viewport: desktop, topInset: 87 });
    expect(place.top).toBe(95);
    expect(inside(place, box, desktop, 87)).toBe(true);
    // Without the bar the same box may use the top of the screen.
    expect(
      placeTooltip({ caret: { x: 598, y: 100 }, box, viewport: desktop, topInset: 0 }).top,
    ).toBe(8);
  });

  it("on a phone, where no side has room, goes below the mark (or above it) across the screen", () => {
    const box = { width: 374, height: 294 };
    const below = placeTooltip({ caret: { x: 300, y: 100 }, box, viewport: phone, topInset: 0 });
    expect(below).toEqual({ left: 8, top: 114, maxHeight: 884 });
    const above = placeTooltip({ caret: { x: 300, y: 800 }, box, viewport: phone, topInset: 0 });
    expect(above.top).toBe(800 - 14 - 294);
    for (const place of [below, above]) expect(inside(place, box, phone, 0)).toBe(true);
    // Neither side of the mark has room for the box: it stays on screen, clamped.
    const tall = { width: 374, height: 700 };
    const middle = placeTooltip({
      caret: { x: 300, y: 450 },
      box: tall,
      viewport: phone,
      topInset: 0,
    });
    expect(inside(middle, tall, phone, 0)).toBe(true);
  });

  it("caps the height at what fits below the bar", () => {
    const box = { width: 300, height: 2000 };
    const place = placeTooltip({ caret: { x: 400, y: 500 }, box, viewport: desktop, topInset: 87 });
    expect(place.maxHeight).toBe(900 - 87 - 16);
    expect(place.top).toBe(95);
  });

  it("keeps every box inside the visible area for marks anywhere on screen", () => {
    for (const viewport of [desktop, phone])
      for (const topInset of [0, 87])
        for (let x = 0; x <= viewport.width; x += 37)
          for (let y = topInset; y <= viewport.height; y += 41)
            for (const box of [
              { width: 200, height: 120 },
              { width: Math.min(384, viewport.width - 16), height: 294 },
            ]) {
              const place = placeTooltip({ caret: { x, y }, box, viewport, topInset });
              expect(inside(place, box, viewport, topInset), `${x},${y}`).toBe(true);
            }
  });
});
