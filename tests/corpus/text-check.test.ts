import { describe, expect, it } from "vitest";
import { decode, textError } from "../../src/corpus/loader.ts";

/** textError must refuse exactly what decode refuses, for the same reason. */
function expectSameVerdict(bytes: Uint8Array): void {
  const decoded = decode(bytes);
  expect(textError(bytes)).toBe(typeof decoded === "string" ? null : decoded.error);
}

describe("textError (the loader's check without decoding)", () => {
  const cases: [string, Uint8Array][] = [
    ["plain text", Buffer.from("# Title\n\nA passage.\n")],
    ["empty", new Uint8Array(0)],
    ["only ASCII whitespace", Buffer.from(" \n\t\r\n ")],
    ["only non-ASCII whitespace (no-break spaces)", Buffer.from("\u00a0\u2003\u00a0")],
    ["non-ASCII letters only", Buffer.from("éèà ñ")],
    ["invalid UTF-8", Buffer.from([0x41, 0xc3, 0x28, 0x42])],
    ["a NUL byte early", Buffer.from("abc\u0000def")],
    ["a form feed (allowed)", Buffer.from("abc\u000cdef")],
    ["an escape byte", Buffer.from("abc\u001bdef")],
    // 70,000 ASCII chars then a control char: past decode's 65,536-char window, within the byte window.
    ["a control char past the first 65,536 chars", Buffer.from("a".repeat(70_000) + "\u0001")],
    // 3-byte chars: 65,536 chars span 196,608 bytes; a control char at char 60,000 is at byte 180,000.
    [
      "a control char inside the window of multi-byte chars",
      Buffer.from("€".repeat(60_000) + "\u0002" + "€".repeat(10)),
    ],
    ["a control char just past the window of multi-byte chars", Buffer.from("€".repeat(65_536) + "\u0002")],
    ["a large clean file", Buffer.from("word ".repeat(100_000))],
  ];
  for (const [name, bytes] of cases) it(`agrees with decode: ${name}`, () => expectSameVerdict(bytes));
});
