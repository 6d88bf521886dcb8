import { describe, expect, it } from "vitest";
import { fileSize, fileTypeLabel, isImageType } from "./file-labels";
import { refusalMessage } from "./upload-file";

describe("file labels", () => {
  it("sizes in decimal units, one decimal at most", () => {
    expect(fileSize(0)).toBe("0 B");
    expect(fileSize(999)).toBe("999 B");
    expect(fileSize(1000)).toBe("1 KB");
    expect(fileSize(12_345)).toBe("12.3 KB");
    expect(fileSize(3_100_000)).toBe("3.1 MB");
  });

  it("names a type by its media type, else the file's extension, else the media subtype", () => {
    expect(fileTypeLabel("application/pdf", "notes.pdf")).toBe("PDF");
    expect(fileTypeLabel("text/csv; charset=utf-8", "table")).toBe("CSV");
    expect(fileTypeLabel("text/x-python", "plot.py")).toBe("PY");
    expect(fileTypeLabel("image/webp")).toBe("WEBP");
    expect(isImageType("image/png")).toBe(true);
    expect(isImageType("application/pdf")).toBe(false);
  });
});

describe("upload refusals", () => {
  it("shows the server's message as it is", () => {
    expect(refusalMessage(413, { error: "This file is over 20 MB.", code: "file_too_large" })).toBe(
      "This file is over 20 MB.",
    );
  });

  it("says what went wrong by status when the body has no message", () => {
    expect(refusalMessage(415, null)).toBe("This type of file cannot be attached.");
    expect(refusalMessage(413, "<html>")).toBe("This file is too large.");
    expect(refusalMessage(502, {})).toBe("The upload failed (HTTP 502).");
  });
});
