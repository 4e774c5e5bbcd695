/**
 * Shortening text for a vendor's field or a message: between whole characters as a reader sees
 * them (grapheme clusters: an emoji with its skin tone, a flag, a family, a letter with its
 * accents), never inside a surrogate pair. The length counted is JavaScript's (UTF-16 code
 * units), which is what the vendors' limits count.
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` made of whole characters that fits in `max` code units. */
export const shorten = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let end = 0;
  // Only the part that can fit is segmented: the cost follows `max`, not the length of the text.
  for (const { segment, index } of graphemes.segment(text.slice(0, max + 16))) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
};

/** `text` cut to `max` with "…" when it was longer (still whole characters). */
export const shortenWithEllipsis = (text: string, max: number): string =>
  text.length <= max ? text : `${shorten(text, Math.max(0, max - 1))}…`;
