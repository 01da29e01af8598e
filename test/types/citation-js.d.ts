/** The little of @citation-js/core the RIS export tests use (the package ships no types). */
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      /** One parsing step: RIS text → raw records (`{ TY, TI, AU: [...] … }`). */
      chainLink(input: unknown): unknown;
      /** Every step to CSL-JSON items. */
      chain(input: unknown, options?: { generateGraph?: boolean }): Record<string, unknown>[];
    };
  };
}
declare module '@citation-js/plugin-ris';
