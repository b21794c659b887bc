// How much of a body is read and drawn at once, so that a 10 MiB capture never freezes the tab.

/** The first part of a large body, shown at once; the rest loads when asked. */
export const PREVIEW_BYTES = 256 * 1024;
/** Text drawn in one <pre> before a "show all" step. */
export const TEXT_RENDER_CHARS = 256 * 1024;
/** Above this the pretty JSON is formatted but not coloured: one span per token gets expensive. */
export const JSON_HIGHLIGHT_CHARS = 200 * 1024;
