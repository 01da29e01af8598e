/**
 * fast-xml-parser's XMLBuilder options every XML document of the feeds shares (Atom, OPML):
 * attributes as `@_name` properties, entities escaped, an element without content closed as
 * `<name/>`. Pure data.
 */

/**
 * The shared options. `suppressBooleanAttributes: false`: by default XMLBuilder writes an
 * attribute whose value is the text `true` bare (a feed titled "true" gave `<outline text title …/>`,
 * a source `true` `<category term/>`), which is not XML.
 */
export const XML_BUILDER_OPTIONS = { ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, suppressEmptyNode: true, suppressBooleanAttributes: false } as const;
