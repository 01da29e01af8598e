/** A file to write under `out/`: its path relative to `out/` and its content. Every renderer returns these. */
export interface OutputFile {
  path: string;
  content: string;
}
