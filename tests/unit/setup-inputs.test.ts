import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setupInputs } from "../../scripts/lib/setup-inputs.mjs";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tw-setup-inputs-"));
  fs.mkdirSync(path.join(dir, "articles"));
  fs.writeFileSync(path.join(dir, "a.csv"), "date,value\n2019-01-01,1\n");
  fs.writeFileSync(path.join(dir, "articles", "000.txt"), "Title\n\nText.\n");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const past = new Date("2020-01-01T00:00:00Z");

describe("what a later npm start compares before skipping its setup step", () => {
  it("stays the same while nothing changes", () => {
    expect(setupInputs(dir, 1)).toBe(setupInputs(dir, 1));
  });

  it("changes when a data file is added, edited or removed, or the code changes", () => {
    const before = setupInputs(dir, 1);
    expect(setupInputs(dir, 2)).not.toBe(before);

    fs.writeFileSync(path.join(dir, "articles", "001.txt"), "Another\n\nText.\n");
    const added = setupInputs(dir, 1);
    expect(added).not.toBe(before);

    const file = path.join(dir, "a.csv");
    fs.utimesSync(file, past, past);
    const old = setupInputs(dir, 1);
    fs.writeFileSync(file, "date,value\n2019-01-01,2\n"); // same size, new time
    expect(setupInputs(dir, 1)).not.toBe(old);
    const edited = setupInputs(dir, 1);
    expect(edited).not.toBe(added);

    fs.rmSync(path.join(dir, "articles", "001.txt"));
    expect(setupInputs(dir, 1)).not.toBe(edited);
  });

  it("changes when a file grows even if its time is set back", () => {
    const file = path.join(dir, "a.csv");
    fs.utimesSync(file, past, past);
    const before = setupInputs(dir, 1);
    fs.appendFileSync(file, "2019-02-01,3\n");
    fs.utimesSync(file, past, past);
    expect(setupInputs(dir, 1)).not.toBe(before);
  });
});
