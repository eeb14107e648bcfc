/**
 * A one-line progress bar on stderr when it is a terminal; silent otherwise so piped output stays clean.
 */
export function createProgress(total: number, label: string) {
  const tty = Boolean(process.stderr.isTTY);
  let done = 0;
  const width = 28;
  const draw = () => {
    if (!tty) return;
    const ratio = total === 0 ? 1 : done / total;
    const filled = Math.round(ratio * width);
    process.stderr.write(
      `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`,
    );
  };
  return {
    tick(step = 1) {
      done += step;
      draw();
    },
    finish() {
      if (tty) process.stderr.write("\n");
    },
  };
}

/** A bar whose total arrives with the first report (the files found, the articles stored). */
export function createLazyProgress(label: string) {
  let bar: ReturnType<typeof createProgress> | undefined;
  return {
    tick(total: number) {
      bar ??= createProgress(total, label);
      bar.tick();
    },
    finish() {
      bar?.finish();
    },
  };
}
