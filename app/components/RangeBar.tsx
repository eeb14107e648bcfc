import { useEffect, useRef, type ReactNode } from "react";

/**
 * The date-range bar. On wide screens it sticks to the top of the page, so the page's scroll
 * padding follows its height: whatever is scrolled into view (a focused chart, an anchor) then
 * lands below the bar instead of under it. The stylesheet holds a fallback for pages without
 * JavaScript. `data-keep-clear` keeps chart tooltips from covering it (or sliding under it).
 */
export function RangeBar({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const bar = ref.current;
    if (!bar) return;
    const root = document.documentElement;
    const update = () => {
      const sticky = getComputedStyle(bar).position === "sticky";
      root.style.setProperty("--sticky-top", sticky ? `${bar.offsetHeight}px` : "0px");
    };
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    window.addEventListener("resize", update);
    update();
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", update);
      root.style.removeProperty("--sticky-top");
    };
  }, []);
  return (
    <section ref={ref} className="range-bar" aria-label="Date range" data-keep-clear>
      {children}
    </section>
  );
}
