/**
 * Where a chart tooltip goes: beside the mark it describes, inside the visible part of the
 * viewport. The visible part starts below whatever is pinned to the top of the page (the sticky
 * range bar on wide screens): a tooltip never slides under it or covers it. Pure, so the browser
 * code and the unit tests share it.
 */

export interface TooltipPlacementInput {
  /** The mark's position in viewport pixels. */
  caret: { x: number; y: number };
  /** The tooltip box's size. */
  box: { width: number; height: number };
  viewport: { width: number; height: number };
  /** Height pinned to the top of the viewport (0 when nothing sticks there). */
  topInset: number;
  /** Space kept free at the edges of the visible area. */
  margin?: number;
  /** Distance between the mark and the box. */
  gap?: number;
}

export interface TooltipPlacement {
  /** Top-left corner in viewport pixels. */
  left: number;
  top: number;
  /** The most height the box may take so it fits below the inset. */
  maxHeight: number;
}

const clamp = (value: number, low: number, high: number) =>
  Math.min(Math.max(value, low), Math.max(low, high));

/**
 * Right of the mark, else left of it, vertically centred on it; where neither side has room (a
 * phone), centred across the screen below the mark, else above it, so the box does not hide
 * the mark. Always clamped to the visible area.
 */
export function placeTooltip(input: TooltipPlacementInput): TooltipPlacement {
  const margin = input.margin ?? 8;
  const gap = input.gap ?? 14;
  const { caret, box, viewport } = input;
  const minTop = Math.max(input.topInset, 0) + margin;
  const maxHeight = Math.max(viewport.height - minTop - margin, 0);
  const height = Math.min(box.height, maxHeight);
  const maxLeft = viewport.width - margin - box.width;
  const maxTop = viewport.height - margin - height;
  if (caret.x + gap + box.width <= viewport.width - margin) {
    return { left: caret.x + gap, top: clamp(caret.y - height / 2, minTop, maxTop), maxHeight };
  }
  if (caret.x - gap - box.width >= margin) {
    return {
      left: caret.x - gap - box.width,
      top: clamp(caret.y - height / 2, minTop, maxTop),
      maxHeight,
    };
  }
  const left = clamp(caret.x - box.width / 2, margin, maxLeft);
  const below = caret.y + gap;
  const above = caret.y - gap - height;
  const top =
    below + height <= viewport.height - margin
      ? Math.max(below, minTop)
      : above >= minTop
        ? above
        : clamp(below, minTop, maxTop);
  return { left, top, maxHeight };
}
