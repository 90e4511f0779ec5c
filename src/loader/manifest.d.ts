/** What the build bakes into the loader (rollup.config.mjs, `lapaManifest`). */
declare module 'lapa:manifest' {
  /** Chunk files, relative to the loader's own URL (chunks/<name>-<hash>.js). */
  export const files: string[];
  /** The `integrity` value of each file; '' for the inline one. */
  export const hashes: string[];
  /** Indexes of the files each file imports statically (all inserted with it, in parallel). */
  export const deps: number[][];
  /** Each element's tag, its class's name on `LapaWidgets`, the index of its entry file, and whether its code can import() the purifier. */
  export const elements: [tag: string, className: string, entry: number, sanitizes: boolean][];
  /** The index of the DOMPurify chunk, fetched with an element where the engine lacks the native Sanitizer; -1 when there is none. */
  export const purifier: number;
  /** The index of the core chunk (Lit, the element base), which the loader file carries after its own code. */
  export const inline: number;
}
