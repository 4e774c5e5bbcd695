import { errors } from 'zapier-platform-core';

/**
 * Refuses bad input before any request is sent, with a message that starts
 * with the field's label, e.g. "Amount "12,50" uses a comma. …".
 */
export const refuse = (field: string, problem: string, code: 'InvalidInput' | 'InvalidCredential' = 'InvalidInput'): never => {
  throw new errors.Error(`${field} ${problem}`, code, 400);
};

/** Line breaks, tabs and other control characters: never part of a one-line value, a way to inject headers or lines. */
const CONTROL = /[\u0000-\u001f\u007f]/;
/** An HTML tag such as <script>, </b> or <img src=x>; "a < b" and "Jan <jan@x.nl>" are not tags. */
const MARKUP = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;

/** Refuses HTML tags in a text field (shown by a vendor to people, where markup does not belong). */
export const refuseMarkup = (text: string, field: string, code?: 'InvalidInput' | 'InvalidCredential'): string =>
  MARKUP.test(text) ? refuse(field, 'contains HTML (a tag such as <script>). Enter plain text.', code) : text;

/** Refuses line breaks, other control characters and HTML tags in a one-line text field. */
export const refuseUnsafeLine = (text: string, field: string, code?: 'InvalidInput' | 'InvalidCredential'): string =>
  CONTROL.test(text) ? refuse(field, 'contains a line break or another control character. Enter it on one line.', code) : refuseMarkup(text, field, code);
