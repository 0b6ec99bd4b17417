/**
 * The format-neutral shape both parsers produce: metadata and a flat list of
 * headings and paragraphs. `build.ts` turns a draft into a Document.
 */
export interface Block {
  kind: "heading" | "paragraph";
  text: string;
}

export interface Draft {
  title: string | null;
  date: string | null;
  source: string | null;
  url: string | null;
  blocks: Block[];
}
